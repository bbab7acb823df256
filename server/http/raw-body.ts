// A file sent as the raw request body (uploads, quota and expert imports, filing
// packages), with its own size limit (config.uploadLimit) and a 413 that says what
// the limit is for — body-parser's own does not.
import express, { type RequestHandler } from 'express';
import { HttpError } from './errors';

/** The types each raw-body handler reads, so the request guard and the OpenAPI document know the raw routes. */
const declared = new WeakMap<RequestHandler, readonly string[]>();

export function rawBodyTypesOf(handler: unknown): readonly string[] | undefined {
  return typeof handler === 'function' ? declared.get(handler as RequestHandler) : undefined;
}

export function rawFileBody(limit: string, type: string | string[] = 'application/octet-stream'): RequestHandler {
  const raw = express.raw({ type, limit });
  const handler: RequestHandler = (req, res, next) => {
    raw(req, res, (err?: unknown) => {
      if (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.too.large') {
        next(new HttpError('PAYLOAD_TOO_LARGE', { zh: `文件超过上传大小上限 ${limit}`, en: `The file exceeds the upload limit of ${limit}` }, { limit }));
        return;
      }
      next(err);
    });
  };
  declared.set(handler, typeof type === 'string' ? [type] : [...type]);
  return handler;
}
