// Role × route rows of the sessions routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/sessions', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/sessions', body: {}, allowed: ['admin', 'committee'] },
  { method: 'get', path: '/api/v1/sessions/session-0001', allowed: ['admin', 'committee', 'auditor'] },
];
