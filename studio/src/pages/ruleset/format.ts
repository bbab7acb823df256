// Display helpers shared by the administration pages: timestamps in the reader's
// local time, short content hashes, labels from the policy vocabulary.

/** `2024-09-30T08:15:00.000Z` → `2024-09-30 16:15` in the browser's time zone. */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `sha256:3f2a…` → `3f2a9c1e0b7d` — enough to tell versions apart at a glance. */
export function shortHash(hash: string | undefined): string {
  if (!hash) return '';
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

/** Effective period as `2024-01-01 — 2025-12-31`, or `2024-01-01 起` when open-ended. */
export function effectivePeriod(from: string | null | undefined, to: string | null | undefined, openWord: string): string {
  if (!from) return '';
  return to ? `${from} — ${to}` : `${from} ${openWord}`;
}
