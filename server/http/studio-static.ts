// Serves the built studio (studio/dist): hashed assets cached for a year, every
// other GET that asks for a page answered with index.html so the studio's router
// can take the path; everything gzip-compressed. The studio gets its own Content-Security-Policy: scripts
// only from this origin; inline styles, because Element Plus and CodeMirror set them.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { HttpError } from './errors';

const STUDIO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>评审 Pingshen</title>
<p>评审工作台尚未构建：请运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。</p>
<p>The studio is not built yet: run <code>npm run build</code> (<code>npm start</code> builds it).</p>`;

const invalidPath = () => new HttpError('INVALID_PATH', { zh: '无效的路径', en: 'Invalid path' }, {});

/**
 * A path that climbs out of the studio's directory (`..` once decoded: `/assets/..%2f…`),
 * holds a NUL or cannot be decoded is refused before the file system is asked: 400
 * INVALID_PATH, not send's 403 or a URIError that would end as a 500.
 */
const safePath: RequestHandler = (req, _res, next) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    throw invalidPath();
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((segment) => segment === '..')) throw invalidPath();
  next();
};

export function studioRouter(studioDir: string): Router {
  const dir = resolve(studioDir);
  const router = express.Router();
  const pageHeaders: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', STUDIO_CSP);
    next();
  };
  router.use(pageHeaders);
  router.use(safePath);
  // The studio's scripts compress ~3:1. Only here: the API's event streams must not be buffered.
  router.use(compression());
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      fallthrough: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  // fallthrough: false hands send's own errors on (a missing asset: 404): answered as such, not as a 500.
  router.use('/assets', ((err, _req, _res, next) => {
    const status = (err as { status?: unknown }).status;
    if (status === 404) next(new HttpError('NOT_FOUND', { zh: '没有这个文件', en: 'No such file' }, {}));
    else if (typeof status === 'number' && status >= 400 && status < 500) next(invalidPath());
    else next(err);
  }) as ErrorRequestHandler);
  router.use(express.static(dir, { index: false }));
  router.get(/.*/, (req, res, next) => {
    // API paths never fall back to the page: an unknown route stays a JSON 404.
    if (req.path.startsWith('/api/') || !req.accepts('html')) return next();
    const index = join(dir, 'index.html');
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT_PAGE);
      return;
    }
    res.sendFile(index);
  });
  return router;
}
