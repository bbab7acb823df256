// User-facing text: every message is written in Chinese and English side by side
// and picked at the edge (the CLI prints one language, chosen with --lang).
import type { Lang, Text } from '../../engine/index';

export function text(zh: string, en: string): Text {
  return { zh, en };
}

export function say(message: Text, lang: Lang): string {
  return lang === 'en' ? (message.en ?? message.zh) : message.zh;
}

const QUOTED_LENGTH = 60;

/** A value as quoted in a message: strings in quotes, long values shortened. */
export function quoted(value: unknown): string {
  const shown = value === undefined || typeof value === 'function' || typeof value === 'symbol' ? String(value) : jsonStart(value, QUOTED_LENGTH);
  return shown.length > QUOTED_LENGTH ? shown.slice(0, QUOTED_LENGTH - 3) + '...' : shown;
}

interface JsonFrame {
  values: unknown[] | Record<string, unknown>;
  /** A record's keys; undefined for a list. */
  keys: string[] | undefined;
  next: number;
  written: number;
}

const leftOut = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The beginning of `value`'s JSON text, as JSON.stringify writes it, stopping once it
 * is longer than `max`. A message quotes a cell read from a file before the record's
 * limits are checked, and JSON.stringify recurses: a cell holding a list nested
 * 100,000 deep would overflow the stack, and one of a million items cost a million
 * steps for 60 characters. This walk is iterative and stops after about `max` of them.
 */
function jsonStart(value: unknown, max: number): string {
  let out = '';
  const frames: JsonFrame[] = [];
  const put = (v: unknown) => {
    if (v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      // A long string: its beginning is enough to pass `max`.
      out += JSON.stringify(typeof v === 'string' && v.length > max ? v.slice(0, max + 1) : v) ?? 'null';
    } else if (Array.isArray(v)) {
      out += '[';
      frames.push({ values: v, keys: undefined, next: 0, written: 0 });
    } else {
      out += '{';
      frames.push({ values: v as Record<string, unknown>, keys: Object.keys(v), next: 0, written: 0 });
    }
  };
  put(value);
  while (frames.length > 0 && out.length <= max) {
    const frame = frames[frames.length - 1]!;
    const { keys } = frame;
    if (keys) {
      const record = frame.values as Record<string, unknown>;
      while (frame.next < keys.length && leftOut(record[keys[frame.next]!])) frame.next++;
      if (frame.next >= keys.length) {
        out += '}';
        frames.pop();
        continue;
      }
      const key = keys[frame.next++]!;
      out += (frame.written++ > 0 ? ',' : '') + JSON.stringify(key) + ':';
      put(record[key]);
    } else {
      const list = frame.values as unknown[];
      if (frame.next >= list.length) {
        out += ']';
        frames.pop();
        continue;
      }
      const item = list[frame.next++];
      out += frame.written++ > 0 ? ',' : '';
      put(leftOut(item) ? null : item);
    }
  }
  return out;
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII (０-９, ．, －, （）, ＡＢ…) and the ideographic space to their ASCII forms. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
