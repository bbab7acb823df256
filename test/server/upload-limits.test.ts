// The applicant readers against files built to exhaust them (issue 12, "limits"):
// each limit of limits.upload lowered where a real file would be large, the file
// refused with a LimitError naming the limit, its value, what was found and where —
// and the reader stopping there: past the limit each file is broken (malformed XML,
// an unclosed quote, bad JSON), which a reader that went on would report instead;
// an .xlsx refused from its zip directory never has a byte inflated.
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, type CompiledRuleset, type Ruleset } from '../../engine/index';
import { describeRowIssue, type ApplicantRow } from '../../server/io/applicant-row';
import { DEFAULT_LIMITS } from '../../server/http/config';
import { LimitError, type ReadLimits, type UploadLimits } from '../../server/io/limits';
import { readApplicants } from '../../server/io/read-applicants';
import { UserError } from '../../server/io/user-error';
import { MINI, tempDir } from './support/run-cli';
import { deflateRepeated, sharedStringsXml, sheetRow, SST_CLOSE, SST_OPEN, worksheetXml, xlsxBytes, type DeflatedPart } from './support/xlsx-zip';

let dir: Awaited<ReturnType<typeof tempDir>>;
let compiled: CompiledRuleset;
beforeAll(async () => {
  dir = await tempDir();
  compiled = compileRuleset(JSON.parse(readFileSync(MINI, 'utf8')) as Ruleset);
});
afterAll(() => dir.remove());

const HEADER = ['编号', '最高学历', '现职称取得时间', '工作单位层级', '基层工作年限'];
const row = (i: number) => [`A${String(i).padStart(5, '0')}`, '大学本科', '2018-03-01', '乡镇', 12];

function limits(upload: Partial<UploadLimits> = {}): ReadLimits {
  return { upload: { ...DEFAULT_LIMITS.upload, ...upload }, applicant: DEFAULT_LIMITS.applicant };
}

/** Every row the reader hands out before it stops, and what stopped it. */
async function readAll(file: string, given: ReadLimits) {
  const rows: ApplicantRow[] = [];
  try {
    for await (const r of readApplicants(file, compiled, { limits: given })) rows.push(r);
  } catch (err) {
    return { rows, error: err as Error };
  }
  return { rows, error: undefined };
}

/** Readers name a file as the user gave it: here its path in the temporary directory. */
const shown = (name: string) => dir.file(name);

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = dir.file(name);
  await writeFile(file, content);
  return file;
}

// Counts what unzipper inflates (it calls zlib.createInflateRaw for every deflated part).
const originalInflateRaw = zlib.createInflateRaw;
const inflation = { streams: 0, bytes: 0 };
function countInflation() {
  inflation.streams = 0;
  inflation.bytes = 0;
  // zlib's exports are read-only properties, but configurable.
  Object.defineProperty(zlib, 'createInflateRaw', { configurable: true, value: (options?: zlib.ZlibOptions) => {
    const stream = originalInflateRaw(options);
    inflation.streams++;
    const push = stream.push.bind(stream);
    stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (Buffer.isBuffer(chunk)) inflation.bytes += chunk.length;
      return push(chunk, encoding);
    };
    return stream;
  } });
}
afterEach(() => {
  Object.defineProperty(zlib, 'createInflateRaw', { configurable: true, value: originalInflateRaw });
});

