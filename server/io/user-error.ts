// Errors the user caused and can fix: a missing file, an empty sheet, a bad flag.
// The CLI prints their message as one line (no stack) and exits with `exitCode`
// (1 for bad input, 2 for bad usage). Any other error is a bug.
import type { Issue, Text } from '../../engine/index';

export class UserError extends Error {
  readonly text: Text;
  readonly exitCode: 1 | 2;
  /** Located problems (rule-file issues) to print before the message. */
  readonly issues: Issue[];
  constructor(message: Text, options: { exitCode?: 1 | 2; issues?: Issue[] } = {}) {
    super(message.en ?? message.zh);
    this.name = 'UserError';
    this.text = message;
    this.exitCode = options.exitCode ?? 1;
    this.issues = options.issues ?? [];
  }
}

export function usageError(message: Text): UserError {
  return new UserError(message, { exitCode: 2 });
}
