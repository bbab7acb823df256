// Role × route rows of the meetings routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

const BASE = '/api/v1/sessions/session-0001/meeting';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: BASE, allowed: ['admin', 'committee', 'auditor'] },
  { method: 'put', path: `${BASE}/attendance`, body: {}, allowed: ['admin', 'committee'] },
  { method: 'put', path: `${BASE}/scores/A01`, body: {}, allowed: ['admin', 'committee'] },
  { method: 'put', path: `${BASE}/ballots/A01`, body: {}, allowed: ['admin', 'committee'] },
  { method: 'post', path: `${BASE}/close`, body: {}, allowed: ['admin', 'committee'] },
  { method: 'get', path: `${BASE}/results/A01`, allowed: ['admin', 'committee', 'auditor'] },
];
