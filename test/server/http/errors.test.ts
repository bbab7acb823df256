import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PingshenError } from '../../../engine/index';
import { createApp } from '../../../server/http/app';
import { ERROR_STATUS, HttpError, toErrorBody } from '../../../server/http/errors';
import { StorageError } from '../../../server/storage/index';
import { COST, PASSWORD, setup } from './helpers';

const readme = readFileSync(new URL('../../../server/http/README.md', import.meta.url), 'utf8').split('## Errors')[1] ?? '';

describe('error registry', () => {
  it.each(Object.entries(ERROR_STATUS))('%s (%i) is documented in server/http/README.md', (code, status) => {
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${code}\``));
    expect(row, `no row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${status} |`);
  });

  it('maps each kind of error to its code, and unknown errors to 500 without a stack', () => {
    expect(toErrorBody(new HttpError('FORBIDDEN', 'no')).body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'no', details: {} });
    expect(toErrorBody(new StorageError('VERSION_CONFLICT', { zh: '冲突', en: 'conflict' }, { latest: 2 })).body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT', details: { latest: 2 } });
    expect(toErrorBody(new PingshenError('APPLICANT_INVALID', 'bad', [])).body).toMatchObject({ statusCode: 422, code: 'APPLICANT_INVALID', details: { issues: [] } });
    const bug = toErrorBody(new TypeError('x is undefined'));
    expect(bug.unexpected).toBe(true);
    expect(bug.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error', details: {} });
  });
});

describe('an unexpected failure inside a route', () => {
  it('is logged on the server and answered as INTERNAL without a stack', async () => {
    const { store } = await setup();
    const logged: unknown[] = [];
    const rulesets = Object.create(store.rulesets, { list: { value: () => { throw new TypeError('index is gone'); } } }) as typeof store.rulesets;
    const broken = { ...store, rulesets };
    const app = createApp({ store: broken, config: { scryptCost: COST, logError: (err) => logged.push(err) } });
    const agent = request.agent(app);
    await agent.post('/api/v1/auth/login').send({ username: 'auditor', password: PASSWORD });
    const res = await agent.get('/api/v1/rulesets');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error', details: {} });
    expect(logged).toHaveLength(1);
  });
});
