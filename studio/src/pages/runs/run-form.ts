// The new-run form's decisions, apart from the page so they can be tested plainly:
// which rulesets a user may run, which versions may be pinned, what the check
// allows next (run all, run the valid rows only, or fix the file), and the progress.
import type { Role } from '../../api/auth.api';
import type { RulesetSummary } from '../../api/rulesets.api';
import type { CheckReport, InvalidRow } from '../../api/runs.api';

export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv', '.json'] as const;

export function acceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Rulesets a batch can run against: a series ruleset (the common policy is only extended) with a version the role may evaluate. */
export function runnableRulesets(rulesets: RulesetSummary[], role: Role | undefined, series?: string): RulesetSummary[] {
  return rulesets.filter((r) => {
    if (r.series === null) return false;
    if (role === 'committee' && series !== undefined && r.series !== series) return false;
    return pinnableVersions(r, role).length > 0;
  });
}

/** Committee members may pin published or retired versions only; administrators any version (drafts included). */
export function pinnableVersions(ruleset: RulesetSummary, role: Role | undefined): RulesetSummary['versions'] {
  const versions = role === 'admin' ? ruleset.versions : ruleset.versions.filter((v) => v.status === 'published' || v.status === 'retired');
  return [...versions].sort((a, b) => b.version - a.version);
}

export type NextStep = 'run' | 'choose' | 'fix';

/** After a check: run everything, choose between fixing the file and running the valid rows only, or fix the file (nothing valid). */
export function nextStep(check: Pick<CheckReport, 'valid' | 'invalidRows'>): NextStep {
  if (check.invalidRows === 0 && check.valid > 0) return 'run';
  return check.valid > 0 ? 'choose' : 'fix';
}

/** Where a problem is, as people look for it: sheet and row, then the column heading. */
export function rowPlace(row: InvalidRow): string {
  return row.sheet ? `${row.sheet} · ${row.sheetRow ?? row.row}` : String(row.row);
}

export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
