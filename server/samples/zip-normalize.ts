// Two touches to the zip archive exceljs writes, both byte-level and lossless:
// - every entry's DOS date and time is set to one fixed value (JSZip stamps the
//   current time, so the same workbook written twice would differ); times are not
//   covered by the entries' CRCs;
// - the workbook part and its relationships move to the front, where Excel puts
//   them. exceljs writes xl/workbook.xml last, and its own streaming reader then
//   reaches the worksheets before it knows their names: on small files it fails
//   with "Cannot read properties of undefined (reading 'sheets')".

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Parts a streaming reader needs before any worksheet, in this order. */
export const LEADING_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];

/** DOS date/time fields for a calendar date at midnight. */
function dosStamp(date: string): { date: number; time: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { date: ((y - 1980) << 9) | (m << 5) | d, time: 0 };
}

interface Entry {
  name: string;
  central: Buffer;
  local: Buffer;
}

function readEntries(zip: Buffer): { entries: Entry[]; eocd: Buffer } {
  let eocdAt = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocdAt = i;
      break;
    }
  }
  if (eocdAt < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocdAt + 10);
  const centralStart = zip.readUInt32LE(eocdAt + 16);
  const raw: Array<{ name: string; central: Buffer; localAt: number }> = [];
  let at = centralStart;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`zip central directory entry ${n} is malformed`);
    const size = 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
    raw.push({ name, central: Buffer.from(zip.subarray(at, at + size)), localAt: zip.readUInt32LE(at + 42) });
    at += size;
  }
  // An entry's local part runs to the next entry's local header (or the central directory).
  const starts = [...raw.map((r) => r.localAt), centralStart].sort((a, b) => a - b);
  const entries = raw.map((r) => {
    if (zip.readUInt32LE(r.localAt) !== LOCAL) throw new Error(`zip local header of ${r.name} is malformed`);
    const end = starts.find((s) => s > r.localAt)!;
    return { name: r.name, central: r.central, local: Buffer.from(zip.subarray(r.localAt, end)) };
  });
  return { entries, eocd: Buffer.from(zip.subarray(eocdAt)) };
}

export function normalizeZip(zip: Buffer, date: string, leading: string[] = LEADING_PARTS): Buffer {
  const { entries, eocd } = readEntries(zip);
  const stamp = dosStamp(date);
  const rank = (e: Entry) => {
    const i = leading.indexOf(e.name);
    return i < 0 ? leading.length : i;
  };
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    e.local.writeUInt16LE(stamp.time, 10);
    e.local.writeUInt16LE(stamp.date, 12);
    e.central.writeUInt16LE(stamp.time, 12);
    e.central.writeUInt16LE(stamp.date, 14);
    e.central.writeUInt32LE(offset, 42);
    locals.push(e.local);
    centrals.push(e.central);
    offset += e.local.length;
  }
  const central = Buffer.concat(centrals);
  eocd.writeUInt32LE(central.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, eocd]);
}
