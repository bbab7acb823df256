// Zip archives record each entry's modification time; exceljs (through JSZip)
// stamps the current time, so the same workbook written twice differs. Setting
// every entry's DOS date and time to one fixed value makes the bytes stable.
// The times are not covered by the entries' CRCs, so nothing else changes.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** DOS date/time fields for a calendar date at midnight. */
function dosStamp(date: string): { date: number; time: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { date: ((y - 1980) << 9) | (m << 5) | d, time: 0 };
}

export function stampZip(zip: Buffer, date: string): Buffer {
  const out = Buffer.from(zip);
  const stamp = dosStamp(date);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (out.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end-of-central-directory record');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== CENTRAL) throw new Error(`zip central directory entry ${n} is malformed`);
    out.writeUInt16LE(stamp.time, at + 12);
    out.writeUInt16LE(stamp.date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL) throw new Error(`zip local header ${n} is malformed`);
    out.writeUInt16LE(stamp.time, local + 10);
    out.writeUInt16LE(stamp.date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
