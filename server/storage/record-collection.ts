// A keyed list of records in the metadata, every change audited: what quotas,
// experts, title holders and calendar years are. The list keeps insertion order
// (a replaced record keeps its place), so listings are stable.
import { text } from '../io/text';
import type { CollectionName, Committer, StoreData } from './committer';
import { StorageError } from './errors';
import type { Act, RecordCollection } from './types';
import { requireAct } from './validate';

type Stamped = { updatedBy: string; updatedAt: string };

export interface CollectionSpec<T> {
  name: CollectionName;
  /** The audit action prefix and target prefix, e.g. `quota` → quota.put, target quota:<key>. */
  kind: string;
  key: (record: Omit<T, keyof Stamped>) => string;
}

export class LowRecordCollection<T extends Stamped> implements RecordCollection<T> {
  constructor(
    private readonly committer: Committer,
    private readonly spec: CollectionSpec<T>,
  ) {}

  list(): T[] {
    return structuredClone(this.#items(this.committer.data));
  }

  get(key: string): T | undefined {
    const found = this.#items(this.committer.data).find((r) => this.spec.key(r) === key);
    return found && structuredClone(found);
  }

  async put(record: Omit<T, keyof Stamped>, act: Act): Promise<T> {
    requireAct(act);
    const key = this.spec.key(record);
    return this.committer.commit((data) => {
      const stored = this.#upsert(data, record, act);
      return { result: stored, audit: { at: act.at, actor: act.actor, action: `${this.spec.kind}.put`, target: `${this.spec.kind}:${key}`, details: { record: stored } } };
    });
  }

  async putMany(records: Array<Omit<T, keyof Stamped>>, act: Act & { source: string }): Promise<T[]> {
    requireAct(act);
    return this.committer.commit((data) => {
      const stored = records.map((r) => this.#upsert(data, r, act));
      const keys = records.map((r) => this.spec.key(r));
      return { result: stored, audit: { at: act.at, actor: act.actor, action: `${this.spec.kind}.import`, target: `${this.spec.kind}s`, details: { source: act.source, count: stored.length, keys } } };
    });
  }

  async remove(key: string, act: Act): Promise<void> {
    requireAct(act);
    await this.committer.commit((data) => {
      const items = this.#items(data);
      const at = items.findIndex((r) => this.spec.key(r) === key);
      if (at < 0) throw new StorageError('NOT_FOUND', text(`找不到 ${this.spec.kind} ${key}`, `No ${this.spec.kind} ${key}`), { key });
      const [removed] = items.splice(at, 1);
      return { result: undefined, audit: { at: act.at, actor: act.actor, action: `${this.spec.kind}.remove`, target: `${this.spec.kind}:${key}`, details: { record: removed } } };
    });
  }

  #items(data: StoreData): T[] {
    return (data[this.spec.name] ??= []) as unknown as T[];
  }

  #upsert(data: StoreData, record: Omit<T, keyof Stamped>, act: Act): T {
    const items = this.#items(data);
    const stored = { ...structuredClone(record), updatedBy: act.actor, updatedAt: act.at } as T;
    const key = this.spec.key(record);
    const at = items.findIndex((r) => this.spec.key(r) === key);
    if (at >= 0) items[at] = stored;
    else items.push(stored);
    return stored;
  }
}
