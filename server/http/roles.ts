// Who may do what. `authenticate` puts the signed-in user on res.locals (read
// fresh from the store on every request, so a role change or a disable takes
// effect at once); `allow` refuses any other role. Department and series checks
// need the resource and live with the routes, through the helpers below.
import type { RequestHandler, Response } from 'express';
import type { Text } from '../../engine/index';
import type { Role, UserRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { readCookie, SESSION_COOKIE } from './sessions';

export type PublicUser = Omit<UserRecord, 'passwordHash'>;

export function publicUser(user: UserRecord): PublicUser {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

/** A user as the API answers: no password hash, and the last sign-in from the session store (db.json is not rewritten for one; its `lastLoginAt` is from before). */
export function userView(ctx: Pick<AppContext, 'sessions'>, user: UserRecord): PublicUser {
  const view = publicUser(user);
  const last = ctx.sessions.lastSignIn(user.username);
  return last !== undefined ? { ...view, lastLoginAt: last } : view;
}

export function authenticate(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const session = ctx.sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE));
    const user = session && ctx.store.users.get(session.username);
    if (!session || !user || user.disabled) throw new HttpError('UNAUTHENTICATED', { zh: '请先登录', en: 'Sign in first' });
    res.locals.user = user;
    res.locals.sessionId = session.token;
    next();
  };
}

export function allow(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!roles.includes(user.role)) throw forbidden({ zh: `角色 ${user.role} 无权执行此操作`, en: `The ${user.role} role may not do this` }, { role: user.role, allowed: roles });
    next();
  };
}

export function currentUser(res: Response): UserRecord {
  const user = res.locals.user as UserRecord | undefined;
  if (!user) throw new HttpError('UNAUTHENTICATED', { zh: '请先登录', en: 'Sign in first' });
  return user;
}

export function forbidden(message: Text, details: Record<string, unknown> = {}): HttpError {
  return new HttpError('FORBIDDEN', message, details);
}

/** Administrators edit every department; officials only their own. */
export function requireDepartment(user: UserRecord, department: string): void {
  if (user.role === 'admin') return;
  if (user.role === 'official' && user.department === department) return;
  throw forbidden({ zh: `只有 ${department} 的部门用户可以修改其规则集`, en: `Only officials of ${department} may change its rulesets` }, { department });
}

/** Administrators run every series; committee members only their own. */
export function requireSeries(user: UserRecord, series: string | undefined): void {
  if (user.role === 'admin') return;
  if (user.role === 'committee' && series !== undefined && user.series === series) return;
  throw forbidden({ zh: `只有 ${series ?? '（无）'} 系列的评委可以使用此规则集`, en: `Only the committee of series ${series ?? '(none)'} may run this ruleset` }, { series: series ?? null });
}
