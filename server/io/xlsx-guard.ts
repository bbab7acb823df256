// An .xlsx is a zip: 2 MB of it can expand to gigabytes (a "zip bomb"), and exceljs
// would inflate it all — shared strings and styles into memory, a worksheet met
// before the shared strings into a temporary file. So, before exceljs reads a byte,
// the zip's central directory (at the end of the file) is read and every part's
// declared expanded size and compression ratio held to the limits; then, while
// exceljs reads, every part's inflated bytes are counted, so that a part whose
// declared size lies is stopped at that size, and the shared-strings table is held
// to its number of entries.
import { open, rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { Text } from '../../engine/index';
import { formatBytes, LimitError, XLSX_RATIO_FROM, type UploadLimits } from './limits';
import { text } from './text';

export interface ZipPart {
  name: string;
  compressed: number;
  expanded: number;
}

type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const MAX32 = 0xffffffff;

/** The parts a zip's central directory lists, or undefined when the file is no zip (the reader then says so). */
export async function zipDirectory(source: string | Buffer, limits: UploadLimits, name: string): Promise<ZipPart[] | undefined> {
  if (Buffer.isBuffer(source)) return readDirectory(async (offset, length) => source.subarray(offset, offset + length), source.length, limits, name);
  const handle = await open(source, 'r');
  try {
    const { size } = await handle.stat();
    const readAt: ReadAt = async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    };
    return await readDirectory(readAt, size, limits, name);
  } finally {
    await handle.close();
  }
}

async function readDirectory(readAt: ReadAt, size: number, limits: UploadLimits, name: string): Promise<ZipPart[] | undefined> {
  // The end record is 22 bytes plus a comment of up to 65,535.
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await readAt(tailStart, size - tailStart);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
    const eocd64 = await readAt(Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (eocd64.length < 56 || eocd64.readUInt32LE(0) !== EOCD64) return undefined;
    count = Number(eocd64.readBigUInt64LE(32));
    cdSize = Number(eocd64.readBigUInt64LE(40));
    cdOffset = Number(eocd64.readBigUInt64LE(48));
  }
  if (count > limits.xlsxParts) {
    throw new LimitError(text(`${name}：压缩包中有 ${count} 个部件，超过 ${limits.xlsxParts} 个的上限`, `${name}: the zip holds ${count} parts, over the limit of ${limits.xlsxParts}`), {
      limit: 'xlsxParts',
      max: limits.xlsxParts,
      found: count,
    });
  }
  if (cdOffset + cdSize > size) return undefined;
  const cd = await readAt(cdOffset, cdSize);
  const parts: ZipPart[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return undefined;
    let compressed = cd.readUInt32LE(p + 20);
    let expanded = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const partName = cd.toString('utf8', p + 46, p + 46 + nameLength);
    if (expanded === MAX32 || compressed === MAX32) {
      // ZIP64: the real sizes are in the extra field 0x0001, expanded first, each only when its 32-bit field is full.
      const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e);
        const length = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (expanded === MAX32 && q + 8 <= e + 4 + length) {
            expanded = Number(extra.readBigUInt64LE(q));
            q += 8;
          }
          if (compressed === MAX32 && q + 8 <= e + 4 + length) compressed = Number(extra.readBigUInt64LE(q));
          break;
        }
        e += 4 + length;
      }
    }
    parts.push({ name: partName, compressed, expanded });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** As exceljs tells a worksheet (streamed, row by row) from the parts it reads whole. */
export const isWorksheetPart = (path: string) => /xl\/worksheets\/sheet\d+[.]xml/.test(path);

function partLimit(path: string, limits: UploadLimits): { limit: 'xlsxSheetBytes' | 'xlsxPartBytes'; max: number } {
  return isWorksheetPart(path) ? { limit: 'xlsxSheetBytes', max: limits.xlsxSheetBytes } : { limit: 'xlsxPartBytes', max: limits.xlsxPartBytes };
}

