// Users. The password hash is opaque here (the auth layer makes and checks it) and
// never reaches the audit log: an entry says that it changed and carries its sha256
// (audit-users.ts), so a verify can tell a hash set by hand in db.json.
import { text } from '../io/text';
import { credentialDigest } from './audit-users';
import type { Committer } from './committer';
import { StorageError } from './errors';
import type { Act, NewUser, Role, UserPatch, UserRecord, UserRepository } from './types';
import { requireAct, requireText } from './validate';

const ROLES: readonly Role[] = ['admin', 'official', 'committee', 'auditor'];
/** What an update may change (a request body may carry more; the rest is ignored). */
const PATCH_KEYS: ReadonlyArray<keyof UserPatch> = ['displayName', 'role', 'department', 'series', 'passwordHash', 'disabled'];

function requireRole(role: unknown): void {
  if (!ROLES.includes(role as Role)) throw new StorageError('INVALID_ARGUMENT', text(`角色只能是 ${ROLES.join('、')}`, `role must be one of ${ROLES.join(', ')}`), { field: 'role' });
}

/** What the audit log may say about a user. */
function visible(user: Partial<UserRecord>): Record<string, unknown> {
  const { passwordHash: _secret, ...rest } = user;
  return rest;
}

const target = (username: string) => `user:${username}`;

export class LowUserRepository implements UserRepository {
  constructor(private readonly committer: Committer) {}

  async create(user: NewUser, act: Act): Promise<UserRecord> {
    requireAct(act);
    requireText(user.username, 'username', text('缺少用户名', 'No username given'));
    requireText(user.passwordHash, 'passwordHash', text('缺少密码', 'No password given'));
    requireRole(user.role);
    return this.committer.commit((data) => {
      if (data.users.some((u) => u.username === user.username)) {
        throw new StorageError('ALREADY_EXISTS', text(`用户 ${user.username} 已存在`, `User ${user.username} already exists`), { username: user.username });
      }
      const record: UserRecord = {
        username: user.username,
        displayName: user.displayName ?? user.username,
        role: user.role,
        ...(user.department !== undefined ? { department: user.department } : {}),
        ...(user.series !== undefined ? { series: user.series } : {}),
        passwordHash: user.passwordHash,
        disabled: user.disabled ?? false,
        createdAt: act.at,
        updatedAt: act.at,
      };
      data.users.push(record);
      const details = { ...visible(record), credential: credentialDigest(record.passwordHash) };
      return { result: record, audit: { at: act.at, actor: act.actor, action: 'user.create', target: target(user.username), details } };
    });
  }

  async update(username: string, patch: UserPatch, act: Act): Promise<UserRecord> {
    requireAct(act);
    if (patch.role !== undefined) requireRole(patch.role);
    if (patch.passwordHash !== undefined) requireText(patch.passwordHash, 'passwordHash', text('密码不能为空', 'The password cannot be empty'));
    return this.committer.commit((data) => {
      const record = data.users.find((u) => u.username === username);
      if (!record) throw notFound(username);
      const changes: Record<string, unknown> = {};
      for (const key of PATCH_KEYS) {
        const value = patch[key];
        if (value === undefined || record[key] === value) continue;
        if (key === 'passwordHash') Object.assign(changes, { passwordChanged: true, credential: credentialDigest(value as string) });
        else changes[key] = { from: record[key] ?? null, to: value };
        (record as unknown as Record<string, unknown>)[key] = value;
      }
      record.updatedAt = act.at;
      return { result: record, audit: { at: act.at, actor: act.actor, action: 'user.update', target: target(username), details: changes } };
    });
  }

  get(username: string): UserRecord | undefined {
    const user = this.committer.data.users.find((u) => u.username === username);
    return user && structuredClone(user);
  }

  list(): UserRecord[] {
    return structuredClone(this.committer.data.users);
  }
}

function notFound(username: string): StorageError {
  return new StorageError('NOT_FOUND', text(`找不到用户 ${username}`, `No user ${username}`), { username });
}
