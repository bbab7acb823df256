// Ruleset versions: each save is a new immutable version whose rule content is a
// blob addressed by its hash (the engine's rulesetHash: the blob holds exactly the
// canonical JSON that hash is taken of), and a second blob keeps the same content
// in the author's key order, so that an exported file reads as it was written.
// The index in lowdb carries the lifecycle, and every lifecycle rule is enforced
// in transition() below, nowhere else.
import { canonicalJson, rulesetHash, type Ruleset, type RulesetStatus } from '../../engine/index';
import { ruleContent } from '../../engine/hash';
import { text } from '../io/text';
import type { Committer, StoreData } from './committer';
import { StorageError } from './errors';
import type { Act, BlobStore, LifecycleAction, RulesetRepository, RulesetVersionRecord, SaveDraftInput } from './types';
import { requireAct, requireDate, requireText } from './validate';

type Transition = Exclude<LifecycleAction, 'save'>;

const TRANSITIONS: Record<Transition, { from: readonly RulesetStatus[]; to: RulesetStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted', 'approved'], to: 'draft' },
  publish: { from: ['approved'], to: 'published' },
  retire: { from: ['published'], to: 'retired' },
};

/** Published and retired versions have been in force: nothing about them changes but publish → retire. */
const FROZEN: readonly RulesetStatus[] = ['published', 'retired'];

const target = (id: string, version: number) => `ruleset:${id}@${version}`;

export class LowRulesetRepository implements RulesetRepository {
  constructor(
    private readonly committer: Committer,
    private readonly blobs: BlobStore,
  ) {}

  private get rows(): StoreData['rulesets'] {
    return this.committer.data.rulesets;
  }

  async saveDraft(input: SaveDraftInput): Promise<RulesetVersionRecord> {
    const { ruleset, author, note, basedOn, at } = input;
    requireAct({ actor: author, at });
    if (typeof ruleset?.id !== 'string' || ruleset.id === '') throw invalid(text('规则集缺少 id', 'The ruleset has no id'), { field: 'id' });
    if (typeof ruleset.department !== 'string' || ruleset.department === '') throw invalid(text('规则集缺少 department', 'The ruleset has no department'), { field: 'department' });
    const plannedFrom = input.effectiveFrom === undefined ? undefined : requireDate(input.effectiveFrom, 'effectiveFrom');
    if (basedOn && basedOn.id !== ruleset.id) throw invalid(text(`basedOn 指向另一个规则集 ${basedOn.id}`, `basedOn names another ruleset, ${basedOn.id}`), { field: 'basedOn' });
    return this.committer.commit(async (data) => {
      const latest = latestOf(data.rulesets, ruleset.id);
      if (basedOn === null ? latest !== undefined : latest?.version !== basedOn.version) {
        if (basedOn && !latest) throw notFound(ruleset.id, basedOn.version);
        // Keep what the caller sent: the conflict names a blob they can fetch and merge from.
        const unsaved = await this.blobs.put(canonicalJson(ruleContent(ruleset)));
        throw new StorageError(
          'VERSION_CONFLICT',
          text(
            `规则集 ${ruleset.id} 已有更新的版本 v${latest!.version}（${latest!.author}，${latest!.savedAt}）；你的修改基于 ${basedOn ? 'v' + basedOn.version : '空白'}，未保存但已保留`,
            `Ruleset ${ruleset.id} has a newer version v${latest!.version} (${latest!.author}, ${latest!.savedAt}); your changes are based on ${basedOn ? 'v' + basedOn.version : 'nothing'}: not saved, but kept`,
          ),
          { id: ruleset.id, basedOn: basedOn?.version ?? null, latest: structuredClone(latest), unsaved },
        );
      }
      // Department officials edit only their department's rulesets: an id never moves to another department.
      if (latest && latest.department !== ruleset.department) {
        throw invalid(text(`规则集 ${ruleset.id} 属于 ${latest.department}，不能改为 ${ruleset.department}`, `Ruleset ${ruleset.id} belongs to ${latest.department} and cannot move to ${ruleset.department}`), { field: 'department', department: latest.department });
      }
      const version = (latest?.version ?? 0) + 1;
      const content = ruleContent({ ...ruleset, version });
      const hash = rulesetHash({ ...ruleset, version });
      const address = await this.blobs.put(canonicalJson(content));
      if (address !== hash) throw new Error(`blob address ${address} differs from rulesetHash ${hash}`);
      // The canonical blob sorts keys; files are written from the author's order (see content()).
      const document = await this.blobs.put(JSON.stringify(content));
      const record: RulesetVersionRecord = {
        id: ruleset.id,
        version,
        department: ruleset.department,
        title: ruleset.title,
        status: 'draft',
        author,
        savedAt: at,
        note: note ?? '',
        basedOn: basedOn?.version ?? null,
        hash,
        document,
        ...(plannedFrom !== undefined ? { effectiveFrom: plannedFrom } : {}),
        approvals: [],
        history: [{ action: 'save', by: author, at, ...(note ? { comment: note } : {}) }],
      };
      data.rulesets.push(record);
      return {
        result: record,
        audit: { at, actor: author, action: 'ruleset.save', target: target(ruleset.id, version), details: { hash, basedOn: record.basedOn, note: record.note, ...(plannedFrom !== undefined ? { effectiveFrom: plannedFrom } : {}) } },
      };
    });
  }

