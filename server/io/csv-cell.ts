// Spreadsheet formula injection (CSV injection): Excel, WPS and LibreOffice run a
// CSV cell that starts with `=`, `+`, `-` or `@` as a formula (`=cmd|' /C calc'!A0`,
// `@SUM(1+1)`), and a leading tab or carriage return lets one slip past a check for
// those. OWASP's rule: such a text cell gets a leading `'`, which makes it text.
//
// Numbers are not text: a cell the writer is given as a JavaScript number (a score, a
// count, a negative difference) is written as that number, unprefixed — a number
// literal is never a formula, and the column stays numeric for sorting and sums. A
// text cell that is exactly a negative decimal (`-3`, `-0.5`) is the same number once
// read, so it is left alone too: that is how a number comes back when our own CSV is
// read and written again (the 单位推荐 download re-writes a run's stored file), and it
// keeps one value from being written two ways. Anything else that starts with one of
// the characters — `-3+4`, `+1`, `-` alone, `@`, `=` — is prefixed.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEGATIVE_DECIMAL = /^-\d+(\.\d+)?$/;

/** The cell as a spreadsheet must show it: text that a spreadsheet would run as a formula gets a leading `'`. */
export function neutraliseCell(text: string): string {
  if (text.length === 0 || !TRIGGERS.has(text[0]!)) return text;
  if (text[0] === '-' && NEGATIVE_DECIMAL.test(text)) return text;
  return `'${text}`;
}
