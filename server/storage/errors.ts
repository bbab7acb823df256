// Typed storage errors with a stable `code`, the details a caller needs to recover
// (the latest version on a conflict, the from/to of a refused transition) and a
// message in both languages. The HTTP layer maps `code` to a status in one place;
// STORAGE_ERROR_STATUS is the mapping this layer proposes.
import type { Text } from '../../engine/index';

export type StorageErrorCode =
  | 'VERSION_CONFLICT'
  | 'SELF_APPROVAL'
  | 'INVALID_TRANSITION'
  | 'IMMUTABLE_VERSION'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_ARGUMENT'
  | 'BLOB_CORRUPT';

export const STORAGE_ERROR_STATUS: Record<StorageErrorCode, number> = {
  VERSION_CONFLICT: 409,
  SELF_APPROVAL: 403,
  INVALID_TRANSITION: 409,
  IMMUTABLE_VERSION: 409,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_ARGUMENT: 400,
  BLOB_CORRUPT: 500,
};

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly text: Text;
  readonly details: Record<string, unknown>;
  constructor(code: StorageErrorCode, message: Text, details: Record<string, unknown> = {}) {
    super(message.en ?? message.zh);
    this.name = 'StorageError';
    this.code = code;
    this.text = message;
    this.details = details;
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}
