// Breaking changes between two facts catalogues: what would make applicant files
// that the older version reads be refused, or be read without some of their data,
// by the newer one. Applicant files name facts by their Chinese labels (column
// headers, side-sheet headers, option names in cells), so a renamed label breaks a
// file as surely as a new required fact does. Each change is said in words, with the
// usual fix; counting whom it touches is the caller's business (it needs a file).
import { FACT_TYPES } from './diff';
import { pickText } from './explain';
import type { FactDef, FactOption, FactType, Lang, Text } from './types';

export type BreakingKind =
  | 'required-added'
  | 'made-required'
  | 'removed'
  | 'type-changed'
  | 'option-removed'
  | 'option-renamed'
  | 'range-narrowed'
  | 'label-changed';

/**
 * `refused`: applicants whose files show the change are refused (a missing or
 * now-invalid value); `ignored`: their files still read, but a column or field
 * they filled in is no longer read.
 */
export type BreakingEffect = 'refused' | 'ignored';

export interface BreakingChange {
  kind: BreakingKind;
  effect: BreakingEffect;
  /** The fact's id; a field of a record or list of records is `<fact>.<field>`. */
  fact: string;
  /** The top-level fact whose column (or side sheet) carries it: what a row problem names as its field. */
  field: string;
  /** The label before and after (null where the fact does not exist on that side); a nested field's label is `记录 › 字段`. */
  label: { before: Text | null; after: Text | null };
  /** What changed, as data: the options removed or renamed, the range or type before → after. */
  detail?: BreakingDetail;
  /** The change in words. */
  message: Text;
  /** The usual way to avoid it. */
  hint: Text;
}

export interface BreakingDetail {
  options?: Array<{ value: string; before: Text; after?: Text }>;
  min?: [number | null, number | null];
  max?: [number | null, number | null];
  maxLength?: [number | null, number | null];
  type?: [FactType, FactType];
}

const TYPE_NAMES = FACT_TYPES;

const both = (say: (lang: Lang) => string): Text => ({ zh: say('zh'), en: say('en') });
const OPTIONED = new Set<FactType>(['enum', 'set']);
const NUMERIC = new Set<FactType>(['number', 'integer']);

interface Place {
  /** `papers.level` */
  path: string;
  field: string;
  /** Labels from the top-level fact down. */
  before: Text[];
  after: Text[];
}

/** 「论文 › 级别」 / "Papers › Level" */
const labelOf = (chain: Text[]): Text => both((lang) => chain.map((t) => pickText(t, lang)).join(' › '));
const quote = (chain: Text[], lang: Lang) => (lang === 'en' ? `"${pickText(labelOf(chain), 'en')}"` : `「${labelOf(chain).zh}」`);

/**
 * The changes from `before` to `after` that existing applicant files would feel, in
 * catalogue order (the older catalogue's, then the new facts). Pass each version's
 * facts with `extends` resolved: inherited facts are filled in the same files.
 * Changes that cannot hurt a file — a new optional fact, a widened range, an added
 * option, a changed unit or help text — are not listed.
 */
export function breakingChanges(before: readonly FactDef[], after: readonly FactDef[]): BreakingChange[] {
  const out: BreakingChange[] = [];
  compareLists(before, after, null, out);
  return out;
}

function compareLists(before: readonly FactDef[], after: readonly FactDef[], parent: Place | null, out: BreakingChange[]): void {
  const next = new Map(after.map((f) => [f.id, f]));
  const known = new Set(before.map((f) => f.id));
  for (const x of before) {
    const y = next.get(x.id);
    const place = placeOf(x, y, parent);
    if (!y) out.push(removed(x, place, parent !== null));
    else compareFact(x, y, place, out);
  }
  for (const y of after) {
    if (known.has(y.id) || !y.required) continue;
    out.push(requiredAdded(y, placeOf(undefined, y, parent), parent !== null));
  }
}

