// /users: administrators manage accounts; auditors may read them. A password
// hash never leaves the server.
import { Router } from 'express';
import type { Role, UserPatch, UserRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { hashPassword } from './passwords';
import { checkPassword } from './password-policy';
import { allow, authenticate, currentUser, userView } from './roles';
import { validate } from './validate-request';

const ROLES: Role[] = ['admin', 'official', 'committee', 'auditor'];
const name = { type: 'string', minLength: 1, maxLength: 64 };
// Its length is the policy's to judge (PASSWORD_POLICY with the limit), not the schema's.
const password = { type: 'string', minLength: 1, maxLength: 1024 };

const createBody = {
  type: 'object',
  required: ['username', 'displayName', 'role', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9_.-]{2,64}$' },
    displayName: name,
    role: { enum: ROLES },
    department: name,
    series: name,
    password,
  },
};

const updateBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: name,
    role: { enum: ROLES },
    department: name,
    series: name,
    disabled: { type: 'boolean' },
    password,
  },
};

/** An official needs a department and a committee member a series. */
function checkScope(user: Pick<UserRecord, 'role' | 'department' | 'series'>): void {
  if (user.role === 'official' && !user.department) {
    throw new HttpError('VALIDATION_FAILED', { zh: '部门用户须指定部门', en: 'A department official needs a department' }, { issues: [{ in: 'body', pointer: '/department', message: 'required for role official' }] });
  }
  if (user.role === 'committee' && !user.series) {
    throw new HttpError('VALIDATION_FAILED', { zh: '评委须指定系列', en: 'A committee member needs a series' }, { issues: [{ in: 'body', pointer: '/series', message: 'required for role committee' }] });
  }
}

export function usersRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config, sessions, limiter } = ctx;
  router.use(authenticate(ctx));

  router.get('/', allow('admin', 'auditor'), (_req, res) => {
    res.json({ users: store.users.list().map((u) => userView(ctx, u)) });
  });

  router.get('/:username', allow('admin', 'auditor'), (req, res) => {
    const user = store.users.get(req.params.username as string);
    if (!user) throw new HttpError('NOT_FOUND', { zh: `没有用户 ${req.params.username}`, en: `No user ${req.params.username}` }, { username: req.params.username });
    res.json({ user: userView(ctx, user) });
  });

  router.post('/', allow('admin'), validate({ body: createBody }), async (req, res) => {
    const { password: plain, ...fields } = req.body as Omit<UserRecord, 'passwordHash' | 'createdAt' | 'updatedAt' | 'disabled'> & { password: string };
    checkScope(fields);
    await checkPassword(plain, { username: fields.username, minLength: config.passwordMinLength });
    const user = await store.users.create({ ...fields, passwordHash: await hashPassword(plain, config.scryptCost) }, { actor: currentUser(res).username, at: config.now() });
    res.status(201).json({ user: userView(ctx, user) });
  });

  router.patch('/:username', allow('admin'), validate({ body: updateBody }), async (req, res) => {
    const username = req.params.username as string;
    const existing = store.users.get(username);
    if (!existing) throw new HttpError('NOT_FOUND', { zh: `没有用户 ${username}`, en: `No user ${username}` }, { username });
    const { password: plain, ...rest } = req.body as UserPatch & { password?: string };
    const patch: UserPatch = { ...rest };
    if (plain !== undefined) {
      await checkPassword(plain, { username, minLength: config.passwordMinLength, previousHash: existing.passwordHash });
      patch.passwordHash = await hashPassword(plain, config.scryptCost);
    }
    checkScope({ role: patch.role ?? existing.role, department: patch.department ?? existing.department, series: patch.series ?? existing.series });
    const losesAdmin = existing.role === 'admin' && !existing.disabled && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && !store.users.list().some((u) => u.role === 'admin' && !u.disabled && u.username !== username)) {
      throw new HttpError('LAST_ADMIN', { zh: `${username} 是最后一个可用的管理员`, en: `${username} is the last enabled administrator` }, { username });
    }
    const user = await store.users.update(username, patch, { actor: currentUser(res).username, at: config.now() });
    // A new password, a disable or another role ends every session of the user: whoever
    // holds one signs in again under what the account now is. (A department or series
    // change does not: every request reads the user afresh, so the new scope holds at once.)
    if (plain !== undefined) limiter.reset(username);
    if (plain !== undefined || patch.disabled === true || (patch.role !== undefined && patch.role !== existing.role)) await sessions.deleteUser(username);
    res.json({ user: userView(ctx, user) });
  });
  return router;
}
