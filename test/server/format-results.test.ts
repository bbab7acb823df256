import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../server/io/format-results';

describe('csvText', () => {
  it('quotes what needs quoting, so csv-parse reads back every cell', () => {
    const rows = [
      ['编号', '差距提示', 'x'],
      ['A1', '任现职年限 2 年，需 ≥ 5 年，还差 3 年；总分 12 分', 'has, comma'],
      ['A"2', 'two\nlines', ' edge '],
      [null, 12.5, 0],
    ];
    const text = csvText(rows, true);
    expect(text.startsWith('\uFEFF编号,差距提示,x\r\n')).toBe(true);
    const back = parse(text, { bom: true, relax_column_count: true }) as string[][];
    expect(back).toEqual(rows.map((r) => r.map((c) => (c === null ? '' : String(c)))));
  });
});
