/**
 * Recorded in every result so a replay can tell which engine produced it. Bump it whenever
 * the same ruleset and applicant can give a different result.
 * 0.2.0: spans between dates are the largest whole n with start + n periods ≤ end, months
 * added as the Civil Code counts them (a backward span is negative, never 0).
 */
export const ENGINE_VERSION = '0.2.0';
