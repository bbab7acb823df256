// exceljs's streaming WorkbookReader decodes each chunk of a zip entry as UTF-8 on
// its own (lib/utils/parse-sax.js), so a Chinese character whose three bytes straddle
// a chunk boundary (16 KiB of inflated XML) becomes "��": one unit name in the
// shipped agriculture samples read as "农业��术推广站". Not fixed upstream
// (exceljs issues #2063, #2084). Here the shared strings and every worksheet are
// handed to exceljs as text decoded across chunk boundaries; exceljs passes text
// through unchanged.
import { StringDecoder } from 'node:string_decoder';

type Chunks = AsyncIterable<unknown> & { destroy?: () => void };

/** Text of a byte stream, each character whole however the bytes were split. */
function decoded(source: Chunks): Chunks {
  async function* text() {
    const decoder = new StringDecoder('utf8');
    for await (const chunk of source) {
      const part = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      if (part !== '') yield part;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  }
  const out: Chunks = text();
  // Our readers close an abandoned worksheet through its iterator (read-xlsx-applicants).
  if (typeof source.destroy === 'function') out.destroy = () => source.destroy!();
  return out;
}

interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
}

/** The same reader, its shared strings and worksheets read as whole characters. */
export function wholeCharacters<R extends object>(reader: R): R {
  const internals = reader as unknown as ReaderInternals;
  const sharedStrings = internals._parseSharedStrings;
  const worksheet = internals._parseWorksheet;
  if (typeof sharedStrings !== 'function' || typeof worksheet !== 'function') {
    throw new Error('exceljs WorkbookReader internals changed: see server/io/xlsx-utf8.ts');
  }
  internals._parseSharedStrings = function (entry) {
    // The entry is a Readable: with an encoding set it yields strings, decoded across chunks.
    (entry as NodeJS.ReadableStream & { setEncoding(e: string): unknown }).setEncoding('utf8');
    return sharedStrings.call(this, entry);
  };
  internals._parseWorksheet = function (iterator, sheetNo) {
    return worksheet.call(this, decoded(iterator), sheetNo);
  };
  return reader;
}
