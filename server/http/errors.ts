// One registry of the API's error codes and their statuses, and the one place
// where anything thrown (HttpError, StorageError, PingshenError, a body-parser
// failure, a bug) becomes `{ statusCode, code, message, details }`. No stack
// trace ever leaves the process; unknown errors are logged and answered as 500.
import type { IssueCode, Text } from '../../engine/index';
import { PingshenError } from '../../engine/index';
import { STORAGE_ERROR_STATUS, StorageError, type StorageErrorCode } from '../storage/index';

type HttpCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'RATE_LIMITED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'RULESET_INVALID'
  | 'NO_VERSION_IN_FORCE'
  | 'VERSION_NOT_PUBLISHED'
  | 'LAST_ADMIN'
  | 'UNSUPPORTED_FILE'
  | 'UPLOAD_UNREADABLE'
  | 'ROWS_INVALID'
  | 'NO_VALID_ROWS'
  | 'RUN_NOT_FINISHED'
  | 'RULESET_CHANGED'
  | 'CALENDAR_NOT_COVERED'
  | 'POOL_TOO_SMALL'
  | 'QUORUM_NOT_MET'
  | 'BALLOT_MISMATCH'
  | 'SCORES_MISSING'
  | 'MEETING_IN_FUTURE'
  | 'MEETING_BEFORE_DRAW'
  | 'PUBLICITY_START_PAST'
  | 'PUBLICITY_NOT_OVER'
  | 'PACKAGE_INVALID'
  | 'CROSS_ORIGIN'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_ENCODING'
  | 'INVALID_PATH'
  | 'PASSWORD_POLICY'
  | 'UPLOAD_QUOTA_EXCEEDED'
  | 'UPLOAD_TOO_LARGE'
  | 'RULESET_LIMIT'
  | 'TOO_MANY_TASKS'
  | 'SERVER_BUSY'
  | 'CLIENT_CLOSED'
  | 'TASK_TOO_LARGE'
  | 'INTERNAL';

export type ErrorCode = HttpCode | StorageErrorCode | IssueCode;

const HTTP_STATUS: Record<HttpCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  RULESET_INVALID: 422,
  NO_VERSION_IN_FORCE: 404,
  VERSION_NOT_PUBLISHED: 409,
  LAST_ADMIN: 409,
  UNSUPPORTED_FILE: 400,
  UPLOAD_UNREADABLE: 422,
  ROWS_INVALID: 422,
  NO_VALID_ROWS: 422,
  RUN_NOT_FINISHED: 409,
  RULESET_CHANGED: 409,
  /** A date the working-day calendar has no year for (holidays unknown: never guessed). */
  CALENDAR_NOT_COVERED: 422,
  /** Fewer eligible experts than the committee needs. */
  POOL_TOO_SMALL: 409,
  /** Fewer members present than the quorum: no ballot. */
  QUORUM_NOT_MET: 409,
  /** A tally whose yes + no + abstain is not the number of members present. */
  BALLOT_MISMATCH: 400,
  /** A ballot, or closing the tallies, while a candidate's committee scores are missing. */
  SCORES_MISSING: 409,
  /** A meeting dated after today (China time). */
  MEETING_IN_FUTURE: 400,
  /** A meeting dated before the members were drawn. */
  MEETING_BEFORE_DRAW: 400,
  /** A publicity starting before the day it is posted (today, China time). */
  PUBLICITY_START_PAST: 400,
  /** Finalising before the publicity period's last working day has passed. */
  PUBLICITY_NOT_OVER: 409,
  /** A filing package that is not a readable package. */
  PACKAGE_INVALID: 422,
  /** A state-changing request from another origin (Origin / Sec-Fetch-Site): request-guard.ts. */
  CROSS_ORIGIN: 403,
  /** A body that is neither JSON nor the raw type its route declares. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A compressed request body (any Content-Encoding but identity). */
  UNSUPPORTED_ENCODING: 415,
  /** A static path with `..`, a NUL or broken percent-encoding. */
  INVALID_PATH: 400,
  /** A new password the policy refuses (password-policy.ts). */
  PASSWORD_POLICY: 422,
  /** An upload that would take its uploader over their storage quota. */
  UPLOAD_QUOTA_EXCEEDED: 413,
  /** An uploaded file beyond a reading limit (rows, columns, cells, an xlsx part's expanded size or ratio, shared strings): limits.upload. */
  UPLOAD_TOO_LARGE: 413,
  /** A rule document over a configured limit (bytes, depth, values, conditions, list length, counts): server/rules/ruleset-limits.ts. */
  RULESET_LIMIT: 413,
  /** A user with as many heavy requests running or waiting as they may have (work.perUser). */
  TOO_MANY_TASKS: 429,
  /** The heavy-work queue is full (work.maxQueue). */
  SERVER_BUSY: 503,
  /** The client went away before the answer; its heavy work was cancelled. Nobody receives it: for the log (nginx's 499). */
  CLIENT_CLOSED: 499,
  /** A heavy task that needed more heap than a work thread has (work.maxHeapMb): its thread ended, nothing else. */
  TASK_TOO_LARGE: 413,
  INTERNAL: 500,
};

