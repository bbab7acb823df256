// JSON text written piece by piece, for answers sent as a stream: the same text as
// JSON.stringify(value, null, indent) (indent 0: compact), produced by an explicit
// stack instead of recursion and handed out in chunks of about `chunkSize`
// characters, so neither the depth of a document nor the size of its text can grow
// the call stack or one string without bound. For data read from JSON (plain objects,
// arrays, strings, finite numbers, booleans, null); members whose value is undefined
// are left out, as JSON.stringify leaves them out.

interface Open {
  value: unknown[] | Record<string, unknown>;
  keys: string[] | null;
  next: number;
  depth: number;
}

function scalar(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return 'null';
}

export function* jsonChunks(value: unknown, indent = 0, chunkSize = 64 * 1024): Generator<string> {
  let out = '';
  const newline = (depth: number) => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');
  const stack: Open[] = [];
  const open = (v: unknown, depth: number) => {
    if (v === null || typeof v !== 'object') {
      out += scalar(v);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) out += '[]';
      else {
        out += '[';
        stack.push({ value: v, keys: null, next: 0, depth });
      }
      return;
    }
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== 'function');
    if (keys.length === 0) out += '{}';
    else {
      out += '{';
      stack.push({ value: record, keys, next: 0, depth });
    }
  };
  open(value, 0);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const length = top.keys ? top.keys.length : (top.value as unknown[]).length;
    if (top.next === length) {
      stack.pop();
      out += newline(top.depth) + (top.keys ? '}' : ']');
    } else {
      const i = top.next++;
      if (i > 0) out += ',';
      out += newline(top.depth + 1);
      if (top.keys) {
        const key = top.keys[i]!;
        out += JSON.stringify(key) + (indent > 0 ? ': ' : ':');
        open((top.value as Record<string, unknown>)[key], top.depth + 1);
      } else {
        const item = (top.value as unknown[])[i];
        // In a list, JSON.stringify writes what it cannot represent as null.
        open(item === undefined || typeof item === 'function' ? null : item, top.depth + 1);
      }
    }
    if (out.length >= chunkSize) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}