function placeOf(x: FactDef | undefined, y: FactDef | undefined, parent: Place | null): Place {
  const id = (x ?? y)!.id;
  const label = (f: FactDef | undefined, other: FactDef | undefined) => (f ?? other)!.label;
  return {
    path: parent ? `${parent.path}.${id}` : id,
    field: parent ? parent.field : id,
    before: [...(parent?.before ?? []), label(x, y)],
    after: [...(parent?.after ?? []), label(y, x)],
  };
}

function change(kind: BreakingKind, effect: BreakingEffect, place: Place, sides: { before: boolean; after: boolean }, message: Text, hint: Text, detail?: BreakingDetail): BreakingChange {
  const entry: BreakingChange = {
    kind,
    effect,
    fact: place.path,
    field: place.field,
    label: { before: sides.before ? labelOf(place.before) : null, after: sides.after ? labelOf(place.after) : null },
    message,
    hint,
  };
  if (detail) entry.detail = detail;
  return entry;
}

/** Where a field of a record is filled in: a side sheet's column or a key of a record; a top-level fact: a column. */
const whereText = (nested: boolean, lang: Lang) => (nested ? (lang === 'en' ? 'records' : '记录') : lang === 'en' ? 'column' : '列');

function requiredAdded(y: FactDef, place: Place, nested: boolean): BreakingChange {
  return change(
    'required-added',
    'refused',
    place,
    { before: false, after: true },
    both((lang) =>
      lang === 'en'
        ? `New required field ${quote(place.after, lang)}: existing applicant files have no such ${whereText(nested, lang)}, so every applicant would be refused for lacking it`
        : `新增必填申报字段${quote(place.after, lang)}：现有申报文件没有这一${whereText(nested, lang)}，每名申报人都会因缺少它被拒绝`,
    ),
    both((lang) =>
      lang === 'en'
        ? `Make it optional (not required) so that files without it are still read, or have every unit add ${quote(place.after, lang)} to its applicant files before this version takes effect`
        : `将其改为非必填，没有这一${whereText(nested, lang)}的文件仍可读取；或在本版本生效前通知各单位在申报文件中补充${quote(place.after, lang)}`,
    ),
  );
}

function removed(x: FactDef, place: Place, nested: boolean): BreakingChange {
  return change(
    'removed',
    'ignored',
    place,
    { before: true, after: false },
    both((lang) =>
      lang === 'en'
        ? `Field ${quote(place.before, lang)} removed: what applicant files fill in under it is no longer read`
        : `删除申报字段${quote(place.before, lang)}：申报文件中填写的这一${whereText(nested, lang)}将不再读取`,
    ),
    both((lang) =>
      lang === 'en'
        ? `Keep it if any rule still needs it; otherwise tell the units that ${quote(place.before, lang)} is no longer needed`
        : `如仍需该项，请保留；确定不再需要时，请告知各单位无需再填写${quote(place.before, lang)}`,
    ),
  );
}

function compareFact(x: FactDef, y: FactDef, place: Place, out: BreakingChange[]): void {
  const nested = place.path !== place.field;
  if (x.label.zh !== y.label.zh) {
    const required = Boolean(y.required);
    out.push(
      change(
        'label-changed',
        required ? 'refused' : 'ignored',
        place,
        { before: true, after: true },
        both((lang) => {
          const from = quote(place.before, lang);
          const to = quote(place.after, lang);
          if (lang === 'en') {
            const then = required ? 'every applicant would be refused for lacking it' : 'what they fill in there is no longer read';
            return `${from} renamed to ${to}: applicant files name their ${nested ? 'side-sheet columns' : 'columns'} by the label, so files made with ${from} no longer match it, and ${then}`;
          }
          const then = required ? '每名申报人都会因缺少它被拒绝' : '其中填写的内容将不再读取';
          return `${from}改名为${to}：申报文件以名称作${nested ? '记录表的' : ''}列名，按旧名称${from}填写的文件将对不上这一列，${then}`;
        }),
        both((lang) =>
          lang === 'en'
            ? `Keep the label ${quote(place.before, lang)} (the rule format has no alias for an old label), or have every unit rename the column to ${quote(place.after, lang)} before this version takes effect`
            : `保留原名称${quote(place.before, lang)}（规则格式不支持别名）；或在本版本生效前通知各单位把列名改为${quote(place.after, lang)}`,
        ),
      ),
    );
  }
  if (x.type !== y.type) {
    // An integer column reads as a number: the one change of type that refuses nobody.
    if (!(x.type === 'integer' && y.type === 'number')) out.push(typeChanged(x, y, place));
    return;
  }
  if (!x.required && y.required) {
    out.push(
      change(
        'made-required',
        'refused',
        place,
        { before: true, after: true },
        both((lang) =>
          lang === 'en'
            ? `${quote(place.after, lang)} is now required: applicants who left it empty would be refused`
            : `${quote(place.after, lang)}改为必填：未填写这一项的申报人将被拒绝`,
        ),
        both((lang) => (lang === 'en' ? `Keep ${quote(place.after, lang)} optional` : `保持${quote(place.after, lang)}为非必填`)),
      ),
    );
  }
  if (OPTIONED.has(x.type)) compareOptions(x, y, place, out);
  if (NUMERIC.has(x.type)) compareRange(x, y, place, out);
  if (x.type === 'string') compareLength(x, y, place, out);
  if (x.type === 'record' || x.type === 'array') compareLists(x.fields ?? [], y.fields ?? [], place, out);
}

