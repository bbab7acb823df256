// Role × route rows of the calendar routes (role-matrix.test.ts runs them).
import { ALL, type MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/calendar', allowed: ALL },
  { method: 'get', path: '/api/v1/calendar/workdays?from=2026-09-30&days=5', allowed: ALL },
  { method: 'put', path: '/api/v1/calendar/years/2027', body: {}, allowed: ['admin'] },
  { method: 'delete', path: '/api/v1/calendar/years/2027', allowed: ['admin'] },
];
