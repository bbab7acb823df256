// server/storage: the repository interface (types.ts) and its lowdb implementation.
export type * from './types';
export { openStore, quotaKey, readCalendarOf, readRulesetsOf, verifyDataDir, type StoreOptions } from './store';
export { StorageError, isStorageError, STORAGE_ERROR_STATUS, type StorageErrorCode } from './errors';
export { sha256Address } from './blob-store';
export { formatAnchor, parseAnchor } from './audit-chain';
export type { UserMismatch } from './audit-users';
export { now } from './clock';
