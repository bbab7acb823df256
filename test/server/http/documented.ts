// A real response checked against what openapi.json documents for its route and
// status (as openapi-contract.test.ts does for the core API), so a committee
// route's suite keeps its own part of the document true.
import Ajv2020 from 'ajv/dist/2020';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { expect } from 'vitest';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** `conforms(method, path, res)` for one app's document. */
export async function documented(app: Express): Promise<(method: string, path: string, res: Response) => Response> {
  const doc = (await request(app).get('/api/v1/openapi.json')).body as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(doc, 'api');
  return (method, path, res) => {
    const operation = doc.paths[path]?.[method];
    expect(operation, `${method} ${path} is documented`).toBeDefined();
    const status = operation!.responses[String(res.status)] ? String(res.status) : 'default';
    expect(status === 'default' ? res.status >= 400 : true, `${method} ${path} answered an undocumented ${res.status}`).toBe(true);
    if (operation!.responses[status]!.content?.['application/json']) {
      const validate = ajv.getSchema(`api#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`)!;
      expect(validate(res.body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    return res;
  };
}