describe('rows', () => {
  it('an .xlsx of 10,000 rows under a limit of 50: 50 rows handed out, then refused at row 52 — the broken XML at row 9,000 never reached', async () => {
    let rows = sheetRow(1, HEADER);
    for (let r = 2; r <= 9000; r++) rows += sheetRow(r, row(r));
    // A full read meets this: not well-formed XML.
    rows += '<row r="9001"><c r="A9001" t="str"><v>A<<<</v></c></row>';
    for (let r = 9002; r <= 10_000; r++) rows += sheetRow(r, row(r));
    const file = await write('rows.xlsx', xlsxBytes({ sheet: worksheetXml(rows) }));

    const { rows: read, error } = await readAll(file, limits({ rows: 50 }));
    expect(read).toHaveLength(50);
    expect(read.at(-1)!.row).toBe(51);
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).details).toEqual({ limit: 'rows', max: 50, found: 51, row: 52, sheet: '申报人' });
    expect((error as LimitError).text).toEqual({
      zh: `${shown('rows.xlsx')}：数据超过 50 行的上限，读到工作表「申报人」第 52 行时停止`,
      en: `${shown('rows.xlsx')}: more than the limit of 50 data rows; reading stopped at sheet "申报人" row 52`,
    });

    // Without the limit the reader goes on and meets the broken row: the file above was refused before it.
    const full = await readAll(file, limits());
    expect(full.error).toBeInstanceOf(UserError);
    expect(full.error).not.toBeInstanceOf(LimitError);
    expect((full.error as UserError).text.en).toMatch(/^Cannot read the Excel file/);
    expect(full.rows.length).toBeGreaterThan(8000);
  });

  it('a CSV of 10,000 rows under a limit of 50: refused at row 52, before the unclosed quote of its last line', async () => {
    const lines = [HEADER.join(',')];
    for (let r = 2; r <= 10_000; r++) lines.push(row(r).join(','));
    lines.push('"A99999,大学本科');
    const file = await write('rows.csv', lines.join('\n') + '\n');

    const { rows, error } = await readAll(file, limits({ rows: 50 }));
    expect(rows).toHaveLength(50);
    expect((error as LimitError).details).toEqual({ limit: 'rows', max: 50, found: 51, row: 52 });
    expect((error as LimitError).text.zh).toBe(`${shown('rows.csv')}：数据超过 50 行的上限，读到第 52 行时停止`);

    const full = await readAll(file, limits());
    expect(full.error).not.toBeInstanceOf(LimitError);
    expect((full.error as UserError).text.en).toContain('rows.csv: malformed CSV');
  });

  it('a JSON array of 60 records under a limit of 50: refused at record 51, before the malformed record 55 is parsed', async () => {
    const records = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `A${i + 1}`, degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12 }));
    records[54] = '{"id": "A55", "degree": bachelor}';
    const file = await write('rows.json', `[${records.join(',\n')}]`);

    const { rows, error } = await readAll(file, limits({ rows: 50 }));
    expect(rows).toHaveLength(50);
    expect((error as LimitError).details).toEqual({ limit: 'rows', max: 50, found: 51, row: 51 });
    expect((error as LimitError).text.en).toBe(`${shown('rows.json')}: more than the limit of 50 applicant records; reading stopped at record 51`);

    const full = await readAll(file, limits());
    expect(full.error).not.toBeInstanceOf(LimitError);
    expect((full.error as UserError).text.en).toContain('rows.json: malformed JSON');
  });
});

describe('columns and cells', () => {
  it('a CSV header of 1,000,000 columns is refused at row 1, column 501, under the default limit of 500', async () => {
    const file = await write('wide.csv', `${HEADER.join(',')},${'x,'.repeat(1_000_000 - HEADER.length - 1)}x\nA1,大学本科,2018-03-01,乡镇,12\n`);
    const { rows, error } = await readAll(file, limits());
    expect(rows).toEqual([]);
    expect((error as LimitError).details).toEqual({ limit: 'columns', max: 500, found: 1_000_000, row: 1, column: 501 });
    expect((error as LimitError).text.en).toBe(`${shown('wide.csv')}: row 1 has 1000000 columns, over the limit of 500`);
  });

  it('a wide data row is refused where it is, and trailing empty cells do not count', async () => {
    const file = await write('wide-row.csv', [HEADER.join(',') + ',,,,,,,,', row(2).join(','), [...row(3), 'a', 'b'].join(','), row(4).join(',')].join('\n'));
    const { rows, error } = await readAll(file, limits({ columns: 6 }));
    expect(rows).toHaveLength(1);
    expect((error as LimitError).details).toEqual({ limit: 'columns', max: 6, found: 7, row: 3, column: 7 });
  });

  it('a CSV over the non-empty cells limit stops at the row that passes it', async () => {
    const lines = [HEADER.join(',')];
    for (let r = 2; r <= 40; r++) lines.push(row(r).join(','));
    const file = await write('cells.csv', lines.join('\n'));
    const { rows, error } = await readAll(file, limits({ cells: 100 }));
    // 5 cells a row, the header included: row 21 brings the count to 105.
    expect(rows).toHaveLength(19);
    expect((error as LimitError).details).toEqual({ limit: 'cells', max: 100, found: 105, row: 21 });
    expect((error as LimitError).text.en).toBe(`${shown('cells.csv')}: more than the limit of 100 non-empty cells; reading stopped at row 21`);
  });

  it('an .xlsx row wider than the limit names its sheet, row and column', async () => {
    const wide = [...row(3), ...Array.from({ length: 20 }, (_, i) => `extra${i}`)];
    const file = await write('wide.xlsx', xlsxBytes({ sheet: worksheetXml(sheetRow(1, HEADER) + sheetRow(2, row(2)) + sheetRow(3, wide)) }));
    const { rows, error } = await readAll(file, limits({ columns: 10 }));
    expect(rows).toHaveLength(1);
    expect((error as LimitError).details).toEqual({ limit: 'columns', max: 10, found: 25, row: 3, column: 11, sheet: '申报人' });
  });
});

