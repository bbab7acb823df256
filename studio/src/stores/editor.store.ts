// The ruleset editor's one document. The criteria builder, the scoring grid and the
// JSON view all edit it here, so they cannot drift apart: builder and grid mutate it
// through `edit`, the JSON view through `setJsonText`, which applies text only when
// it parses into something the other views can show (otherwise the last valid
// document stays and the JSON view reports its unapplied errors). Lint, the schema
// check and the try-it evaluation follow every change.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, toRaw, watch } from 'vue';
import type { FactCatalog } from '../../../engine/explain';
import type { Applicant, Issue, Ruleset } from '../../../engine/index';
import { ApiError } from '../api/http';
import { rulesetDraftApi, rulesetLifecycleApi, type VersionRecord } from '../api/rulesets.api';
import type { EditorIssue } from '../pages/editor/issue-location';
import { plainBlankFact, withoutUnfinished } from '../pages/editor/completeness';
import { jsonSyntaxMessage } from '../pages/editor/json-syntax';
import { evaluateDraft, lint, plainCopy, resolve, resolvedParentOf, runTests, schemaIssues as checkSchema, type EvaluationResult, type TestCaseResult } from '../pages/editor/live-engine';
import { catalogOf } from '../pages/ruleset/condition-text';

const LIFECYCLE = ['status', 'effectiveFrom', 'effectiveTo'] as const;
const UNDO_LIMIT = 100;
/** Edits closer together than this are one undo step (typing a number). */
const COALESCE_MS = 600;
/** The try-it outcome follows an edit after this pause. */
export const TRY_DEBOUNCE_MS = 30;
// Lint resolves and hashes the whole draft: it waits for a pause in typing so it does not hold up the try-it outcome.
const LINT_DEBOUNCE_MS = 300;

export interface Conflict {
  latest: { version: number; author: string; savedAt: string; note?: string };
  basedOn: number | null;
  message: { zh: string; en?: string };
}

type Text = { zh: string; en?: string };

function pretty(doc: Ruleset): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

export function withoutLifecycle(ruleset: Ruleset): Ruleset {
  // Regrouping moves existing (reactive) nodes into new plain objects, so the raw document can hold proxies: copy through JSON.
  const copy = plainCopy(ruleset);
  for (const field of LIFECYCLE) delete copy[field];
  return copy;
}

function asIssues(issues: Array<{ code: string; severity: 'error' | 'warning'; pointer: string; message: Text }>, source: EditorIssue['source']): EditorIssue[] {
  return issues.map((i) => ({ code: i.code, severity: i.severity, pointer: i.pointer, message: i.message, source }));
}

function errorText(err: unknown): Text {
  const first = (err as { issues?: Issue[] }).issues?.[0];
  return first ? first.message : { zh: String((err as Error)?.message ?? err) };
}

/** What the builder and grid need to render at all; anything finer is the schema's to report. */
function shapeProblem(data: unknown): Text | null {
  const problem = (zh: string, en: string): Text => ({ zh, en });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return problem('文档应为对象', 'the document must be an object');
  const d = data as Record<string, unknown>;
  const arrayOf = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null));
  if (!Array.isArray(d.facts)) return problem('facts 应为数组', 'facts must be an array');
  if (typeof d.title !== 'object' || d.title === null) return problem('title 应为对象', 'title must be an object');
  for (const key of ['criteria', 'vetoes', 'derived', 'tests', 'basis']) if (!arrayOf(d[key])) return problem(`${key} 应为对象数组`, `${key} must be an array of objects`);
  for (const key of ['criteria', 'vetoes'] as const) {
    for (const entry of (d[key] as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof entry.conditions !== 'object' || entry.conditions === null) return problem(`${key} 的 conditions 应为对象`, `${key} conditions must be objects`);
      if (typeof entry.title !== 'object' || entry.title === null || !Array.isArray(entry.basis)) return problem(`${key} 的 title 与 basis 不完整`, `${key} need a title and a basis`);
    }
  }
  if (d.scoring !== undefined) {
    const s = d.scoring as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || !Array.isArray(s.categories) || !arrayOf(s.categories)) return problem('scoring.categories 应为对象数组', 'scoring.categories must be an array of objects');
    for (const c of s.categories as Array<Record<string, unknown>>) {
      if (!Array.isArray(c.items) || !arrayOf(c.items) || typeof c.title !== 'object' || c.title === null) return problem('类别应有 title 与 items 数组', 'categories need a title and an items array');
      for (const item of c.items as Array<Record<string, unknown>>) if (typeof item.title !== 'object' || item.title === null) return problem('赋分项应有 title', 'items need a title');
    }
  }
  return null;
}