function typeChanged(x: FactDef, y: FactDef, place: Place): BreakingChange {
  return change(
    'type-changed',
    'refused',
    place,
    { before: true, after: true },
    both((lang) =>
      lang === 'en'
        ? `${quote(place.after, lang)} changes type from ${TYPE_NAMES[x.type].en} to ${TYPE_NAMES[y.type].en}: values filled in as ${TYPE_NAMES[x.type].en} may no longer be read`
        : `${quote(place.after, lang)}的类型由${TYPE_NAMES[x.type].zh}改为${TYPE_NAMES[y.type].zh}：按原类型填写的值可能无法读取`,
    ),
    both((lang) =>
      lang === 'en'
        ? `Keep the type ${TYPE_NAMES[x.type].en}, or add the new meaning as a new optional field`
        : `保留原类型${TYPE_NAMES[x.type].zh}；或把新含义作为一个新的非必填字段添加`,
    ),
    { type: [x.type, y.type] },
  );
}

function optionList(options: readonly FactOption[], lang: Lang, label: (o: FactOption) => Text = (o) => o.label): string {
  return options.map((o) => (lang === 'en' ? `"${pickText(label(o), 'en')}"` : `「${label(o).zh}」`)).join(lang === 'en' ? ', ' : '、');
}

function compareOptions(x: FactDef, y: FactDef, place: Place, out: BreakingChange[]): void {
  const next = new Map((y.options ?? []).map((o) => [o.value, o]));
  const gone = (x.options ?? []).filter((o) => !next.has(o.value));
  const renamed = (x.options ?? []).filter((o) => next.has(o.value) && next.get(o.value)!.label.zh !== o.label.zh);
  if (gone.length > 0) {
    out.push(
      change(
        'option-removed',
        'refused',
        place,
        { before: true, after: true },
        both((lang) =>
          lang === 'en'
            ? `${quote(place.after, lang)}: option${gone.length > 1 ? 's' : ''} ${optionList(gone, lang)} removed: applicants who chose ${gone.length > 1 ? 'one of them' : 'it'} would be refused`
            : `${quote(place.after, lang)}删除了选项${optionList(gone, lang)}：选了${gone.length > 1 ? '这些选项' : '该选项'}的申报人将被拒绝`,
        ),
        both((lang) =>
          lang === 'en'
            ? `Keep the option${gone.length > 1 ? 's' : ''} ${optionList(gone, lang)} (scoring may give ${gone.length > 1 ? 'them' : 'it'} no points)`
            : `保留选项${optionList(gone, lang)}（可在赋分中不给分）`,
        ),
        { options: gone.map((o) => ({ value: o.value, before: o.label })) },
      ),
    );
  }
  if (renamed.length > 0) {
    const after = (o: FactOption) => next.get(o.value)!.label;
    out.push(
      change(
        'option-renamed',
        'refused',
        place,
        { before: true, after: true },
        both((lang) =>
          lang === 'en'
            ? `${quote(place.after, lang)}: option ${renamed.map((o) => `"${pickText(o.label, 'en')}" → "${pickText(after(o), 'en')}"`).join(', ')} renamed: cells filled in with the old name would not be recognised and those applicants refused`
            : `${quote(place.after, lang)}的选项${renamed.map((o) => `「${o.label.zh}」改名为「${after(o).zh}」`).join('、')}：按旧名称填写的单元格将无法识别，这些申报人将被拒绝`,
        ),
        both((lang) =>
          lang === 'en' ? `Keep the option name${renamed.length > 1 ? 's' : ''} ${optionList(renamed, lang)}, or have every unit fill in the new name` : `保留原选项名称${optionList(renamed, lang)}；或通知各单位按新名称填写`,
        ),
        { options: renamed.map((o) => ({ value: o.value, before: o.label, after: after(o) })) },
      ),
    );
  }
}

