// Role × route rows of the quotas routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [
  { method: 'get', path: '/api/v1/quotas?series=health', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'put', path: '/api/v1/quotas', body: {}, allowed: ['admin'] },
  { method: 'delete', path: '/api/v1/quotas?unit=x&series=health&level=deputy-senior', allowed: ['admin'] },
  { method: 'post', path: '/api/v1/quotas/import?name=a.txt', raw: true, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/quotas/export?format=csv&series=health', allowed: ['admin', 'committee', 'auditor'] },
  { method: 'get', path: '/api/v1/quotas/runs/run-000001', allowed: ['admin', 'committee', 'auditor'] },
];