function tooBig(name: string, part: string, limit: 'xlsxSheetBytes' | 'xlsxPartBytes', max: number, found: number, atLeast: boolean): LimitError {
  const size: Text = atLeast ? text(`超过 ${formatBytes(max).zh}`, `more than ${formatBytes(max).en}`) : formatBytes(found);
  return new LimitError(
    text(`${name}：压缩包中的 ${part} 解压后${size.zh}，超过 ${formatBytes(max).zh} 的上限`, `${name}: ${part} in the zip expands to ${size.en}, over the limit of ${formatBytes(max).en}`),
    { limit, max, found, part },
  );
}

function tooBigInTotal(name: string, max: number, found: number): LimitError {
  return new LimitError(
    text(`${name}：压缩包解压后共超过 ${formatBytes(max).zh} 的上限`, `${name}: the zip expands to more than the limit of ${formatBytes(max).en} in all`),
    { limit: 'xlsxTotalBytes', max, found },
  );
}

/** Every part's declared size and ratio against the limits, before anything is inflated; the parts by name. */
export function checkZipParts(parts: readonly ZipPart[], limits: UploadLimits, name: string): Map<string, ZipPart> {
  let total = 0;
  const byName = new Map<string, ZipPart>();
  for (const part of parts) {
    const { limit, max } = partLimit(part.name, limits);
    if (part.expanded > max) throw tooBig(name, part.name, limit, max, part.expanded, false);
    if (part.expanded > XLSX_RATIO_FROM) {
      const ratio = part.expanded / Math.max(part.compressed, 1);
      if (ratio > limits.xlsxRatio) {
        const found = Math.round(ratio);
        throw new LimitError(
          text(
            `${name}：压缩包中的 ${part.name} 压缩比为 ${found}:1（${formatBytes(part.compressed).zh} 解压为 ${formatBytes(part.expanded).zh}），超过 ${limits.xlsxRatio}:1 的上限`,
            `${name}: ${part.name} in the zip has a compression ratio of ${found}:1 (${formatBytes(part.compressed).en} expanding to ${formatBytes(part.expanded).en}), over the limit of ${limits.xlsxRatio}:1`,
          ),
          { limit: 'xlsxRatio', max: limits.xlsxRatio, found, part: part.name },
        );
      }
    }
    total += part.expanded;
    if (total > limits.xlsxTotalBytes) throw tooBigInTotal(name, limits.xlsxTotalBytes, total);
    byName.set(part.name, part);
  }
  return byName;
}

type Entry = Readable & { path?: string; _transform?: (chunk: Buffer, encoding: BufferEncoding, callback: (err?: Error | null, data?: Buffer) => void) => void };

const ignore = () => {};

/** The streams a readable is piped into (a temporary file, a drain). */
function pipesOf(stream: Readable): Writable[] {
  const pipes = (stream as unknown as { _readableState?: { pipes?: unknown } })._readableState?.pipes;
  return Array.isArray(pipes) ? (pipes as Writable[]) : pipes ? [pipes as Writable] : [];
}

interface ReaderInternals {
  _getStream(input: unknown): Readable;
  sharedStrings?: unknown[];
}

/** Stops a reader that went beyond a limit: what it reads and writes is closed, and the error reaches whoever waits on it. */
export interface InflationGuard {
  /** Closes the file and the zip stream (after an error or an early stop). */
  close(): void;
}

/**
 * Makes an exceljs WorkbookReader count what it inflates: each part up to its
 * declared size (central directory) and its limit, all parts up to the total, and
 * the shared strings up to their number. The first excess fails the read with a
 * LimitError: the part's stream is destroyed with it, and so is whatever the part
 * is being written to (exceljs parks early worksheets in temporary files).
 */
