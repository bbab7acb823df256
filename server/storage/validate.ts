// Argument checks shared by the repositories; each failure is INVALID_ARGUMENT naming the field.
import type { Text } from '../../engine/index';
import { text } from '../io/text';
import { StorageError } from './errors';
import type { Act } from './types';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function requireAct(act: Act): void {
  requireText(act.actor, 'actor', text('缺少操作人', 'No actor given'));
  if (typeof act.at !== 'string' || !ISO_INSTANT.test(act.at) || Number.isNaN(Date.parse(act.at))) {
    throw new StorageError('INVALID_ARGUMENT', text(`时间必须是 ISO 8601 格式，实际为 "${act.at}"`, `The time must be ISO 8601, got "${act.at}"`), { field: 'at' });
  }
}

export function requireText(value: unknown, field: string, message: Text): string {
  if (typeof value !== 'string' || value.trim() === '') throw new StorageError('INVALID_ARGUMENT', message, { field });
  return value;
}

/** A calendar date YYYY-MM-DD that exists (no 2024-02-30). */
export function requireDate(value: unknown, field: string): string {
  const ok = typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value + 'T00:00:00Z')) && new Date(value + 'T00:00:00Z').toISOString().startsWith(value);
  if (!ok) throw new StorageError('INVALID_ARGUMENT', text(`${field} 必须是 YYYY-MM-DD 格式的日期，实际为 "${String(value)}"`, `${field} must be a date YYYY-MM-DD, got "${String(value)}"`), { field });
  return value;
}
