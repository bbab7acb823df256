// CSV evaluated in one pass by chunks of whole records (server/io/csv-chunks.ts,
// evaluate-chunk.ts): cuts never fall inside a quoted cell, row numbers run on across
// chunks, and the results and messages are those of the two-pass road.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, type Ruleset } from '../../engine/index';
import { CsvChunker, parseRegularCsv } from '../../server/io/csv-chunks';
import { evaluateFile, type EvaluateFileOptions } from '../../server/io/evaluate-file';
import { MINI, tempDir } from './support/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

const AS_OF = '2025-01-01';
const HEADER = '编号,最高学历,现职称取得时间,工作单位层级,基层工作年限,论文';
const CSV_OPTIONS = { cast: false, relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/** Cuts `text` fed in pieces of `piece` characters into chunks of at least `min`. */
function cut(text: string, piece: number, min: number): string[] {
  const chunker = new CsvChunker(',');
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += piece) {
    chunker.push(text.slice(i, i + piece));
    for (let c = chunker.next(min); c !== undefined; c = chunker.next(min)) chunks.push(c);
  }
  const rest = chunker.end();
  if (rest !== '') chunks.push(rest);
  return chunks;
}

describe('CsvChunker', () => {
  const tricky = [
    'a,b,c',
    '1,"two\nlines",3',
    '',
    '2,"quote "" and\r\nnewline","x"',
    '3,5" pipe,"ends with quote"""',
    '4,"closed"late,ok',
    '  ,,',
    '5,"a,b",',
  ];
  it.each([
    ['LF', '\n', tricky.join('\n') + '\n'],
    ['CRLF', '\r\n', tricky.join('\r\n') + '\r\n'],
    ['CRLF without a final line end', '\r\n', tricky.join('\r\n')],
  ])('cuts only between records (%s), whatever the pieces and chunk sizes', (_name, delimiter, text) => {
    const whole = parse(text, CSV_OPTIONS) as string[][];
    for (const piece of [1, 2, 3, 7, 1000]) {
      for (const min of [1, 5, 40]) {
        const chunks = cut(text, piece, min);
        expect(chunks.join('')).toBe(text);
        const records = chunks.flatMap((c) => parse(c, { ...CSV_OPTIONS, record_delimiter: delimiter }) as string[][]);
        expect(records).toEqual(whole);
      }
    }
  });

  it.each([
    ['a,b\n1,2\n', '\n'],
    ['a,b\r\n1,2', '\r\n'],
    ['\n\na,\n,\n"",x\n', '\n'],
    ['"a ""q""\r\nb",c,\r\n\r\nx,"",""\r\n', '\r\n'],
    ['a,b\r\nc\nd,e\r\n', '\r\n'],
    ['a\r,b\n', '\n'],
    ['"unclosed,a\n', '\n'],
    ['5" pipe,x\n', '\n'],
    ['"closed"late,ok\n', '\n'],
    ['x,"a"\r,y\r\n', '\r\n'],
    [',', '\n'],
    ['a,b,', '\n'],
  ] as const)('the fast parser reads %j as csv-parse does, or leaves it to csv-parse', (text, delimiter) => {
    const fast = parseRegularCsv(text, ',', delimiter);
    let slow: unknown;
    try {
      slow = parse(text, { ...CSV_OPTIONS, record_delimiter: delimiter });
    } catch {
      slow = 'error';
    }
    if (fast !== null) expect(fast).toEqual(slow);
    if (text.includes('pipe') || text.includes('late') || text.includes('unclosed') || text.includes('"\r,')) expect(fast).toBeNull();
    else expect(fast).not.toBeNull();
  });

  it('strips a byte-order mark and takes the header on its own', () => {
    const chunker = new CsvChunker(',');
    chunker.push('\uFEFF\n"x\ny",z\n1,2\n');
    expect(chunker.takeOne()).toBe('\n');
    expect(chunker.takeOne()).toBe('"x\ny",z\n');
    expect(chunker.end()).toBe('1,2\n');
  });
});

