// Role × route rows of the experts routes (role-matrix.test.ts runs them).
import type { MatrixRow } from './row';

export const ROWS: MatrixRow[] = [];
