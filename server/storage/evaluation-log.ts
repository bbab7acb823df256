// Where evaluation records are kept: `evaluations.jsonl` beside db.json, one record
// per line, appended and fsynced (the audit journal's append, reused). Not in lowdb:
// records only grow, and lowdb rewrites its whole file on every write.
//
// The commit point stays the lowdb write: db.json holds how many records are
// committed (`evaluationCount`), written together with the audit entry. A line is
// appended *before* that write, so a committed count never names a line that is not
// on disk; a line beyond the count (the process died, or the write failed, after the
// append) was never committed and is cut off the next time the log is read.
import { open, readFile } from 'node:fs/promises';
import { FileJournal, MemoryJournal } from './audit-chain';

export const EVALUATIONS_FILE = 'evaluations.jsonl';

export interface EvaluationLog {
  /** The first `count` complete lines; anything after them (uncommitted or torn) is cut off. Fewer if the file lost some. */
  committed(count: number): Promise<string[]>;
  append(line: string): Promise<void>;
}

export class MemoryEvaluationLog extends MemoryJournal implements EvaluationLog {
  async committed(count: number): Promise<string[]> {
    this.entries.splice(count);
    return [...this.entries];
  }
}

export class FileEvaluationLog extends FileJournal implements EvaluationLog {
  async committed(count: number): Promise<string[]> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines: string[] = [];
    let start = 0;
    while (lines.length < count) {
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) break; // a torn last line is not a record
      lines.push(bytes.subarray(start, end).toString('utf8'));
      start = end + 1;
    }
    if (start < bytes.length) {
      const file = await open(this.path, 'r+');
      try {
        await file.truncate(start);
        await file.sync();
      } finally {
        await file.close();
      }
    }
    return lines;
  }
}