  async submit(id: string, version: number, act: Act) {
    return this.transition('submit', id, version, act, () => ({}));
  }

  async approve(id: string, version: number, act: Act & { comment?: string }) {
    // A comment is optional on approval (a rejection needs one); blank is no comment.
    const comment = typeof act.comment === 'string' && act.comment.trim() !== '' ? act.comment.trim() : undefined;
    return this.transition('approve', id, version, act, (record) => {
      if (record.author === act.actor) {
        throw new StorageError('SELF_APPROVAL', text(`${act.actor} 是 ${id} v${version} 的作者，不能批准自己的版本`, `${act.actor} wrote ${id} v${version} and cannot approve it`), { id, version, author: record.author });
      }
      record.approvals.push({ by: act.actor, at: act.at, ...(comment !== undefined ? { comment } : {}) });
      return comment !== undefined ? { comment } : {};
    });
  }

  async reject(id: string, version: number, act: Act & { comment: string }) {
    const comment = requireText(act.comment, 'comment', text('退回需要说明理由', 'A rejection needs a comment'));
    return this.transition('reject', id, version, act, (record) => {
      record.approvals = [];
      return { comment };
    });
  }

  async publish(id: string, version: number, act: Act & { effectiveFrom: string; effectiveTo?: string }) {
    const effectiveFrom = requireDate(act.effectiveFrom, 'effectiveFrom');
    const effectiveTo = act.effectiveTo === undefined ? undefined : requireDate(act.effectiveTo, 'effectiveTo');
    if (effectiveTo !== undefined && effectiveTo < effectiveFrom) throw invalid(text('失效日期早于生效日期', 'effectiveTo is before effectiveFrom'), { effectiveFrom, effectiveTo });
    return this.transition('publish', id, version, act, (record) => {
      record.effectiveFrom = effectiveFrom;
      if (effectiveTo !== undefined) record.effectiveTo = effectiveTo;
      return { effectiveFrom, ...(effectiveTo !== undefined ? { effectiveTo } : {}) };
    });
  }

  async retire(id: string, version: number, act: Act & { effectiveTo?: string }) {
    const effectiveTo = act.effectiveTo === undefined ? undefined : requireDate(act.effectiveTo, 'effectiveTo');
    return this.transition('retire', id, version, act, (record) => {
      if (effectiveTo !== undefined && record.effectiveFrom !== undefined && effectiveTo < record.effectiveFrom) {
        throw invalid(text('失效日期早于生效日期', 'effectiveTo is before effectiveFrom'), { effectiveFrom: record.effectiveFrom, effectiveTo });
      }
      if (effectiveTo !== undefined) record.effectiveTo = effectiveTo;
      return effectiveTo !== undefined ? { effectiveTo } : {};
    });
  }

  list(filter: { department?: string } = {}): RulesetVersionRecord[] {
    const latest = new Map<string, RulesetVersionRecord>();
    for (const row of this.rows) {
      if (filter.department !== undefined && row.department !== filter.department) continue;
      if ((latest.get(row.id)?.version ?? 0) < row.version) latest.set(row.id, row);
    }
    return structuredClone([...latest.values()].sort((a, b) => a.id.localeCompare(b.id)));
  }

