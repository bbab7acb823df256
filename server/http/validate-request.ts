// Validation at the edge: each route declares JSON Schemas for its body and
// query; a failure is VALIDATION_FAILED naming where (`body`, `query`, `params`)
// and the JSON pointer of every problem.
import Ajv, { type ErrorObject } from 'ajv';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';

const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false });
ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

type Where = 'body' | 'query' | 'params';
const WHERE_ZH: Record<Where, string> = { body: '正文', query: '查询参数', params: '路径参数' };
export type Schema = Record<string, unknown>;

function issues(where: Where, errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map((e) => ({
    in: where,
    pointer: e.instancePath || (e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : ''),
    keyword: e.keyword,
    message: e.message ?? 'invalid',
  }));
}

export type RequestSchemas = Partial<Record<Where, Schema>>;

/** The schemas each validating handler checks, so the OpenAPI document describes exactly what is enforced. */
const declared = new WeakMap<RequestHandler, RequestSchemas>();

export function requestSchemasOf(handler: unknown): RequestSchemas | undefined {
  return typeof handler === 'function' ? declared.get(handler as RequestHandler) : undefined;
}

export function validate(schemas: RequestSchemas): RequestHandler {
  const compiled = Object.entries(schemas).map(([where, schema]) => [where as Where, ajv.compile(schema)] as const);
  const handler: RequestHandler = (req, _res, next) => {
    for (const [where, check] of compiled) {
      const value = where === 'body' ? (req.body ?? {}) : req[where];
      if (!check(value)) {
        const found = issues(where, check.errors);
        const list = found.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ');
        throw new HttpError('VALIDATION_FAILED', { zh: `请求${WHERE_ZH[where]}不符合要求：${list}`, en: `Invalid request ${where}: ${list}` }, { issues: found });
      }
    }
    next();
  };
  declared.set(handler, schemas);
  return handler;
}