export function guardInflation<R extends object>(reader: R, parts: ReadonlyMap<string, ZipPart>, limits: UploadLimits, name: string): R & InflationGuard {
  const internals = reader as unknown as ReaderInternals;
  const getStream = internals._getStream;
  if (typeof getStream !== 'function' || 'sharedStrings' in reader) throw new Error('exceljs WorkbookReader internals changed: see server/io/xlsx-guard.ts');
  let source: Readable | undefined;
  let zip: (Writable & { push?: (chunk: unknown) => boolean }) | undefined;
  let total = 0;

  const fail = (entry: Entry, err: LimitError, callback: (err?: Error | null) => void) => {
    for (const dest of pipesOf(entry)) {
      dest.on('error', ignore);
      dest.destroy(err);
      // A temporary file exceljs was writing the part to: nothing will read it now.
      const parked = (dest as Writable & { path?: unknown }).path;
      if (typeof parked === 'string') void rm(parked, { force: true }).catch(ignore);
    }
    // Always: the part may fail before exceljs has taken it from the zip (the inflater
    // writes into it meanwhile), when the only listener is the pipe's, which removes
    // itself and emits the error again — uncaught, it would kill the process. Whoever
    // waits on the read gets the error from the zip stream below.
    entry.on('error', ignore);
    zip?.on('error', ignore);
    callback(err);
    // The outer read may be waiting for the next part rather than this one.
    zip?.destroy(err);
    source?.destroy();
  };

  const guardEntry = (entry: Entry) => {
    const path = entry.path ?? '';
    const { limit, max } = partLimit(path, limits);
    const declared = parts.get(path)?.expanded;
    let count = 0;
    entry._transform = (chunk, _encoding, callback) => {
      count += chunk.length;
      total += chunk.length;
      if (declared !== undefined && count > declared && declared < max) {
        const err = new LimitError(
          text(
            `${name}：压缩包中的 ${path} 声明解压后为 ${formatBytes(declared).zh}，实际更大（文件已损坏或被改动）`,
            `${name}: ${path} in the zip declares ${formatBytes(declared).en} expanded but expands to more (the file is damaged or was altered)`,
          ),
          { limit: 'declaredSize', max: declared, found: count, part: path },
        );
        fail(entry, err, callback);
      } else if (count > max) fail(entry, tooBig(name, path, limit, max, count, true), callback);
      else if (total > limits.xlsxTotalBytes) fail(entry, tooBigInTotal(name, limits.xlsxTotalBytes, total), callback);
      else callback(null, chunk);
    };
  };

  internals._getStream = function (input: unknown) {
    const stream = getStream.call(this, input);
    source = stream;
    const pipe = stream.pipe.bind(stream);
    // exceljs pipes the file into unzipper's Parse, which pushes one stream per part.
    stream.pipe = (<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }) => {
      zip = dest as unknown as typeof zip;
      const push = zip!.push!.bind(zip);
      zip!.push = (chunk: unknown) => {
        if (chunk !== null && typeof chunk === 'object' && 'path' in chunk) guardEntry(chunk as Entry);
        return push(chunk);
      };
      return pipe(dest, options);
    }) as typeof stream.pipe;
    return stream;
  };

  // exceljs assigns `this.sharedStrings = []` and pushes each entry as it is read.
  let strings: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => strings,
    set: (value: unknown[] | undefined) => {
      strings = value;
      if (!Array.isArray(value)) return;
      value.push = (...items: unknown[]) => {
        if (value.length + items.length > limits.sharedStrings) {
          throw new LimitError(
            text(`${name}：共享字符串表超过 ${limits.sharedStrings} 项的上限`, `${name}: the shared-strings table holds more than the limit of ${limits.sharedStrings} entries`),
            { limit: 'sharedStrings', max: limits.sharedStrings, found: value.length + items.length, part: 'xl/sharedStrings.xml' },
          );
        }
        return Array.prototype.push.apply(value, items);
      };
    },
  });

  return Object.assign(reader, {
    close() {
      zip?.on('error', ignore);
      zip?.destroy();
      source?.destroy();
    },
  });
}
