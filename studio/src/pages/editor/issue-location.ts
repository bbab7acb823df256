// Where an issue belongs in the editor: its JSON pointer read as the criterion,
// veto, scoring item, category or fact it is under, so the builder and the grid can
// show it beside that entry and the issue list can jump there.
import type { Ruleset } from '../../../../engine/index';

export interface EditorIssue {
  code: string;
  severity: 'error' | 'warning';
  pointer: string;
  message: { zh: string; en?: string };
  /** Where it was found: typed JSON, the schema, lint, or the server's refusal of a save. */
  source: 'json' | 'schema' | 'lint' | 'server';
}

export type LocationKind = 'criterion' | 'veto' | 'category' | 'item' | 'fact' | 'derived' | 'scoring' | 'pass' | 'test' | 'document' | 'ruleset';

/** The editor's views (tabs) over the one document. */
export type EditorView = 'criteria' | 'scoring' | 'facts' | 'derived' | 'basis' | 'json';

export interface IssueLocation {
  kind: LocationKind;
  /** Stable key of the entry (matches `locationKey` of the entry's element). */
  key: string;
  /** The entry's title or id, for the issue list. */
  label: string;
  /** The view that shows it. */
  view: EditorView;
}

export function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const locationKey = {
  criterion: (i: number) => `criteria/${i}`,
  veto: (i: number) => `vetoes/${i}`,
  category: (c: number) => `categories/${c}`,
  item: (c: number, i: number) => `categories/${c}/items/${i}`,
};

export function locate(pointer: string, doc: Ruleset | null): IssueLocation {
  const [top, a, b, c, d] = segments(pointer);
  const n = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : -1);
  if (top === 'criteria' && n(a) >= 0) {
    const entry = doc?.criteria?.[n(a)];
    return { kind: 'criterion', key: locationKey.criterion(n(a)), label: entry?.title.zh || entry?.id || `#${n(a) + 1}`, view: 'criteria' };
  }
  if (top === 'vetoes' && n(a) >= 0) {
    const entry = doc?.vetoes?.[n(a)];
    return { kind: 'veto', key: locationKey.veto(n(a)), label: entry?.title.zh || entry?.id || `#${n(a) + 1}`, view: 'criteria' };
  }
  if (top === 'scoring' && a === 'categories' && n(b) >= 0) {
    const category = doc?.scoring?.categories[n(b)];
    if (c === 'items' && n(d) >= 0) {
      const item = category?.items[n(d)];
      return { kind: 'item', key: locationKey.item(n(b), n(d)), label: item?.title.zh || item?.id || `#${n(d) + 1}`, view: 'scoring' };
    }
    return { kind: 'category', key: locationKey.category(n(b)), label: category?.title.zh || category?.id || `#${n(b) + 1}`, view: 'scoring' };
  }
  if (top === 'scoring') return { kind: 'scoring', key: 'scoring', label: '', view: 'scoring' };
  if (top === 'pass') return { kind: 'pass', key: 'pass', label: '', view: 'scoring' };
  if (top === 'facts' && n(a) >= 0) {
    const entry = doc?.facts[n(a)];
    return { kind: 'fact', key: `facts/${n(a)}`, label: entry?.label.zh || entry?.id || '', view: 'facts' };
  }
  if (top === 'derived' && n(a) >= 0) {
    const entry = doc?.derived?.[n(a)];
    return { kind: 'derived', key: `derived/${n(a)}`, label: entry?.label.zh || entry?.id || '', view: 'derived' };
  }
  if (top === 'basis' && n(a) >= 0) return { kind: 'document', key: `basis/${n(a)}`, label: doc?.basis[n(a)]?.title.zh ?? '', view: 'basis' };
  if (top === 'tests' && n(a) >= 0) return { kind: 'test', key: `tests/${n(a)}`, label: doc?.tests?.[n(a)]?.title.zh ?? '', view: 'json' };
  return { kind: 'ruleset', key: 'ruleset', label: '', view: 'json' };
}

/** Issues whose pointer lies under `prefix` (a JSON pointer), e.g. everything about one criterion. */
export function issuesUnder(issues: EditorIssue[], prefix: string): EditorIssue[] {
  return issues.filter((i) => i.pointer === prefix || i.pointer.startsWith(prefix + '/'));
}
