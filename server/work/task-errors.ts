// Errors cross the thread boundary as plain data and are made again on the main
// thread as the classes the routes already map to answers (a reader's UserError or LimitError,
// the engine's PingshenError, the filing's FilingError). Anything else is a bug: it
// arrives as an Error with the worker's stack, for the log only.
import { PingshenError, type Issue, type Text } from '../../engine/index';
import { FilingError } from '../committee/filing-package';
import { LimitError, type LimitDetails } from '../io/limits';
import { UserError } from '../io/user-error';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string;
  text?: Text;
  details?: Record<string, unknown>;
  issues?: Issue[];
  exitCode?: 1 | 2;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out: SerializedError = { name: err.name, message: err.message, stack: err.stack };
  if (err instanceof LimitError) Object.assign(out, { text: err.text, details: err.details });
  else if (err instanceof UserError) Object.assign(out, { text: err.text, issues: err.issues, exitCode: err.exitCode });
  else if (err instanceof FilingError) Object.assign(out, { code: err.code, text: err.text, details: err.details });
  else if (err instanceof PingshenError) Object.assign(out, { code: err.code, issues: err.issues });
  return out;
}

export function reviveError(data: SerializedError): Error {
  let err: Error;
  if (data.name === 'LimitError' && data.text) err = new LimitError(data.text, data.details as unknown as LimitDetails);
  else if (data.name === 'UserError' && data.text) err = new UserError(data.text, { exitCode: data.exitCode ?? 1, issues: data.issues ?? [] });
  else if (data.name === 'FilingError' && data.text) err = new FilingError(data.code as FilingError['code'], data.text as { zh: string; en: string }, data.details ?? {});
  else if (data.name === 'PingshenError') err = new PingshenError(data.code as PingshenError['code'], data.message, data.issues ?? []);
  else {
    err = new Error(data.message);
    err.name = data.name;
  }
  if (data.stack) err.stack = data.stack; // for the log (PINGSHEN_DEBUG), never for a client
  return err;
}
