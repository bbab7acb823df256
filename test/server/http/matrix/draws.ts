// Role × route rows of the draws routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/sessions/session-0001/draw/preview', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/sessions/session-0001/draw', body: {}, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/sessions/session-0001/draw/verify', allowed: ['admin', 'committee', 'auditor'] },
];
