import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createContext, RESOURCES } from '../../../server/http/app';
import { ROUTES } from '../../../server/http/openapi';
import { setup } from './helpers';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('openapi.json', () => {
  it('lists every registered route, and nothing else', async () => {
    const { app, store } = await setup({ users: false });
    const ctx = createContext({ store });
    const registered = [
      'get /health',
      'get /openapi.json',
      ...RESOURCES.flatMap(([mount, router]) =>
        (router(ctx).stack as Layer[])
          .filter((layer) => layer.route)
          .flatMap((layer) =>
            Object.keys(layer.route!.methods).map((m) => `${m} ${(mount + layer.route!.path).replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`),
          ),
      ),
    ].sort();
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(registered);

    const res = await request(app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/rulesets/{id}/versions/{version}/approve');
  });
});