describe('an applicant record too large', () => {
  const DEPTH = 100_000;
  // Written by hand: JSON.stringify itself overflows the stack long before this depth.
  const deep = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;

  it('JSON: a record nested 100,000 deep is an invalid row (APPLICANT_TOO_LARGE) naming its row and pointer; the other rows are read', async () => {
    const good = (id: string) => JSON.stringify({ id, degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12 });
    const file = await write('deep.json', `[${good('A1')},{"id":"A2","degree":"bachelor","notes":${deep}},${good('A3')}]`);
    const { rows, error } = await readAll(file, limits());
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.row, r.record !== undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    const issue = rows[1]!.issues[0]!;
    expect(rows[1]!.issues).toHaveLength(1);
    const pointer = '/notes' + '/0'.repeat(31);
    expect(issue).toMatchObject({ code: 'APPLICANT_TOO_LARGE', severity: 'error', limit: 'depth', max: 32, found: 33, pointer, field: 'notes' });
    expect(describeRowIssue(rows[1]!, issue, 'en')).toBe(`Record 2 (ID A2): The applicant record is nested deeper than the limit of 32 levels, at ${pointer}`);
    expect(describeRowIssue(rows[1]!, issue, 'zh')).toBe(`第 2 条记录（编号 A2），申报人记录嵌套超过 32 层的上限，位置 ${pointer}`);
  });

  it('CSV: a list cell holding JSON 100,000 deep is an invalid row, quoted short, not a stack overflow', async () => {
    // As an item of the list: the cell is refused (not a record), its value quoted in 60 characters.
    // As an unknown field of a record: kept, then refused by the record's depth limit.
    const item = `"[${deep}]"`;
    const field = `"[{""year"": 2020, ""core"": true, ""note"": ${deep}}]"`;
    const file = await write('deep.csv', [[...HEADER, '论文'].join(','), [...row(2), '[]'].join(','), [...row(3), item].join(','), [...row(4), field].join(',')].join('\n'));
    const { rows, error } = await readAll(file, limits());
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.row, r.record !== undefined])).toEqual([
      [2, true],
      [3, false],
      [4, false],
    ]);
    expect(rows[1]!.issues).toEqual([expect.objectContaining({ code: 'APPLICANT_INVALID', field: 'papers' })]);
    expect(describeRowIssue(rows[1]!, rows[1]!.issues[0]!, 'en')).toBe(`Row 3 (ID A00003): "论文": #1 must be a record, got ${'['.repeat(57)}...`);
    expect(rows[2]!.issues).toEqual([expect.objectContaining({ code: 'APPLICANT_TOO_LARGE', limit: 'depth', pointer: '/papers/0/note' + '/0'.repeat(29), field: 'papers' })]);
  });

  it('JSON: an element nested 100,000 deep that is no record is an invalid row, quoted short', async () => {
    const file = await write('deep-element.json', `[${deep}]`);
    const { rows, error } = await readAll(file, limits());
    expect(error).toBeUndefined();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.issues).toEqual([expect.objectContaining({ code: 'APPLICANT_INVALID', pointer: '/0' })]);
    expect(rows[0]!.issues[0]!.message.en).toBe(`must be a record (a JSON object), got ${'['.repeat(57)}...`);
  });

  it('a list longer than limits.applicant.arrayLength is an invalid row naming the list', async () => {
    const papers = Array.from({ length: 11 }, (_, i) => ({ year: 2010 + i, core: true }));
    const file = await write('long.json', JSON.stringify([{ id: 'A1', degree: 'bachelor', titleDate: '2018-03-01', postLevel: 'township', grassrootsYears: 12, papers }]));
    const { rows } = await readAll(file, { ...limits(), applicant: { ...DEFAULT_LIMITS.applicant, arrayLength: 10 } });
    expect(rows[0]!.issues).toEqual([expect.objectContaining({ code: 'APPLICANT_TOO_LARGE', limit: 'arrayLength', max: 10, found: 11, pointer: '/papers', field: 'papers' })]);
  });
});