describe('one-pass csv evaluation', () => {
  const compiled = () => readFile(MINI, 'utf8').then((s) => compileRuleset(JSON.parse(s) as Ruleset));

  /** Big enough for many chunks and the worker threads; a quoted, multi-line papers cell now and then. */
  function rows(n: number, change: (i: number, cells: string[]) => void = () => {}): string {
    const lines = [HEADER];
    for (let i = 0; i < n; i++) {
      const papers = i % 7 === 0 ? `"[{""year"": 2020,\n ""core"": true}]"` : '';
      const cells = [`C${i}`, ['大学本科', '硕士研究生', '博士研究生', '大专'][i % 4]!, `2018-03-0${1 + (i % 9)}`, '乡镇', String(i % 30), papers];
      change(i, cells);
      lines.push(cells.join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }

  async function both(name: string, content: string, extra: Partial<EvaluateFileOptions> = {}) {
    const input = dir.file(`${name}.csv`);
    await writeFile(input, content);
    const c = await compiled();
    const run = async (csvChunks: boolean, workers: 'auto' | 0) => {
      const out = dir.file(`${name}-${csvChunks ? 'chunks' : 'legacy'}-${workers}.csv`);
      const log: string[] = [];
      let error: string | undefined;
      let summary;
      try {
        summary = await evaluateFile({ compiled: c, applicants: input, out, asOf: AS_OF, csvChunks, workers, log: (l) => log.push(l), ...extra });
      } catch (err) {
        error = (err as Error).message;
      }
      const written = await readFile(out, 'utf8').catch(() => undefined);
      return { log, error, written, count: summary?.count, skipped: summary?.skipped };
    };
    return { chunked: await run(true, 'auto'), inline: await run(true, 0), legacy: await run(false, 0) };
  }

  it('writes byte for byte what the two-pass road writes, with cells spanning lines across chunks', async () => {
    const { chunked, inline, legacy } = await both('same', rows(6000));
    expect(legacy.written).toBeDefined();
    expect(chunked.written).toBe(legacy.written);
    expect(inline.written).toBe(legacy.written);
    expect(chunked.count).toBe(6000);
  });

  it('a bad row late in the file: every bad row listed with its row number, and no output file at all', async () => {
    // Rows are counted as csv records: a quoted cell over two lines is still one row.
    const content = rows(6000, (i, cells) => {
      if (i === 5 || i === 5990) cells[4] = '五年';
      if (i === 4000) cells[0] = 'C17'; // a repeated id, far from its first row
    });
    const { chunked, inline, legacy } = await both('refused', content);
    expect(legacy.error).toContain('3 invalid row(s)');
    for (const run of [chunked, inline]) {
      expect(run.error).toBe(legacy.error);
      expect(run.log).toEqual(legacy.log);
      expect(run.written).toBeUndefined();
    }
    expect(legacy.log).toContain('第 7 行（编号 C5），「基层工作年限」：应为整数，实际为 "五年"');
    expect(legacy.log).toContain('第 4002 行（编号 C17），编号 C17 与第 19 行重复');
    expect(legacy.log).toContain('第 5992 行（编号 C5990），「基层工作年限」：应为整数，实际为 "五年"');
    // Nothing left behind, not even the temporary file.
    expect((await readdir(dir.path)).filter((f) => f.includes('refused-') || f.includes('.partial'))).toEqual([]);
  });

  it('--skip-invalid: the bad rows and a repeated id are left out, as on the two-pass road', async () => {
    const content = rows(6000, (i, cells) => {
      if (i === 3) cells[1] = '本科';
      if (i === 5000) cells[0] = 'C2';
    });
    const { chunked, inline, legacy } = await both('skipped', content, { skipInvalid: true });
    expect(legacy.skipped).toBe(2);
    for (const run of [chunked, inline]) {
      expect(run.log).toEqual(legacy.log);
      expect(run.written).toBe(legacy.written);
      expect(run.count).toBe(5998);
    }
  });

  it('an unclosed quote: the two-pass road names the line; no output file', async () => {
    const { chunked, legacy } = await both('unclosed', `${HEADER}\nA1,大学本科,2018/3/1,乡镇,12,"[{\n`);
    expect(legacy.error).toContain('malformed CSV');
    expect(chunked.error).toBe(legacy.error);
    expect(chunked.log).toEqual(legacy.log);
    expect(chunked.written).toBeUndefined();
  });

  it.each([
    ['a header alone', `${HEADER}`, 'no applicant data'],
    ['blank lines only', '\n\n  ,\n', 'the file is empty'],
  ])('%s: the same message as the two-pass road', async (name, content, message) => {
    const { chunked, legacy } = await both(name.replace(/ /g, '-'), content);
    expect(legacy.error).toContain(message);
    expect(chunked.error).toBe(legacy.error);
  });
});