// Engine codes reach the API when an evaluation's input or ruleset is refused.
const ENGINE_STATUS: Record<IssueCode, number> = {
  SCHEMA: 422,
  JSON_PARSE: 422,
  UNDECLARED_FACT: 422,
  OPERATOR_TYPE: 422,
  DERIVED_CYCLE: 422,
  DUPLICATE_ID: 422,
  EXTENDS_MISSING: 422,
  EXTENDS_CYCLE: 422,
  CAP_EXCEEDS_CATEGORY: 422,
  UNKNOWN_BASIS: 422,
  BRACKETS_ORDER: 422,
  NEGATIVE_POINTS: 422,
  OPTIONAL_LIST: 422,
  ENUM_VALUE: 422,
  TEMPLATE_PLACEHOLDER: 422,
  APPLICANT_INVALID: 422,
  /** An applicant record deeper, bigger or with a longer list than limits.applicant allows. */
  APPLICANT_TOO_LARGE: 413,
  AS_OF_INVALID: 422,
  /** A condition json-rules-engine cannot decide for this applicant (a list absent or not a list). */
  CONDITION_UNDECIDABLE: 422,
};

/** Every code the API answers with, and its status. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  ...HTTP_STATUS,
  ...STORAGE_ERROR_STATUS,
  ...ENGINE_STATUS,
});

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;
  /** A message in both languages: `message` is the English one, `details.text` holds both (as for storage errors). */
  constructor(code: ErrorCode, message: string | Text, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(typeof message === 'string' ? message : (message.en ?? message.zh));
    this.name = 'HttpError';
    this.code = code;
    this.details = typeof message === 'string' ? details : { ...details, text: message };
    this.headers = headers;
  }
  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }
}

/** body-parser's errors carry a `type`; these are the client's fault. */
function parserError(err: unknown): ErrorBody | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const type = (err as { type: unknown }).type;
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return body('PAYLOAD_TOO_LARGE', 'The request body is too large', limit !== undefined ? { limit } : {});
  }
  if (type === 'entity.parse.failed') return body('INVALID_JSON', 'The request body is not valid JSON', {});
  if (type === 'encoding.unsupported') return body('UNSUPPORTED_ENCODING', 'The request body\'s encoding is not accepted', { encoding: (err as { encoding?: unknown }).encoding ?? null, accepted: ['identity'] });
  if (typeof type === 'string' && ['charset.unsupported', 'request.aborted', 'request.size.invalid', 'stream.encoding.set'].includes(type)) {
    return body('VALIDATION_FAILED', 'The request body cannot be read', { in: 'body', reason: type });
  }
  return undefined;
}

/**
 * A client error some library raised (http-errors: `status` 4xx, `expose` true), e.g. a
 * body that fails to decompress or a request aborted mid-body: the client's fault, said
 * as such, not a 500.
 */
function clientHttpError(err: unknown): ErrorBody | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, expose, message } = err as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  return body('VALIDATION_FAILED', 'The request cannot be read', { in: 'request', reason: typeof message === 'string' ? message : String(status) });
}

function body(code: ErrorCode, message: string, details: Record<string, unknown>): ErrorBody {
  return { statusCode: ERROR_STATUS[code], code, message, details };
}

/** The answer for anything thrown; `unexpected` is true when it was a bug (to be logged). */
export function toErrorBody(err: unknown): { body: ErrorBody; headers: Record<string, string>; unexpected: boolean } {
  if (err instanceof HttpError) return { body: body(err.code, err.message, err.details), headers: err.headers, unexpected: false };
  if (err instanceof StorageError) {
    return { body: body(err.code, err.message, { ...err.details, text: err.text }), headers: {}, unexpected: err.code === 'BLOB_CORRUPT' };
  }
  if (err instanceof PingshenError) return { body: body(err.code, err.message, { issues: err.issues }), headers: {}, unexpected: false };
  const parsed = parserError(err) ?? clientHttpError(err);
  if (parsed) return { body: parsed, headers: {}, unexpected: false };
  return { body: body('INTERNAL', 'Internal server error', {}), headers: {}, unexpected: true };
}
