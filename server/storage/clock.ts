// The one place production code reads the time. Repositories take `at` as an
// argument instead, so their tests are deterministic.
export function now(): string {
  return new Date().toISOString();
}
