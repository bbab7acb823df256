// Spreadsheet formula injection: what an applicant file or a quota row carries
// (`=cmd|' /C calc'!A0`, `+1+2`, `-3+4`, `@SUM(1+1)`, a leading tab or CR) comes out
// of every CSV export as text a spreadsheet will not run — a leading `'` — while
// numbers stay numbers; the xlsx exports hold the same values as strings, never
// formulas.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../../server/io/csv-cell';
import { csvText } from '../../../server/io/format-results';
import { setup, type Agents } from './helpers';
import { healthApplicants, runJson } from './runs-support';

const PAYLOADS = ["=cmd|' /C calc'!A0", '+1+2', '-3+4', '@SUM(1+1)', '\t=1+1', '\r=1+1'];
const TRIGGER = /^[=+\-@\t\r]/;

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Every cell that a spreadsheet would run: starts with a trigger and is not a plain negative number. */
function dangerous(csv: string): string[] {
  const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  return rows.flat().filter((cell) => TRIGGER.test(cell) && !/^-\d+(\.\d+)?$/.test(cell));
}

/** The workbook's formulas (none expected) and its string cells. */
async function xlsxCells(bytes: Buffer): Promise<{ formulas: number; strings: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  let formulas = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) formulas += ((await zip.file(name)!.async('string')).match(/<f[ >]/g) ?? []).length;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const strings: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type === ExcelJS.ValueType.Formula).toBe(false);
        if (typeof cell.value === 'string') strings.push(cell.value);
      }),
    ),
  );
  return { formulas, strings };
}

describe('the CSV writer', () => {
  it("prefixes every text cell that starts with =, +, -, @, tab or CR with '", () => {
    for (const payload of PAYLOADS) expect(neutraliseCell(payload)).toBe(`'${payload}`);
    for (const safe of ['张三', '2024-09-30', '', "'=already text", ' =1', '－1']) expect(neutraliseCell(safe)).toBe(safe);
  });

  it('writes numbers as numbers, negative ones included, and a negative decimal read back from a file the same way', () => {
    expect(csvText([[-3, 2.5, '-3', '-0.5', '-3+4', '-', '+1']])).toBe("-3,2.5,-3,-0.5,'-3+4,'-,'+1\r\n");
    // A CR or tab payload is both neutralised and quoted where CSV needs it.
    expect(csvText([['\r=1+1', '\t=1+1']])).toBe(`"'\r=1+1",'\t=1+1\r\n`);
  });
});

describe('every CSV export', () => {
  let agents: Agents;
  beforeAll(async () => {
    ({ agents } = await setup({ seed: true }));
  });

  it('the run download: names and units as entered come out neutralised (csv), as strings (xlsx)', async () => {
    const admin = agents.admin!;
    const applicants = healthApplicants(PAYLOADS.length, (a, i) => ({ ...a, name: PAYLOADS[i]!, unitName: PAYLOADS[(i + 1) % PAYLOADS.length]! }));
    const run = await runJson(admin, applicants);
    expect(run.status).toBe('completed');

    const csv = await admin.get(`/api/v1/runs/${run.id}/download?format=csv`).buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8');
    expect(dangerous(text)).toEqual([]);
    const cells = (parse(text, { bom: true, relax_column_count: true }) as string[][]).flat();
    for (const payload of PAYLOADS) expect(cells).toContain(`'${payload}`);

    const xlsx = await admin.get(`/api/v1/runs/${run.id}/download?format=xlsx`).buffer(true).parse(binary);
    const { formulas, strings } = await xlsxCells(xlsx.body);
    expect(formulas).toBe(0);
    // XML keeps a CR as a line break: compared without white space.
    const bare = (s: string) => s.replace(/\s/g, '');
    for (const payload of PAYLOADS) expect(strings.map(bare)).toContain(bare(payload));
  });

  it('the quota export: units and notes as entered come out neutralised (csv), as strings (xlsx)', async () => {
    const admin = agents.admin!;
    for (const [i, payload] of PAYLOADS.entries()) {
      const res = await admin.put('/api/v1/quotas').send({ unit: payload, series: 'health', level: 'deputy-senior', posts: i + 1, note: payload });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const csv = await admin.get('/api/v1/quotas/export?format=csv').buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8');
    expect(dangerous(text)).toEqual([]);
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
    for (const payload of PAYLOADS.filter((p) => p.trim() === p)) expect(rows.some((r) => r.includes(`'${payload}`))).toBe(true);

    const xlsx = await admin.get('/api/v1/quotas/export?format=xlsx').buffer(true).parse(binary);
    const { formulas, strings } = await xlsxCells(xlsx.body);
    expect(formulas).toBe(0);
    expect(strings).toContain("=cmd|' /C calc'!A0");
  });
});
