// One row of the role × route matrix (role-matrix.test.ts): a request and the roles
// that get past the role check.
export type Who = 'admin' | 'official' | 'committee' | 'auditor';
export const ALL: Who[] = ['admin', 'official', 'committee', 'auditor'];

export interface MatrixRow {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Full path with /api/v1 and example ids. */
  path: string;
  body?: object;
  /** A raw-body route (an uploaded file): sent as application/octet-stream, the type it reads; JSON would be 415 before any role check. */
  raw?: boolean;
  allowed: Who[];
}
