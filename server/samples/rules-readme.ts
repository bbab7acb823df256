// The generated part of rules/README.md: the ruleset index, the facts catalogues
// (common facts once, then each ruleset's own) and, per ruleset, its policy basis
// and every value marked as an example awaiting confirmation. Written between two
// markers, so the hand-written guide above it stays as it is; a test fails when the
// section is out of date with the rule files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesetHash, type Citation, type FactDef, type Ruleset, type Text } from '../../engine/index';
import { loadRuleFiles, type RuleFile } from './rulesets';

export const README = 'rules/README.md';
export const BEGIN = '<!-- BEGIN GENERATED: npm run samples -- readme (do not edit by hand) -->';
export const END = '<!-- END GENERATED -->';

const TYPE_ZH: Record<FactDef['type'], string> = {
  number: '数值 number',
  integer: '整数 integer',
  boolean: '是/否 boolean',
  string: '文本 string',
  enum: '单选 enum',
  set: '多选 set',
  date: '日期 date',
  record: '记录 record',
  array: '列表 array',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function both(t: Text | undefined): string {
  if (!t) return '';
  return t.en && t.en !== t.zh ? `${t.zh}<br>${t.en}` : t.zh;
}

function range(f: FactDef): string {
  if (f.options) return f.options.map((o) => `\`${o.value}\` ${o.label.zh}`).join('；');
  const parts: string[] = [];
  if (f.min !== undefined && f.max !== undefined) parts.push(`${f.min} – ${f.max}`);
  else if (f.min !== undefined) parts.push(`≥ ${f.min}`);
  else if (f.max !== undefined) parts.push(`≤ ${f.max}`);
  if (f.maxLength !== undefined) parts.push(`≤ ${f.maxLength} 字 chars`);
  if (f.type === 'date') parts.push('YYYY-MM-DD');
  if (f.type === 'array') parts.push('每条记录的字段见下 / fields below');
  return parts.join('，');
}

function factRows(facts: FactDef[], prefix = ''): string[] {
  const rows: string[] = [];
  for (const f of facts) {
    rows.push(
      `| \`${prefix}${f.id}\` | ${cell(f.label.zh)} | ${TYPE_ZH[f.type]} | ${cell(f.unit?.zh ?? '')} | ${f.required ? '是' : ''} | ${cell(range(f))} |`,
    );
    if (f.fields) rows.push(...factRows(f.fields, `${prefix}${f.id}[].`));
  }
  return rows;
}

function factTable(facts: FactDef[]): string[] {
  return [
    '| 键 key | 中文名称 | 类型 type | 单位 unit | 必填 required | 范围或选项 range / options |',
    '|---|---|---|---|---|---|',
    ...factRows(facts),
  ];
}

interface ExampleValue {
  where: string;
  citation: Citation;
}

/** Every citation marked `example: true`, with where it sits (criterion, veto, scoring item, pass mark). */
export function exampleValues(r: Ruleset): ExampleValue[] {
  const out: ExampleValue[] = [];
  const add = (where: string, basis: Citation[] | undefined) => {
    for (const citation of basis ?? []) if (citation.example === true) out.push({ where, citation });
  };
  for (const c of r.criteria ?? []) add(`条件 criterion「${c.title.zh}」`, c.basis);
  for (const v of r.vetoes ?? []) add(`否决 veto「${v.title.zh}」`, v.basis);
  for (const cat of r.scoring?.categories ?? []) {
    add(`赋分 scoring「${cat.title.zh}」`, cat.basis);
    for (const item of cat.items) add(`赋分 scoring「${cat.title.zh} › ${item.title.zh}」`, item.basis);
  }
  const pass = r.pass as (Ruleset['pass'] & { basis?: Citation[] }) | undefined;
  add(`合格线 pass mark${pass?.mode === 'minScore' ? ` ${pass.minScore}` : ''}`, pass?.basis);
  return out;
}

function basisTable(r: Ruleset): string[] {
  return [
    '| 代号 id | 文件 document | 文号 number | 发文机关 issuer | 日期 date |',
    '|---|---|---|---|---|',
    ...r.basis.map((d) => `| \`${d.id}\` | ${cell(both(d.title))} | ${cell(d.number ?? '')} | ${cell(d.issuer ?? '')} | ${d.date ?? ''} |`),
  ];
}

function examplesList(r: Ruleset): string[] {
  const list = exampleValues(r);
  if (list.length === 0) return ['无。None.'];
  return list.map(({ where, citation }) => {
    const doc = `${citation.doc}${citation.clause ? ' ' + citation.clause : ''}`;
    const note = citation.note ? `：${cell(citation.note.zh)}${citation.note.en ? `（${cell(citation.note.en)}）` : ''}` : '';
    return `- ${cell(where)}（依据 ${doc}）${note}`;
  });
}

function rulesetSection(file: RuleFile, heading: string): string[] {
  const r = file.ruleset;
  const own = r.facts;
  const lines = [
    `${heading} ${r.title.zh}`,
    '',
    r.title.en ? `*${r.title.en}*` : '',
    '',
    `- 文件 file：\`${file.path}\`；编号 id：\`${r.id}\`，版本 version ${r.version}，状态 status：${r.status ?? 'draft'}`,
    `- 部门 department：\`${r.department}\`${r.series ? `；系列 series：\`${r.series}\`` : ''}${r.level ? `；层级 level：\`${r.level}\`` : ''}`,
    `- 继承 extends：${r.extends ? `\`${r.extends}\`` : '无 none'}；生效 effective：${r.effectiveFrom ?? '—'}${r.effectiveTo ? ` 至 ${r.effectiveTo}` : ' 起'}`,
    `- 内容哈希 content hash：\`${rulesetHash(r)}\``,
    `- 条件 ${r.criteria?.length ?? 0} 项 criteria，否决 ${r.vetoes?.length ?? 0} 项 vetoes，赋分类别 ${r.scoring?.categories.length ?? 0} 个 scoring categories，内嵌测试 ${r.tests?.length ?? 0} 个 tests` +
      (r.pass ? `；合格规则 pass：${r.pass.mode === 'minScore' ? `总分 ≥ ${r.pass.minScore}` : '按名次 rank'}` : ''),
    '',
    '**政策依据 Policy basis**',
    '',
    ...basisTable(r),
    '',
    `**${r.extends ? '本规则集新增的事实 Facts added by this ruleset' : '事实目录 Facts catalogue'}**`,
    '',
    ...(own.length > 0 ? factTable(own) : ['无。None.']),
    '',
    '**待确认的示例值 Example values awaiting confirmation**',
    '',
    ...examplesList(r),
    '',
  ];
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === ''));
}

