// Writing many small pieces to a stream without holding them all: pieces are
// gathered into chunks of about 64 KB and each write waits while the stream's
// buffer is full, so memory stays flat however many results pass through.
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const CHUNK = 64 * 1024;

export class ChunkedWriter {
  private pending: string[] = [];
  private size = 0;
  constructor(private readonly stream: Writable) {}

  async write(piece: string): Promise<void> {
    this.pending.push(piece);
    this.size += piece.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
