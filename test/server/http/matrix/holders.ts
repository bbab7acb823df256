// Role × route rows of the holders routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/holders?status=overdue', allowed: ['admin', 'auditor'] },
  { method: 'get', path: '/api/v1/holders/holder-0001', allowed: ['admin', 'auditor'] },
  { method: 'post', path: '/api/v1/holders', body: {}, allowed: ['admin'] },
  { method: 'patch', path: '/api/v1/holders/holder-0001', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/api/v1/holders/from-session/session-0001', body: {}, allowed: ['admin'] },
];
