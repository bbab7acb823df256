// Content-addressed files: `<dataDir>/blobs/sha256/<ab>/<hex>`. A blob is written
// to `blobs/tmp/` and renamed into place (same file system, so the rename is
// atomic): a crash leaves either the whole blob or none, plus perhaps a temp file
// that no reader ever looks at and the next open removes. The name is the content's
// sha256, so writing the same bytes twice is a no-op and a read checks the bytes.
import { hash as nodeHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../io/text';
import { StorageError } from './errors';
import { exists } from './exists';
import type { BlobStore } from './types';

const ADDRESS = /^sha256:([0-9a-f]{64})$/;

export function sha256Address(data: string | Uint8Array): string {
  return 'sha256:' + nodeHash('sha256', data, 'hex');
}

function hexOf(address: string): string {
  const match = ADDRESS.exec(address);
  if (!match) throw new StorageError('INVALID_ARGUMENT', text(`不是有效的内容地址："${address}"`, `Not a content address: "${address}"`), { hash: address });
  return match[1]!;
}

function checked(address: string, bytes: Buffer): Buffer {
  const actual = sha256Address(bytes);
  if (actual !== address) {
    throw new StorageError('BLOB_CORRUPT', text(`文件内容与其地址 ${address} 不符，可能已损坏或被改动`, `The file at ${address} does not match its hash: corrupted or altered`), { hash: address, actual });
  }
  return bytes;
}

function notFound(address: string): StorageError {
  return new StorageError('NOT_FOUND', text(`找不到文件 ${address}`, `No file ${address}`), { hash: address });
}

export class FileBlobStore implements BlobStore {
  readonly root: string;
  readonly tmpDir: string;
  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs', 'sha256');
    this.tmpDir = join(dataDir, 'blobs', 'tmp');
  }

  pathOf(address: string): string {
    const hex = hexOf(address);
    return join(this.root, hex.slice(0, 2), hex);
  }

  async put(data: string | Uint8Array): Promise<string> {
    const address = sha256Address(data);
    const path = this.pathOf(address);
    if (await exists(path)) return address;
    await mkdir(join(path, '..'), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${hexOf(address)}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(data);
      await file.sync(); // the bytes are on disk before the name points at them
    } finally {
      await file.close();
    }
    await rename(tmp, path);
    return address;
  }

  async get(address: string, options: { verify?: boolean } = {}): Promise<Buffer> {
    try {
      const bytes = await readFile(this.pathOf(address));
      return options.verify === false ? bytes : checked(address, bytes);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(address);
      throw err;
    }
  }

  has(address: string): Promise<boolean> {
    return exists(this.pathOf(address));
  }

  /** Removes temp files a crash left behind; returns how many. Run at open, before any write. */
  async sweep(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    await Promise.all(names.map((name) => rm(join(this.tmpDir, name), { force: true })));
    return names.length;
  }
}

export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Buffer>();

  async put(data: string | Uint8Array): Promise<string> {
    const address = sha256Address(data);
    if (!this.blobs.has(address)) this.blobs.set(address, Buffer.from(data));
    return address;
  }

  async get(address: string, options: { verify?: boolean } = {}): Promise<Buffer> {
    hexOf(address);
    const bytes = this.blobs.get(address);
    if (!bytes) throw notFound(address);
    return options.verify === false ? bytes : checked(address, bytes);
  }

  async has(address: string): Promise<boolean> {
    return this.blobs.has(address);
  }
}
