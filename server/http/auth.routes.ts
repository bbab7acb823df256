// POST /auth/login, POST /auth/logout, POST /auth/password, GET /auth/me.
// A sign-in writes its session to the session store (sessions.ts) and nothing to
// db.json; attempts reach the audit log as a periodic summary (login-audit.ts);
// guessing is throttled per account and per address (login-limiter.ts).
import { Router, type Request } from 'express';
import type { AppContext } from './context';
import { HttpError } from './errors';
import type { Refusal } from './login-limiter';
import { checkPassword } from './password-policy';
import { hashPassword, verifyPassword } from './passwords';
import { authenticate, currentUser, userView } from './roles';
import { clearedCookie, sessionCookie } from './sessions';
import { validate } from './validate-request';

const loginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
};

// The new password's length is the policy's to judge (PASSWORD_POLICY with the limit), not the schema's.
const passwordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 1024 }, newPassword: { type: 'string', minLength: 1, maxLength: 1024 } },
};

/** The wait in words: seconds under a minute, whole minutes above. */
function wait(seconds: number): { zh: string; en: string } {
  if (seconds < 60) return { zh: `${seconds} 秒`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `${minutes} 分钟`, en: `${minutes} minute${minutes === 1 ? '' : 's'}` };
}

function rateLimited(refusal: Refusal, what: 'sign-in' | 'password'): HttpError {
  const { zh, en } = wait(refusal.retryAfter);
  const message =
    refusal.scope === 'address'
      ? { zh: `此地址登录失败次数过多，请 ${zh}后再试`, en: `Too many failed sign-ins from this address; try again in ${en}` }
      : what === 'password'
        ? { zh: `密码错误次数过多，请 ${zh}后再试`, en: `Too many wrong passwords; try again in ${en}` }
        : { zh: `该账号登录失败次数过多，请 ${zh}后再试`, en: `Too many failed sign-ins for this account; try again in ${en}` };
  return new HttpError('RATE_LIMITED', message, { retryAfter: refusal.retryAfter, scope: refusal.scope }, { 'Retry-After': String(refusal.retryAfter) });
}

const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function authRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config, sessions, limiter, loginAudit } = ctx;
  // Unknown users cost as much as known ones, so timing does not tell which names exist.
  const decoy = hashPassword('decoy', config.scryptCost);

  /** A new session for `username` in a cookie; a store that cannot write keeps it in memory (logged), the sign-in still succeeds. */
  const openSession = async (username: string, from: string): Promise<string> => {
    const { session, persisted } = await sessions.create(username, from);
    if (persisted !== true) config.logError(persisted);
    return sessionCookie(session.token, Math.floor(config.sessionTtlMs / 1000), config.secureCookies);
  };

  router.post('/login', validate({ body: loginBody }), async (req, res) => {
    const { username, password } = req.body as { username: string; password: string };
    const ip = clientAddress(req);
    const user = store.users.get(username);
    const refusal = limiter.refusal(username, ip, config.clock());
    if (refusal) {
      loginAudit.failure(username, ip, { known: user !== undefined, refused: true });
      throw rateLimited(refusal, 'sign-in');
    }
    const ok = (await verifyPassword(password, user?.passwordHash ?? (await decoy))) && user !== undefined && !user.disabled;
    if (!ok || !user) {
      limiter.fail(username, ip, config.clock());
      loginAudit.failure(username, ip, { known: user !== undefined, refused: false });
      throw new HttpError('INVALID_CREDENTIALS', { zh: '用户名或密码错误', en: 'Wrong user name or password' });
    }
    limiter.succeed(username);
    res.setHeader('Set-Cookie', await openSession(username, ip));
    loginAudit.success(username, ip);
    res.json({ user: userView(ctx, user) });
  });

  router.post('/logout', authenticate(ctx), async (_req, res) => {
    await sessions.delete(res.locals.sessionId as string);
    res.setHeader('Set-Cookie', clearedCookie(config.secureCookies));
    res.status(204).end();
  });

  // Anyone signed in changes their own password with the current one. Every session of
  // theirs ends, this one too: it is replaced by a new one (a new token in the cookie).
  router.post('/password', authenticate(ctx), validate({ body: passwordBody }), async (req, res) => {
    const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
    const user = currentUser(res);
    const ip = clientAddress(req);
    // Guesses here count with failed sign-ins: a borrowed session must not become a password oracle.
    const refusal = limiter.refusal(user.username, ip, config.clock());
    if (refusal) throw rateLimited(refusal, 'password');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      limiter.fail(user.username, ip, config.clock());
      throw new HttpError('INVALID_CREDENTIALS', { zh: '当前密码错误', en: 'The current password is wrong' });
    }
    await checkPassword(newPassword, { username: user.username, minLength: config.passwordMinLength, previousHash: user.passwordHash });
    await store.users.update(user.username, { passwordHash: await hashPassword(newPassword, config.scryptCost) }, { actor: user.username, at: config.now() });
    await sessions.deleteUser(user.username);
    res.setHeader('Set-Cookie', await openSession(user.username, ip));
    res.status(204).end();
  });

  router.get('/me', authenticate(ctx), (_req, res) => {
    res.json({ user: userView(ctx, currentUser(res)) });
  });
  return router;
}
