// Zip files written byte by byte, for the upload-limit tests: a minimal .xlsx whose
// parts are given as XML, and parts that lie — a shared-strings table deflated from a
// long run of repeated entries (a "zip bomb"), a central directory that declares a
// part smaller than it inflates. exceljs's own writer cannot make either.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface DeflatedPart {
  /** Raw deflate bytes. */
  bytes: Buffer;
  /** What they inflate to, and its CRC-32. */
  size: number;
  crc: number;
}

export interface ZipEntry {
  name: string;
  /** The part's bytes (deflated here), or bytes deflated already. */
  data: string | Buffer | DeflatedPart;
  /** The expanded size the headers declare; default the true one. A smaller number is a tampered zip. */
  declaredSize?: number;
}

function isDeflated(data: ZipEntry['data']): data is DeflatedPart {
  return typeof data === 'object' && !Buffer.isBuffer(data);
}

function deflated(data: ZipEntry['data']): DeflatedPart {
  if (isDeflated(data)) return data;
  const raw = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { bytes: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}

/** A zip (deflate, no data descriptors, no ZIP64) of the entries in this order. */
export function zipBytes(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const part = deflated(entry.data);
    const name = Buffer.from(entry.name, 'utf8');
    const expanded = entry.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.bytes.length, 18);
    local.writeUInt32LE(expanded, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.bytes.length, 20);
    central.writeUInt32LE(expanded, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.bytes);
    centrals.push(central, name);
    offset += local.length + name.length + part.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `prefix`, `unit` × `count`, `suffix`, deflated as a stream: never the expanded text in memory at once. */
export async function deflateRepeated(prefix: string, unit: string, count: number, suffix: string): Promise<DeflatedPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  // About 1 MB per write.
  const perWrite = Math.max(1, Math.floor(2 ** 20 / Buffer.byteLength(unit)));
  const block = Buffer.from(unit.repeat(perWrite), 'utf8');
  let size = 0;
  let crc = 0;
  const write = (piece: Buffer) => {
    size += piece.length;
    crc = crc32(piece, crc);
    return deflate.write(piece) ? Promise.resolve() : new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
  };
  await write(Buffer.from(prefix, 'utf8'));
  let left = count;
  while (left >= perWrite) {
    await write(block);
    left -= perWrite;
  }
  if (left > 0) await write(Buffer.from(unit.repeat(left), 'utf8'));
  await write(Buffer.from(suffix, 'utf8'));
  deflate.end();
  await ended;
  return { bytes: Buffer.concat(out), size, crc };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A1-style column letters of a 1-based column. */
export function columnName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** A worksheet row: text cells as literal strings (t="str"), numbers as numbers. */
export function sheetRow(r: number, cells: ReadonlyArray<string | number>): string {
  const cs = cells.map((v, i) => {
    const ref = `${columnName(i + 1)}${r}`;
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="str"><v>${escapeXml(v)}</v></c>`;
  });
  return `<row r="${r}">${cs.join('')}</row>`;
}

export const worksheetXml = (rows: string) => `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

/** The shared-strings part's opening and closing, around its `<si>` entries. */
export const SST_OPEN = `${XML}<sst xmlns="${MAIN}">`;
export const SST_CLOSE = '</sst>';
export const sharedStringsXml = (strings: readonly string[]) => `${SST_OPEN}${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}${SST_CLOSE}`;

export interface XlsxParts {
  /** The applicant sheet's XML (worksheetXml). */
  sheet: ZipEntry['data'];
  /** The shared-strings part, if any. */
  sharedStrings?: ZipEntry['data'];
  /** Declared sizes that lie, by part name. */
  declared?: Record<string, number>;
  /** Parts added at the end (say, to pass a limit on their number). */
  extra?: ZipEntry[];
  /** Where the shared strings come: before the sheet (read first) or after it (Excel's order: the sheet parked meanwhile). */
  stringsFirst?: boolean;
}

/** The smallest .xlsx exceljs reads: one sheet 「申报人」, optionally a shared-strings part. */
export function xlsxBytes(parts: XlsxParts): Buffer {
  const strings = parts.sharedStrings !== undefined;
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    },
    { name: '_rels/.rels', data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="申报人" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>${strings ? `<Relationship Id="rId2" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    },
  ];
  const sheet: ZipEntry = { name: 'xl/worksheets/sheet1.xml', data: parts.sheet };
  const shared: ZipEntry[] = strings ? [{ name: 'xl/sharedStrings.xml', data: parts.sharedStrings! }] : [];
  entries.push(...(parts.stringsFirst ? [...shared, sheet] : [sheet, ...shared]), ...(parts.extra ?? []));
  for (const entry of entries) {
    const declared = parts.declared?.[entry.name];
    if (declared !== undefined) entry.declaredSize = declared;
  }
  return zipBytes(entries);
}