describe('.xlsx zip parts', () => {
  const sheet = worksheetXml(sheetRow(1, HEADER) + sheetRow(2, row(2)));
  // 7.2 million shared strings "a": 122 MB of XML in about 300 KB.
  let bomb: Promise<DeflatedPart> | undefined;
  const sharedStringsBomb = () => (bomb ??= deflateRepeated(SST_OPEN, '<si><t>a</t></si>', 7_200_000, SST_CLOSE));

  it('a shared-strings part expanding 400-fold to 122 MB is refused from the zip directory, before anything is inflated (xlsxRatio)', async () => {
    const part = await sharedStringsBomb();
    expect(part.size).toBeGreaterThan(120_000_000);
    expect(part.bytes.length).toBeLessThan(400_000);
    const file = await write('bomb.xlsx', xlsxBytes({ sheet, sharedStrings: part }));
    countInflation();
    const { rows, error } = await readAll(file, limits());
    expect(rows).toEqual([]);
    expect((error as LimitError).details).toEqual({ limit: 'xlsxRatio', max: 100, found: Math.round(part.size / part.bytes.length), part: 'xl/sharedStrings.xml' });
    expect((error as LimitError).text.en).toMatch(/bomb\.xlsx: xl\/sharedStrings\.xml in the zip has a compression ratio of \d+:1 \(\d+(\.\d)? KiB expanding to 116\.\d MiB\), over the limit of 100:1$/);
    expect(inflation.streams).toBe(0);
  });

  it('the same part over limits.upload.xlsxPartBytes is refused for its size, also before inflating', async () => {
    const part = await sharedStringsBomb();
    const file = await write('bomb-size.xlsx', xlsxBytes({ sheet, sharedStrings: part }));
    countInflation();
    const { error } = await readAll(file, limits({ xlsxPartBytes: 64 * 2 ** 20 }));
    expect((error as LimitError).details).toEqual({ limit: 'xlsxPartBytes', max: 64 * 2 ** 20, found: part.size, part: 'xl/sharedStrings.xml' });
    expect((error as LimitError).text.en).toBe(`${shown('bomb-size.xlsx')}: xl/sharedStrings.xml in the zip expands to 116.7 MiB, over the limit of 64 MiB`);
    expect(inflation.streams).toBe(0);
  });

  it.each([
    ['after the sheet (the sheet parked in a temporary file meanwhile)', false],
    ['before the sheet', true],
  ])('a part whose directory declares 1,000 bytes but inflates to 122 MB is stopped while inflating (declaredSize): %s', async (_, stringsFirst) => {
    const part = await sharedStringsBomb();
    const file = await write(`liar-${stringsFirst}.xlsx`, xlsxBytes({ sheet, sharedStrings: part, declared: { 'xl/sharedStrings.xml': 1000 }, stringsFirst }));
    countInflation();
    const { rows, error } = await readAll(file, limits());
    expect(rows).toEqual([]);
    expect(error).toBeInstanceOf(LimitError);
    const { details } = error as LimitError;
    expect(details).toMatchObject({ limit: 'declaredSize', max: 1000, part: 'xl/sharedStrings.xml' });
    // Stopped at the first chunk beyond what it declared, not after 122 MB.
    expect(details.found).toBeGreaterThan(1000);
    expect(details.found).toBeLessThanOrEqual(1000 + 64 * 1024);
    expect(inflation.bytes).toBeLessThan(8 * 2 ** 20);
    expect((error as LimitError).text.en).toBe(
      `${shown(`liar-${stringsFirst}.xlsx`)}: xl/sharedStrings.xml in the zip declares 1000 bytes expanded but expands to more (the file is damaged or was altered)`,
    );
  });

  it('a shared-strings table of more entries than limits.upload.sharedStrings is refused at the first one beyond', async () => {
    const strings = Array.from({ length: 300 }, (_, i) => `s${i}`);
    // Before the sheet: in a zip this small, exceljs (unzipper) ends its walk once the whole file is in and may
    // never reach a shared-strings part that comes after a parked sheet.
    const file = await write('strings.xlsx', xlsxBytes({ sheet, sharedStrings: sharedStringsXml(strings), stringsFirst: true }));
    const { error } = await readAll(file, limits({ sharedStrings: 100 }));
    expect((error as LimitError).details).toEqual({ limit: 'sharedStrings', max: 100, found: 101, part: 'xl/sharedStrings.xml' });
    expect((error as LimitError).text.en).toBe(`${shown('strings.xlsx')}: the shared-strings table holds more than the limit of 100 entries`);
    // Within the limit the same file reads.
    expect((await readAll(file, limits({ sharedStrings: 300 }))).error).toBeUndefined();
  });

  it('a zip of more parts than limits.upload.xlsxParts is refused from its directory', async () => {
    const extra = Array.from({ length: 20 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: 'x' }));
    const file = await write('parts.xlsx', xlsxBytes({ sheet, extra }));
    countInflation();
    const { error } = await readAll(file, limits({ xlsxParts: 10 }));
    expect((error as LimitError).details).toEqual({ limit: 'xlsxParts', max: 10, found: 25 });
    expect((error as LimitError).text.en).toBe(`${shown('parts.xlsx')}: the zip holds 25 parts, over the limit of 10`);
    expect(inflation.streams).toBe(0);
  });

  it('parts over limits.upload.xlsxTotalBytes together are refused from the directory', async () => {
    const file = await write('total.xlsx', xlsxBytes({ sheet }));
    const { error } = await readAll(file, limits({ xlsxTotalBytes: 1024 }));
    expect((error as LimitError).details).toMatchObject({ limit: 'xlsxTotalBytes', max: 1024 });
    expect((error as LimitError).details.found).toBeGreaterThan(1024);
  });
});
