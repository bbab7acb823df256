// Breaking changes between two facts catalogues: each kind found, said in words
// (Chinese first, English too) with its fix, and what cannot hurt a file left out.
import { describe, expect, it } from 'vitest';
import { breakingChanges, type BreakingChange } from '../../engine/compatibility';
import type { FactDef } from '../../engine/types';
import { mini } from '../support/rulesets';

type Edit = (facts: FactDef[]) => void;
const facts = (): FactDef[] => mini().facts;
const fact = (list: FactDef[], id: string) => list.find((f) => f.id === id)!;
const after = (edit: Edit): BreakingChange[] => {
  const next = facts();
  edit(next);
  return breakingChanges(facts(), next);
};

describe('breakingChanges', () => {
  it('the same catalogue, a new optional fact, a widened range, an added option, a new unit or help text: nothing', () => {
    expect(breakingChanges(facts(), facts())).toEqual([]);
    expect(
      after((f) => {
        f.push({ id: 'awards', label: { zh: '获得自治区级以上科技奖励', en: 'Regional awards' }, type: 'integer', unit: { zh: '项' } });
        fact(f, 'grassrootsYears').max = 60;
        delete fact(f, 'grassrootsYears').min;
        fact(f, 'degree').options!.push({ value: 'other', label: { zh: '其他' } });
        fact(f, 'grassrootsYears').unit = { zh: '整年' };
        fact(f, 'grassrootsYears').description = { zh: '说明' };
        fact(f, 'titleDate').required = false;
        fact(f, 'degree').label.en = 'Highest degree';
      }),
    ).toEqual([]);
  });

  it('a new required fact: every file lacks its column', () => {
    const [change, ...rest] = after((f) => {
      f.push({ id: 'awards', label: { zh: '获得自治区级以上科技奖励', en: 'Regional awards' }, type: 'integer', required: true });
    });
    expect(rest).toEqual([]);
    expect(change).toEqual({
      kind: 'required-added',
      effect: 'refused',
      fact: 'awards',
      field: 'awards',
      label: { before: null, after: { zh: '获得自治区级以上科技奖励', en: 'Regional awards' } },
      message: {
        zh: '新增必填申报字段「获得自治区级以上科技奖励」：现有申报文件没有这一列，每名申报人都会因缺少它被拒绝',
        en: 'New required field "Regional awards": existing applicant files have no such column, so every applicant would be refused for lacking it',
      },
      hint: expect.objectContaining({ zh: expect.stringContaining('将其改为非必填'), en: expect.stringContaining('Make it optional') }),
    });
  });

  it('a required field added to a list of records: named under its list, counted on the list', () => {
    const [change] = after((f) => fact(f, 'papers').fields!.push({ id: 'journal', label: { zh: '期刊名称' }, type: 'string', required: true }));
    expect(change).toMatchObject({ kind: 'required-added', fact: 'papers.journal', field: 'papers', label: { before: null, after: { zh: '论文 › 期刊名称', en: '论文 › 期刊名称' } } });
    expect(change!.message.zh).toBe('新增必填申报字段「论文 › 期刊名称」：现有申报文件没有这一记录，每名申报人都会因缺少它被拒绝');
  });

  it('an optional fact made required', () => {
    const before = facts();
    fact(before, 'titleDate').required = false;
    const changes = breakingChanges(before, facts());
    expect(changes).toEqual([expect.objectContaining({ kind: 'made-required', effect: 'refused', fact: 'titleDate', message: { zh: '「现职称取得时间」改为必填：未填写这一项的申报人将被拒绝', en: '"现职称取得时间" is now required: applicants who left it empty would be refused' } })]);
    expect(changes[0]!.hint.zh).toBe('保持「现职称取得时间」为非必填');
  });

  it('a removed fact: its column is no longer read', () => {
    const changes = after((f) => f.splice(f.findIndex((x) => x.id === 'papers'), 1));
    expect(changes).toEqual([
      expect.objectContaining({ kind: 'removed', effect: 'ignored', fact: 'papers', field: 'papers', label: { before: { zh: '论文', en: '论文' }, after: null }, message: { zh: '删除申报字段「论文」：申报文件中填写的这一列将不再读取', en: 'Field "论文" removed: what applicant files fill in under it is no longer read' } }),
    ]);
  });

  it('a removed enum option, with the option as data', () => {
    const changes = after((f) => fact(f, 'degree').options!.splice(3, 1));
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'option-removed',
        effect: 'refused',
        fact: 'degree',
        detail: { options: [{ value: 'college', before: { zh: '大专' } }] },
        message: { zh: '「最高学历」删除了选项「大专」：选了该选项的申报人将被拒绝', en: '"Degree": option "大专" removed: applicants who chose it would be refused' },
        hint: { zh: '保留选项「大专」（可在赋分中不给分）', en: 'Keep the option "大专" (scoring may give it no points)' },
      }),
    ]);
  });

  it('a renamed option: cells with the old name are not recognised', () => {
    const changes = after((f) => (fact(f, 'postLevel').options![1]!.label = { zh: '县市' }));
    expect(changes).toEqual([expect.objectContaining({ kind: 'option-renamed', fact: 'postLevel', detail: { options: [{ value: 'county', before: { zh: '县(市)' }, after: { zh: '县市' } }] } })]);
    expect(changes[0]!.message.zh).toBe('「工作单位层级」的选项「县(市)」改名为「县市」：按旧名称填写的单元格将无法识别，这些申报人将被拒绝');
  });

  it('a narrowed range: a raised minimum, a lowered maximum, a bound added, a shorter text', () => {
    const [range] = after((f) => {
      fact(f, 'grassrootsYears').min = 1;
      fact(f, 'grassrootsYears').max = 40;
    });
    expect(range).toMatchObject({ kind: 'range-narrowed', fact: 'grassrootsYears', detail: { min: [0, 1], max: [50, 40] } });
    expect(range!.message).toEqual({
      zh: '「基层工作年限」的取值范围由 0–50 收紧为 1–40：超出新范围的申报人将被拒绝',
      en: '"基层工作年限": range narrowed from 0–50 to 1–40: applicants with a value outside it would be refused',
    });
    const before = facts();
    delete fact(before, 'grassrootsYears').max;
    expect(breakingChanges(before, facts())).toEqual([expect.objectContaining({ kind: 'range-narrowed', detail: { min: [0, 0], max: [null, 50] } })]);
    const [length] = after((f) => (fact(f, 'id').maxLength = 8));
    expect(length).toMatchObject({ kind: 'range-narrowed', fact: 'id', detail: { maxLength: [null, 8] } });
    expect(length!.message.zh).toBe('「编号」的最大长度由 不限 收紧为 8 字：填写内容更长的申报人将被拒绝');
  });

  it('a changed label: required facts refuse, optional ones stop being read; the hint keeps the old label', () => {
    const [required] = after((f) => (fact(f, 'grassrootsYears').label = { zh: '基层服务年限' }));
    expect(required).toMatchObject({ kind: 'label-changed', effect: 'refused', fact: 'grassrootsYears', label: { before: { zh: '基层工作年限', en: '基层工作年限' }, after: { zh: '基层服务年限', en: '基层服务年限' } } });
    expect(required!.message.zh).toBe('「基层工作年限」改名为「基层服务年限」：申报文件以名称作列名，按旧名称「基层工作年限」填写的文件将对不上这一列，每名申报人都会因缺少它被拒绝');
    expect(required!.hint.zh).toBe('保留原名称「基层工作年限」（规则格式不支持别名）；或在本版本生效前通知各单位把列名改为「基层服务年限」');
    const [optional] = after((f) => (fact(f, 'papers').label = { zh: '发表论文' }));
    expect(optional).toMatchObject({ kind: 'label-changed', effect: 'ignored', fact: 'papers' });
    expect(optional!.message.en).toContain('what they fill in there is no longer read');
    const [nested] = after((f) => (fact(f, 'papers').fields![1]!.label = { zh: '是否核心期刊' }));
    expect(nested).toMatchObject({ kind: 'label-changed', effect: 'refused', fact: 'papers.core', field: 'papers', label: { before: { zh: '论文 › 核心期刊' }, after: { zh: '论文 › 是否核心期刊' } } });
  });

  it('a changed type, except integer → number', () => {
    const [type, ...rest] = after((f) => (fact(f, 'grassrootsYears').type = 'string'));
    expect(rest).toEqual([]);
    expect(type).toMatchObject({ kind: 'type-changed', fact: 'grassrootsYears', detail: { type: ['integer', 'string'] }, message: { zh: '「基层工作年限」的类型由整数改为文本：按原类型填写的值可能无法读取' } });
    expect(after((f) => (fact(f, 'grassrootsYears').type = 'number'))).toEqual([]);
  });

  it('several changes come in catalogue order, new facts last', () => {
    const kinds = after((f) => {
      f.push({ id: 'awards', label: { zh: '奖励' }, type: 'integer', required: true });
      fact(f, 'degree').options!.pop();
      f.splice(f.findIndex((x) => x.id === 'disciplines'), 1);
      fact(f, 'grassrootsYears').max = 30;
    }).map((c) => `${c.kind}:${c.fact}`);
    expect(kinds).toEqual(['option-removed:degree', 'range-narrowed:grassrootsYears', 'removed:disciplines', 'required-added:awards']);
  });
});
