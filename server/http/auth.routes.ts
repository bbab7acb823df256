// POST /auth/login, POST /auth/logout, POST /auth/password, GET /auth/me.
import { Router } from 'express';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { hashPassword, verifyPassword } from './passwords';
import { authenticate, currentUser, publicUser } from './roles';
import { sessionCookie, SESSION_COOKIE } from './sessions';
import { validate } from './validate-request';

const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
};

const passwordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 1024 }, newPassword: { type: 'string', minLength: 8, maxLength: 1024 } },
};

export function authRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config, sessions, limiter } = ctx;
  // Unknown users cost as much as known ones, so timing does not tell which names exist.
  const decoy = hashPassword('decoy', config.scryptCost);

  router.post('/login', validate({ body: loginBody }), async (req, res) => {
    const { username, password } = req.body as { username: string; password: string };
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = limiter.retryAfter(username, ip);
    if (wait > 0) throw new HttpError('RATE_LIMITED', { zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' }, { retryAfter: wait }, { 'Retry-After': String(wait) });
    const user = store.users.get(username);
    const ok = (await verifyPassword(password, user?.passwordHash ?? (await decoy))) && user !== undefined && !user.disabled;
    await store.users.recordLogin(username, { ok, at: config.now(), from: ip });
    if (!ok || !user) {
      limiter.fail(username, ip);
      throw new HttpError('INVALID_CREDENTIALS', { zh: '用户名或密码错误', en: 'Wrong user name or password' });
    }
    limiter.succeed(username, ip);
    const session = sessions.create(username);
    res.setHeader('Set-Cookie', sessionCookie(session.id, Math.floor(config.sessionTtlMs / 1000), config.secureCookies));
    res.json({ user: publicUser(store.users.get(username) ?? user) });
  });

  router.post('/logout', authenticate(ctx), (_req, res) => {
    sessions.delete(res.locals.sessionId as string);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.status(204).end();
  });

  // Anyone signed in changes their own password with the current one; their other sessions end.
  router.post('/password', authenticate(ctx), validate({ body: passwordBody }), async (req, res) => {
    const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
    const user = currentUser(res);
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    // Guesses here count with failed sign-ins: a borrowed session must not become a password oracle.
    const wait = limiter.retryAfter(user.username, ip);
    if (wait > 0) throw new HttpError('RATE_LIMITED', { zh: '密码错误次数过多，请稍后再试', en: 'Too many wrong passwords; try again later' }, { retryAfter: wait }, { 'Retry-After': String(wait) });
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      limiter.fail(user.username, ip);
      throw new HttpError('INVALID_CREDENTIALS', { zh: '当前密码错误', en: 'The current password is wrong' });
    }
    await store.users.update(user.username, { passwordHash: await hashPassword(newPassword, config.scryptCost) }, { actor: user.username, at: config.now() });
    sessions.deleteUser(user.username, res.locals.sessionId as string);
    res.status(204).end();
  });

  router.get('/me', authenticate(ctx), (_req, res) => {
    res.json({ user: publicUser(currentUser(res)) });
  });
  return router;
}
