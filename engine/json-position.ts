// Line and column of a JSON syntax error. V8 states the offset for most errors but
// not for an unexpected token (a trailing comma, `{"a": abc}`), so a small scanner
// finds it. Shared by rule files (engine/parse.ts) and applicant files (server/io).

/** Where JSON.parse gave up, as a line and column a user can find in an editor. */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  // V8 gives no position for "Unexpected token" (e.g. a trailing comma): find it ourselves.
  const offset = at ? Number(at[1]) : syntaxErrorOffset(text);
  if (offset < 0) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first JSON syntax error in text (-1 if none). Only run after JSON.parse failed. */
function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail());
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      }
    }
  };
  const list = (close: string, entry: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      entry();
      ws();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      return list('}', () => {
        ws();
        string();
        ws();
        expect(':');
        value();
      });
    }
    if (c === '[') return list(']', value);
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) return void (i = NUMBER.lastIndex);
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
}

/**
 * The text range of the value a JSON pointer names (RFC 6901), so an editor can
 * underline what an issue's pointer names. A pointer to a missing member (e.g. a
 * `required` error's `/criteria/0/basis`) falls back to the nearest enclosing value
 * that exists. Null when the text is not JSON up to that point.
 */
export function jsonPointerRange(text: string, pointer: string): { from: number; to: number } | null {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      while (i < text.length) {
        ws();
        if (c === '{') {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else return void i++;
      }
      return;
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
  };
  ws();
  let range = { from: i, to: i };
  for (let depth = 0; ; depth++) {
    ws();
    const start = i;
    const open = text[i];
    const save = i;
    skipValue();
    range = { from: start, to: i };
    if (depth === segments.length) return range;
    i = save;
    const segment = segments[depth]!;
    let found = false;
    if (open === '{') {
      i++;
      ws();
      while (i < text.length && text[i] !== '}') {
        ws();
        const key = readString();
        ws();
        i++; // ':'
        ws();
        if (key === segment) {
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
    } else if (open === '[' && /^\d+$/.test(segment)) {
      i++;
      for (let index = 0; i < text.length; index++) {
        ws();
        if (text[i] === ']') break;
        if (index === Number(segment)) {
          found = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
      }
    }
    if (!found) return range;
  }
}