  versions(id: string): RulesetVersionRecord[] {
    return structuredClone(this.rows.filter((r) => r.id === id).sort((a, b) => a.version - b.version));
  }

  get(id: string, version: number): RulesetVersionRecord | undefined {
    const row = this.rows.find((r) => r.id === id && r.version === version);
    return row && structuredClone(row);
  }

  latest(id: string): RulesetVersionRecord | undefined {
    const row = latestOf(this.rows, id);
    return row && structuredClone(row);
  }

  async content(id: string, version: number): Promise<Ruleset> {
    const record = this.get(id, version);
    if (!record) throw notFound(id, version);
    const canonical = (await this.blobs.get(record.hash)).toString('utf8');
    const content = record.document === undefined ? (JSON.parse(canonical) as Ruleset) : await this.document(record, canonical);
    return {
      ...content,
      status: record.status,
      ...(record.effectiveFrom !== undefined ? { effectiveFrom: record.effectiveFrom } : {}),
      ...(record.effectiveTo !== undefined ? { effectiveTo: record.effectiveTo } : {}),
    };
  }

  /** The content in its author's key order, held to the canonical blob (itself checked against the version's hash). */
  private async document(record: RulesetVersionRecord, canonical: string): Promise<Ruleset> {
    const content = JSON.parse((await this.blobs.get(record.document!)).toString('utf8')) as Ruleset;
    if (canonicalJson(content) !== canonical) {
      throw new StorageError('BLOB_CORRUPT', text(`${record.id} v${record.version} 的规则文件与其哈希 ${record.hash} 不符`, `The rule document of ${record.id} v${record.version} does not match its hash ${record.hash}`), { hash: record.hash, document: record.document });
    }
    return content;
  }

  /** The only place a version's status changes. */
  private async transition(
    action: Transition,
    id: string,
    version: number,
    act: Act,
    apply: (record: RulesetVersionRecord) => Record<string, unknown>,
  ): Promise<RulesetVersionRecord> {
    requireAct(act);
    const rule = TRANSITIONS[action];
    return this.committer.commit((data) => {
      const record = data.rulesets.find((r) => r.id === id && r.version === version);
      if (!record) throw notFound(id, version);
      const from = record.status;
      if (!rule.from.includes(from)) {
        const details = { id, version, action, from, to: rule.to };
        if (FROZEN.includes(from)) {
          throw new StorageError('IMMUTABLE_VERSION', text(`${id} v${version} 已${from === 'published' ? '发布' : '废止'}，不能再${ACTION_ZH[action]}`, `${id} v${version} is ${from} and cannot be changed (${action})`), details);
        }
        throw new StorageError('INVALID_TRANSITION', text(`${id} v${version} 的状态是 ${STATUS_ZH[from]}，不能${ACTION_ZH[action]}`, `${id} v${version} is ${from}: cannot ${action} (${from} → ${rule.to})`), details);
      }
      const details = apply(record);
      record.status = rule.to;
      record.history.push({ action, by: act.actor, at: act.at, ...(typeof details.comment === 'string' ? { comment: details.comment } : {}) });
      return { result: record, audit: { at: act.at, actor: act.actor, action: `ruleset.${action}`, target: target(id, version), details: { from, to: rule.to, ...details } } };
    });
  }
}

const STATUS_ZH: Record<RulesetStatus, string> = { draft: '草稿', submitted: '已提交', approved: '已批准', published: '已发布', retired: '已废止' };
const ACTION_ZH: Record<Transition, string> = { submit: '提交', approve: '批准', reject: '退回', publish: '发布', retire: '废止' };

function latestOf(rows: RulesetVersionRecord[], id: string): RulesetVersionRecord | undefined {
  let latest: RulesetVersionRecord | undefined;
  for (const row of rows) if (row.id === id && (!latest || row.version > latest.version)) latest = row;
  return latest;
}

function notFound(id: string, version: number): StorageError {
  return new StorageError('NOT_FOUND', text(`找不到规则集 ${id} v${version}`, `No ruleset ${id} v${version}`), { id, version });
}

function invalid(message: ReturnType<typeof text>, details: Record<string, unknown>): StorageError {
  return new StorageError('INVALID_ARGUMENT', message, details);
}
