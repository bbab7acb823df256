// User-facing text: every message is written in Chinese and English side by side
// and picked at the edge (the CLI prints one language, chosen with --lang).
import type { Lang, Text } from '../../engine/index';

export function text(zh: string, en: string): Text {
  return { zh, en };
}

export function say(message: Text, lang: Lang): string {
  return lang === 'en' ? (message.en ?? message.zh) : message.zh;
}

/** A value as quoted in a message: strings in quotes, long values shortened. */
export function quoted(value: unknown): string {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return shown.length > 60 ? shown.slice(0, 57) + '...' : shown;
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width ASCII (０-９, ．, －, （）, ＡＢ…) and the ideographic space to their ASCII forms. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