const bound = (n: number | undefined) => (n === undefined ? null : n);
/** Whether `b` lets through less than `a`: a bound added, a minimum raised, a maximum lowered. */
const narrowerMin = (a: number | undefined, b: number | undefined) => b !== undefined && (a === undefined || b > a);
const narrowerMax = (a: number | undefined, b: number | undefined) => b !== undefined && (a === undefined || b < a);

function rangeWords(f: Pick<FactDef, 'min' | 'max'>, lang: Lang): string {
  if (f.min !== undefined && f.max !== undefined) return `${f.min}–${f.max}`;
  if (f.min !== undefined) return `≥ ${f.min}`;
  if (f.max !== undefined) return `≤ ${f.max}`;
  return lang === 'en' ? 'any' : '不限';
}

function compareRange(x: FactDef, y: FactDef, place: Place, out: BreakingChange[]): void {
  if (!narrowerMin(x.min, y.min) && !narrowerMax(x.max, y.max)) return;
  out.push(
    change(
      'range-narrowed',
      'refused',
      place,
      { before: true, after: true },
      both((lang) =>
        lang === 'en'
          ? `${quote(place.after, lang)}: range narrowed from ${rangeWords(x, lang)} to ${rangeWords(y, lang)}: applicants with a value outside it would be refused`
          : `${quote(place.after, lang)}的取值范围由 ${rangeWords(x, lang)} 收紧为 ${rangeWords(y, lang)}：超出新范围的申报人将被拒绝`,
      ),
      both((lang) =>
        lang === 'en'
          ? `Keep the range ${rangeWords(x, lang)}; a value a criterion should not accept is better refused by the criterion, which explains why`
          : `保留原范围 ${rangeWords(x, lang)}；不应通过的数值宜由资格条件判定，结果会说明原因`,
      ),
      { min: [bound(x.min), bound(y.min)], max: [bound(x.max), bound(y.max)] },
    ),
  );
}

function compareLength(x: FactDef, y: FactDef, place: Place, out: BreakingChange[]): void {
  if (!narrowerMax(x.maxLength, y.maxLength)) return;
  const words = (n: number | undefined, lang: Lang) => (n === undefined ? (lang === 'en' ? 'any length' : '不限') : lang === 'en' ? `${n} characters` : `${n} 字`);
  out.push(
    change(
      'range-narrowed',
      'refused',
      place,
      { before: true, after: true },
      both((lang) =>
        lang === 'en'
          ? `${quote(place.after, lang)}: the longest text allowed goes from ${words(x.maxLength, lang)} to ${words(y.maxLength, lang)}: applicants with longer text would be refused`
          : `${quote(place.after, lang)}的最大长度由 ${words(x.maxLength, lang)} 收紧为 ${words(y.maxLength, lang)}：填写内容更长的申报人将被拒绝`,
      ),
      both((lang) => (lang === 'en' ? `Keep the longest text at ${words(x.maxLength, lang)}` : `保留原最大长度 ${words(x.maxLength, lang)}`)),
      { maxLength: [bound(x.maxLength), bound(y.maxLength)] },
    ),
  );
}