export function generatedSection(files: RuleFile[]): string {
  const sorted = [...files].sort((a, b) => (a.ruleset.extends ? 1 : 0) - (b.ruleset.extends ? 1 : 0) || a.path.localeCompare(b.path));
  const lines = [
    BEGIN,
    '',
    '## 规则集一览 Rulesets',
    '',
    '| 规则集 ruleset | 名称 title | 部门 department | 继承 extends | 示例值 example values | 文件 file |',
    '|---|---|---|---|---|---|',
    ...sorted.map(
      (f) =>
        `| \`${f.ruleset.id}@${f.ruleset.version}\` | ${cell(f.ruleset.title.zh)} | \`${f.ruleset.department}\` | ${f.ruleset.extends ? `\`${f.ruleset.extends}\`` : ''} | ${exampleValues(f.ruleset).length} | \`${f.path}\` |`,
    ),
    '',
  ];
  lines.push('## 通用政策与公共事实 Common policy and common facts', '');
  for (const f of sorted.filter((x) => !x.ruleset.extends)) lines.push(...rulesetSection(f, '###'));
  lines.push(
    '## 各系列规则集 Series rulesets',
    '',
    '各系列规则集继承通用政策；下面只列出每个规则集新增的事实，公共事实见上。',
    'Each series ruleset extends the common policy; only the facts it adds are listed, the common ones are above.',
    '',
  );
  for (const f of sorted.filter((x) => x.ruleset.extends)) lines.push(...rulesetSection(f, '###'));
  lines.push(END);
  return lines.join('\n');
}

function splice(readme: string, section: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${README} has no generated section (between "${BEGIN}" and "${END}")`);
  return readme.slice(0, begin) + section + readme.slice(end + END.length);
}

/** The README as it should be, from the rule files under `root`. */
export function expectedReadme(root: string): { current: string; expected: string } {
  const current = readFileSync(join(root, README), 'utf8');
  const files = loadRuleFiles(join(root, 'rules'), root);
  return { current, expected: splice(current, generatedSection(files)) };
}

/** Writes the generated section; returns whether it changed. */
export function writeRulesReadme(root: string): boolean {
  const { current, expected } = expectedReadme(root);
  if (current === expected) return false;
  writeFileSync(join(root, README), expected);
  return true;
}
