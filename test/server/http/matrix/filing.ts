// Role × route rows of the filing routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'post', path: '/api/v1/sessions/filing/verify', raw: true, allowed: ['admin', 'auditor'] },
  { method: 'post', path: '/api/v1/sessions/session-0001/filing', body: {}, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/sessions/session-0001/filing', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/sessions/session-0001/filing/manifest', allowed: ['admin', 'committee', 'auditor'] },
];
