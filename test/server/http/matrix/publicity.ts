// Role × route rows of the publicity routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'post', path: '/api/v1/sessions/session-0001/publicity', body: {}, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/sessions/session-0001/publicity/list', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'post', path: '/api/v1/sessions/session-0001/finalise', body: {}, allowed: ['admin'] },
];
