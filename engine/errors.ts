// Typed errors with stable codes and a location, so callers (CLI, server, studio)
// can point at the exact place in a file or record.
import type { Text } from './types';

export type IssueCode =
  | 'SCHEMA'
  | 'JSON_PARSE'
  | 'UNDECLARED_FACT'
  | 'OPERATOR_TYPE'
  | 'DERIVED_CYCLE'
  | 'DUPLICATE_ID'
  | 'EXTENDS_MISSING'
  | 'EXTENDS_CYCLE'
  | 'CAP_EXCEEDS_CATEGORY'
  | 'UNKNOWN_BASIS'
  | 'BRACKETS_ORDER'
  | 'NEGATIVE_POINTS'
  | 'OPTIONAL_LIST'
  | 'ENUM_VALUE'
  | 'TEMPLATE_PLACEHOLDER'
  | 'APPLICANT_INVALID'
  | 'APPLICANT_TOO_LARGE'
  | 'AS_OF_INVALID'
  | 'CONDITION_UNDECIDABLE';

export interface Issue {
  code: IssueCode;
  /** 'error' blocks use; 'warning' is shown but does not. */
  severity: 'error' | 'warning';
  /** JSON pointer (RFC 6901) into the ruleset file or applicant record. */
  pointer: string;
  message: Text;
  file?: string;
  /** The applicant field (fact id) concerned, for record validation. */
  field?: string;
}

export class PingshenError extends Error {
  readonly code: IssueCode;
  readonly issues: Issue[];
  constructor(code: IssueCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'PingshenError';
    this.code = code;
    this.issues = issues;
  }
}

export function issue(
  code: IssueCode,
  pointer: string,
  zh: string,
  en: string,
  severity: Issue['severity'] = 'error',
): Issue {
  return { code, severity, pointer, message: { zh, en } };
}

/** RFC 6901 pointer from path segments. */
export function pointerOf(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function formatIssue(i: Issue, lang: 'zh' | 'en' = 'zh'): string {
  const where = [i.file, i.pointer || '/'].filter(Boolean).join(' ');
  const text = lang === 'en' ? (i.message.en ?? i.message.zh) : i.message.zh;
  const level = i.severity === 'error' ? (lang === 'en' ? 'error' : '错误') : lang === 'en' ? 'warning' : '警告';
  return `${where}: ${level} [${i.code}] ${text}`;
}