export const useEditorStore = defineStore('editor', () => {
  const doc = ref<Ruleset | null>(null);
  /** The chain `extends` names: parent, grandparent… */
  const parents = shallowRef<Ruleset[]>([]);
  /** The version whose content was loaded, and the latest version a save is based on. */
  const loadedFrom = ref<number | null>(null);
  const basedOn = ref<number | null>(null);
  const savedText = ref('');
  /** The content as loaded (lifecycle fields removed): what changed thresholds are measured against. */
  const loadedText = ref('');
  const loaded = computed<Ruleset | null>(() => (loadedText.value ? (JSON.parse(loadedText.value) as Ruleset) : null));
  /** Nothing may change the document: the user cannot edit this ruleset, or its draft was submitted. Set by the page. */
  const readOnly = ref(false);
  /** The draft this session saved, which may be submitted. */
  const savedRecord = ref<VersionRecord | null>(null);
  const revision = ref(0);
  /** performance.now() of the last edit: the try-it latency is measured from it. */
  const editedAt = ref(0);

  const jsonText = ref('');
  const jsonIssues = ref<EditorIssue[]>([]);
  const schemaIssues = shallowRef<EditorIssue[]>([]);
  const lintIssues = shallowRef<EditorIssue[]>([]);
  const serverIssues = shallowRef<EditorIssue[]>([]);
  const warnings = shallowRef<EditorIssue[]>([]);
  const conflict = ref<Conflict | null>(null);

  const undoStack = ref<string[]>([]);
  const redoStack = ref<string[]>([]);
  let lastSnapshotAt = 0;

  const catalog = computed<FactCatalog>(() => (doc.value ? catalogOf(doc.value, parents.value) : new Map()));
  const dirty = computed(() => {
    void revision.value;
    return doc.value !== null && (jsonIssues.value.length > 0 || JSON.stringify(toRaw(doc.value)) !== savedText.value);
  });
  const issues = computed<EditorIssue[]>(() => {
    const seen = new Set<string>();
    const all: EditorIssue[] = [];
    for (const found of [...jsonIssues.value, ...schemaIssues.value, ...lintIssues.value, ...serverIssues.value]) {
      const i = plainBlankFact(found, doc.value);
      const key = `${i.pointer} ${i.code} ${i.message.zh}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(i);
    }
    return all;
  });
  /** Entries the draft inherits through `extends` and does not override (same id), shown read-only. */
  const inherited = computed(() => {
    const current = doc.value;
    const parent = current ? resolvedParentOf(toRaw(current), parents.value) : undefined;
    const own = (list: Array<{ id: string }> | undefined) => new Set((list ?? []).map((e) => e.id));
    const ownCriteria = own(current?.criteria);
    const ownVetoes = own(current?.vetoes);
    const ownCategories = own(current?.scoring?.categories);
    return {
      from: current?.extends ?? '',
      criteria: (parent?.criteria ?? []).filter((c) => !ownCriteria.has(c.id)),
      vetoes: (parent?.vetoes ?? []).filter((v) => !ownVetoes.has(v.id)),
      categories: (parent?.scoring?.categories ?? []).filter((c) => !ownCategories.has(c.id)),
    };
  });
  const errorCount = computed(() => issues.value.filter((i) => i.severity === 'error').length);

  function load(ruleset: Ruleset, options: { loadedFrom: number | null; basedOn: number | null; parents: Ruleset[] }): void {
    const clean = withoutLifecycle(ruleset);
    parents.value = options.parents;
    loadedFrom.value = options.loadedFrom;
    basedOn.value = options.basedOn;
    doc.value = clean;
    savedText.value = JSON.stringify(clean);
    loadedText.value = savedText.value;
    savedRecord.value = null;
    undoStack.value = [];
    redoStack.value = [];
    schemaIssues.value = [];
    lintIssues.value = [];
    serverIssues.value = [];
    warnings.value = [];
    conflict.value = null;
    testResults.value = null;
    changed('load');
  }

  function snapshot(): void {
    if (!doc.value) return;
    const now = Date.now();
    if (now - lastSnapshotAt > COALESCE_MS) {
      undoStack.value.push(JSON.stringify(toRaw(doc.value)));
      if (undoStack.value.length > UNDO_LIMIT) undoStack.value.shift();
      redoStack.value = [];
    }
    lastSnapshotAt = now;
  }

  let lastSource = 'load';
  function changed(source: 'builder' | 'json' | 'load' | 'undo'): void {
    lastSource = source;
    revision.value++;
    editedAt.value = performance.now();
    if (source !== 'json' && doc.value) {
      jsonText.value = pretty(doc.value);
      jsonIssues.value = [];
    }
  }

  /** Every builder and grid change goes through here: one undo step, the JSON text and the checks follow. */
  function edit(mutate: (doc: Ruleset) => void): void {
    if (!doc.value || readOnly.value) return;
    snapshot();
    mutate(doc.value);
    changed('builder');
  }

  /** Text typed in the JSON view: applied when it parses into a document the other views can show. */
  function setJsonText(text: string): void {
    if (readOnly.value) return;
    jsonText.value = text;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      jsonIssues.value = [{ code: 'JSON_PARSE', severity: 'error', pointer: '', source: 'json', message: jsonSyntaxMessage(text, err) }];
      revision.value++;
      return;
    }
    const problem = shapeProblem(data);
    if (problem) {
      jsonIssues.value = [{ code: 'SCHEMA', severity: 'error', pointer: '', source: 'json', message: { zh: `未应用：${problem.zh}`, en: `Not applied: ${problem.en}` } }];
      revision.value++;
      return;
    }
    jsonIssues.value = [];
    snapshot();
    doc.value = data as Ruleset;
    changed('json');
  }

  function restore(from: string[], to: string[]): void {
    const previous = from.pop();
    if (previous === undefined || !doc.value || readOnly.value) return;
    to.push(JSON.stringify(toRaw(doc.value)));
    doc.value = JSON.parse(previous) as Ruleset;
    lastSnapshotAt = 0;
    changed('undo');
  }
  const undo = () => restore(undoStack.value, redoStack.value);
  const redo = () => restore(redoStack.value, undoStack.value);

  // --- checks: the schema and lint run locally, with the server's own validator (precompiled)
  let lintTimer: ReturnType<typeof setTimeout> | undefined;
  function check(): void {
    const current = doc.value ? toRaw(doc.value) : null;
    if (!current) return;
    schemaIssues.value = asIssues(checkSchema(current), 'schema');
    const schemaOk = !schemaIssues.value.some((i) => i.severity === 'error');
    try {
      lintIssues.value = schemaOk ? asIssues(lint(current, parents.value), 'lint') : [];
    } catch {
      lintIssues.value = [];
    }
  }
  watch(revision, () => {
    clearTimeout(lintTimer);
    lintTimer = setTimeout(check, LINT_DEBOUNCE_MS);
  });

  // --- try it: one applicant evaluated against the draft as it is edited
  const tryApplicant = shallowRef<Applicant | null>(null);
  /** The embedded case the applicant was taken from, if any. */
  const trySample = ref<string | null>(null);
  const tryAsOf = ref('2024-09-30');
  const tryResult = shallowRef<EvaluationResult | null>(null);
  const tryError = shallowRef<Text | null>(null);
  /** Engine time of the last evaluation, and edit-to-outcome time (ms). */
  const tryMs = ref(0);
  const tryLatencyMs = ref<number | null>(null);
  let tryTimer: ReturnType<typeof setTimeout> | undefined;

  /** The draft as evaluated by try-it and the tests: unfinished entries are not applied yet. */
  function resolved() {
    return doc.value ? resolve(withoutUnfinished(toRaw(doc.value)), parents.value) : null;
  }

  function runTryIt(): void {
    const applicant = tryApplicant.value;
    if (!doc.value || !applicant) {
      tryResult.value = null;
      tryError.value = null;
      return;
    }
    const started = performance.now();
    try {
      tryResult.value = evaluateDraft(resolved()!, applicant, tryAsOf.value);
      tryError.value = null;
    } catch (err) {
      tryResult.value = null;
      tryError.value = errorText(err);
    }
    tryMs.value = Math.round((performance.now() - started) * 10) / 10;
  }
  watch([revision, tryApplicant, tryAsOf], (now, before) => {
    const fromEdit = now[0] !== before[0] && lastSource !== 'load';
    const since = editedAt.value;
    clearTimeout(tryTimer);
    tryTimer = setTimeout(() => {
      runTryIt();
      if (fromEdit) tryLatencyMs.value = Math.round(performance.now() - since);
    }, TRY_DEBOUNCE_MS);
  });

  // --- embedded tests
  const testResults = shallowRef<TestCaseResult[] | null>(null);
  const testError = shallowRef<Text | null>(null);
  function runAllTests(): void {
    try {
      testResults.value = runTests(resolved()!);
      testError.value = null;
    } catch (err) {
      testResults.value = null;
      testError.value = errorText(err);
    }
  }

  // --- save and submit
  async function save(id: string, note: string): Promise<VersionRecord> {
    if (!doc.value) throw new Error('nothing loaded');
    const content = withoutLifecycle(doc.value);
    conflict.value = null;
    try {
      const { record, warnings: found } = await rulesetDraftApi.save(id, { ruleset: content, basedOn: basedOn.value, note });
      serverIssues.value = [];
      warnings.value = asIssues(found ?? [], 'server');
      basedOn.value = record.version;
      savedRecord.value = record;
      savedText.value = JSON.stringify(toRaw(doc.value));
      revision.value++;
      return record;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        conflict.value = { latest: err.details.latest as Conflict['latest'], basedOn: basedOn.value, message: err.text };
      } else if (err instanceof ApiError && err.code === 'RULESET_INVALID') {
        serverIssues.value = asIssues((err.details.issues ?? []) as Issue[], 'server');
      }
      throw err;
    }
  }

  /** After a conflict: the next save goes on top of the latest version (the edits stay as they are). */
  function rebaseOnLatest(): void {
    if (!conflict.value) return;
    basedOn.value = conflict.value.latest.version;
    conflict.value = null;
  }

  async function submit(): Promise<VersionRecord> {
    const record = savedRecord.value;
    if (!record) throw new Error('no saved draft');
    const { record: submitted } = await rulesetLifecycleApi.submit(record.id, record.version);
    savedRecord.value = submitted;
    return submitted;
  }

  return {
    doc,
    parents,
    loaded,
    readOnly,
    loadedFrom,
    basedOn,
    savedRecord,
    revision,
    editedAt,
    jsonText,
    jsonIssues,
    schemaIssues,
    lintIssues,
    serverIssues,
    warnings,
    conflict,
    undoStack,
    redoStack,
    catalog,
    inherited,
    dirty,
    issues,
    errorCount,
    load,
    edit,
    setJsonText,
    undo,
    redo,
    check,
    tryApplicant,
    trySample,
    tryAsOf,
    tryResult,
    tryError,
    tryMs,
    tryLatencyMs,
    runTryIt,
    testResults,
    testError,
    runAllTests,
    save,
    rebaseOnLatest,
    submit,
  };
});
