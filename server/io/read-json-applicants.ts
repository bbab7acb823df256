// JSON applicants: an array of records, or one record. JSON is the typed format
// (what the API and the studio exchange), so values are passed on as written and
// the engine's record validation says what is wrong with them.
//
// An array is read as a stream: the text is cut at the commas between its elements
// (outside strings and brackets) and each record is parsed alone, so a file is never
// held whole as objects, and reading stops at the row limit before the record beyond
// it is even parsed. Anything that is not a well-formed array is parsed whole once
// more, for JSON.parse's own message with its line and column.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Applicant } from '../../engine/index';
import type { ApplicantRow } from './applicant-row';
import { jsonErrorPosition } from '../../engine/json-position';
import { TableBudget, type UploadLimits } from './limits';
import { quoted, text } from './text';
import { UserError } from './user-error';

export async function parseJsonFile(file: string, name: string): Promise<unknown> {
  const source = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new UserError(text(`${name}：文件为空`, `${name}: the file is empty`));
  try {
    return JSON.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    let at: { line: number; column: number } | null = null;
    try {
      at = jsonErrorPosition(source, message);
    } catch {
      // The position finder recurses; a document nested too deep for it keeps JSON.parse's message alone.
    }
    const zh = at ? `：第 ${at.line} 行第 ${at.column} 列` : '';
    const en = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new UserError(text(`${name}：JSON 格式错误${zh}（${message}）`, `${name}: malformed JSON${en} (${message})`));
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Not a well-formed top-level array: the whole file is parsed for the exact message. */
const NOT_AN_ARRAY = Symbol('not an array');

/**
 * Cuts the text of a top-level JSON array into its elements' texts. Feed it text with
 * `push`; `next` hands out each whole element; `end` says whether the array closed.
 */
class ArraySplitter {
  private text = '';
  private pos = 0;
  /** Where the current element starts in `text`, or -1 between elements. */
  private start = -1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private state: 'before' | 'between' | 'afterComma' | 'closed' = 'before';
  /** After `[` an element or `]` may follow; after a comma only an element. */
  private emptyAllowed = false;

  push(piece: string): void {
    // What was handed out already is dropped here, once per piece, not once per element.
    const keep = this.start >= 0 ? this.start : this.pos;
    this.text = this.text.slice(keep) + piece;
    this.pos -= keep;
    if (this.start >= 0) this.start -= keep;
  }

  /** The next element's text, undefined until one is whole; NOT_AN_ARRAY when the text cannot be one. */
  next(): string | undefined | typeof NOT_AN_ARRAY {
    const s = this.text;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (this.start < 0) {
        if (isSpace(c) || c === 0xfeff) {
          this.pos++;
          continue;
        }
        if (this.state === 'before') {
          if (c !== OPEN_BRACKET) return NOT_AN_ARRAY;
          this.state = 'afterComma';
          this.pos++;
          // `[]` is allowed: no element yet.
          this.emptyAllowed = true;
          continue;
        }
        if (this.state === 'closed') return NOT_AN_ARRAY; // text after the closing bracket
        if (c === CLOSE_BRACKET) {
          if (this.state === 'afterComma' && !this.emptyAllowed) return NOT_AN_ARRAY; // `[1,]`
          this.state = 'closed';
          this.pos++;
          continue;
        }
        if (c === COMMA) {
          if (this.state !== 'between') return NOT_AN_ARRAY; // `[,` or `,,`
          this.state = 'afterComma';
          this.emptyAllowed = false;
          this.pos++;
          continue;
        }
        if (this.state === 'between') return NOT_AN_ARRAY; // two elements without a comma
        this.start = this.pos;
        this.depth = 0;
      }
      // Inside an element: it ends at a comma or the closing bracket outside strings and brackets.
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        this.pos++;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && this.depth > 0) this.depth--;
      else if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        const element = s.slice(this.start, this.pos);
        this.start = -1;
        this.state = 'between';
        return element;
      }
      this.pos++;
    }
    return undefined;
  }

  /** At the end of the file: whether the array was closed (and nothing but blanks followed it). */
  closed(): boolean {
    return this.state === 'closed' && this.start < 0;
  }

  /** Whether anything but blanks was met. */
  started(): boolean {
    return this.state !== 'before';
  }
}

function recordRow(entry: unknown, i: number): ApplicantRow {
  const row = i + 1;
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return {
      row,
      kind: 'record',
      issues: [{ code: 'APPLICANT_INVALID', severity: 'error', pointer: `/${i}`, message: text(`应为记录（JSON 对象），实际为 ${quoted(entry)}`, `must be a record (a JSON object), got ${quoted(entry)}`) }],
    };
  }
  const record = entry as Applicant;
  const id = record.id === undefined || record.id === null ? undefined : String(record.id);
  return { row, kind: 'record', id, record, issues: [] };
}

/** The file parsed whole: one record, or the exact message of what is wrong. */
async function* wholeFile(file: string, name: string, budget: TableBudget): AsyncGenerator<ApplicantRow> {
  const data = await parseJsonFile(file, name);
  if (data === null || typeof data !== 'object') {
    throw new UserError(text(`${name}：应为申报人记录的数组（或单个记录），实际为 ${quoted(data)}`, `${name}: expected an array of applicant records (or one record), got ${quoted(data)}`));
  }
  const records = Array.isArray(data) ? data : [data];
  for (let i = 0; i < records.length; i++) {
    budget.record(i + 1);
    yield recordRow(records[i], i);
  }
}

export async function* readJsonApplicants(file: string, name: string, limits: UploadLimits): AsyncGenerator<ApplicantRow> {
  const budget = new TableBudget(limits, name);
  const splitter = new ArraySplitter();
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let index = 0;
  let fallback = false;
  try {
    reading: for await (const piece of stream as AsyncIterable<string>) {
      splitter.push(piece);
      for (;;) {
        const element = splitter.next();
        if (element === undefined) break;
        if (element === NOT_AN_ARRAY) {
          fallback = true;
          break reading;
        }
        // Counted before it is parsed: the record beyond the limit is never built.
        budget.record(index + 1);
        let entry: unknown;
        try {
          entry = JSON.parse(element);
        } catch {
          fallback = true;
          break reading;
        }
        yield recordRow(entry, index);
        index++;
      }
    }
  } finally {
    stream.destroy();
  }
  if (!fallback && splitter.closed()) return;
  if (!fallback && !splitter.started()) throw new UserError(text(`${name}：文件为空`, `${name}: the file is empty`));
  // One record, or not JSON at all: parsed whole (within the upload's size), for the exact message.
  if (index > 0) {
    // Records were handed out already: whatever follows them is malformed.
    await parseJsonFile(file, name);
    throw new UserError(text(`${name}：JSON 格式错误`, `${name}: malformed JSON`));
  }
  yield* wholeFile(file, name, budget);
}
