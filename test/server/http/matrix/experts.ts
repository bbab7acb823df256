// Role × route rows of the experts routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/experts', allowed: ['admin', 'auditor'] },
  { method: 'post', path: '/api/v1/experts', body: {}, allowed: ['admin'] },
  { method: 'patch', path: '/api/v1/experts/exp-0001', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/api/v1/experts/import?name=experts.csv', raw: true, allowed: ['admin'] },
];
