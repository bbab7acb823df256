// What a request must look like before any parser or route sees it, against
// cross-site request forgery and bodies the API does not read:
//
// - A state-changing request (POST, PUT, PATCH, DELETE) whose `Origin` is not the
//   origin the server is served from (or one of `config.allowedOrigins`, for a
//   reverse proxy that rewrites Host) is refused with 403 CROSS_ORIGIN; without an
//   `Origin`, a browser's `Sec-Fetch-Site` other than `same-origin` (or `none`: typed
//   by the user) is refused the same way. Neither header: not a browser (curl, the
//   CLI, scripts) — nothing to forge, allowed. SameSite=Strict alone is not enough:
//   a page on another port of the same host is same-site and gets the cookie.
// - Its body must be `application/json`, or one of the raw types its route declares
//   (`rawFileBody`: uploads, quota and expert imports, filing verify); anything else
//   — `text/plain`, forms, multipart, the types an HTML form or a `no-cors` fetch can
//   send without a preflight — is 415 UNSUPPORTED_MEDIA_TYPE. A request without a
//   body needs no type.
// - A body is read as sent: any `Content-Encoding` but identity is 415
//   UNSUPPORTED_ENCODING (the studio never compresses what it sends, and a
//   compressed body is a way round the size limits).
import type { Request, RequestHandler, Router } from 'express';
import { HttpError } from './errors';
import { rawBodyTypesOf } from './raw-body';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const JSON_TYPE = 'application/json';

/** A route whose body is a raw file, and the types it reads. */
export interface RawRoute {
  method: string;
  pattern: RegExp;
  types: string[];
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: unknown }> };
}

/** The raw-body routes of the mounted routers (full paths under `prefix`), read off the handlers `rawFileBody` made. */
export function rawRoutes(prefix: string, mounted: ReadonlyArray<readonly [string, Router]>): RawRoute[] {
  const found: RawRoute[] = [];
  for (const [mount, router] of mounted) {
    for (const layer of router.stack as RouterLayer[]) {
      if (!layer.route) continue;
      const types = layer.route.stack.map((l) => rawBodyTypesOf(l.handle)).find((t) => t !== undefined);
      if (!types) continue;
      const path = (prefix + mount + layer.route.path).replace(/\/$/, '');
      const pattern = new RegExp(`^${path.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`);
      for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), pattern, types: [...types] });
    }
  }
  return found;
}

/** The origin this request was sent to, as a browser names it (behind a trusted proxy: its forwarded protocol and host). */
export function servedOrigin(req: Request): string | undefined {
  const host = req.host;
  return host ? `${req.protocol}://${host}` : undefined;
}

/** `type/subtype` of a Content-Type, without parameters (charset…), lower case. */
function essence(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

export function requestGuard(options: { allowedOrigins: readonly string[]; rawRoutes: () => readonly RawRoute[] }): RequestHandler {
  const allowed = new Set(options.allowedOrigins.map((o) => o.replace(/\/$/, '').toLowerCase()));
  return (req, _res, next) => {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw new HttpError(
        'UNSUPPORTED_ENCODING',
        { zh: `不接受压缩的请求正文（Content-Encoding: ${encoding}），请直接发送`, en: `Compressed request bodies (Content-Encoding: ${encoding}) are not accepted; send the body as is` },
        { encoding, accepted: ['identity'] },
      );
    }
    if (!STATE_CHANGING.has(req.method)) return next();

    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    if (origin !== undefined) {
      const served = servedOrigin(req)?.toLowerCase();
      const normalized = origin.toLowerCase();
      if (normalized !== served && !allowed.has(normalized)) {
        throw new HttpError('CROSS_ORIGIN', { zh: '拒绝来自其他网站的请求', en: `Requests from another origin are refused (${origin})` }, { origin, expected: servedOrigin(req) ?? null });
      }
    } else if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw new HttpError('CROSS_ORIGIN', { zh: '拒绝来自其他网站的请求', en: `Requests from another site are refused (Sec-Fetch-Site: ${fetchSite})` }, { secFetchSite: fetchSite });
    }

    const contentType = req.headers['content-type'];
    if (contentType === undefined && !hasBody(req)) return next();
    const path = req.path;
    const raw = options.rawRoutes().find((r) => r.method === req.method && r.pattern.test(path));
    const accepted = raw ? raw.types : [JSON_TYPE];
    if (contentType === undefined || !accepted.includes(essence(contentType))) {
      const found = contentType ?? null;
      throw new HttpError(
        'UNSUPPORTED_MEDIA_TYPE',
        { zh: `请求正文的类型 ${found ?? '（未指定）'} 不被接受，应为 ${accepted.join(' 或 ')}`, en: `The request body's type ${found ?? '(none)'} is not accepted; send ${accepted.join(' or ')}` },
        { contentType: found, accepted },
      );
    }
    next();
  };
}
