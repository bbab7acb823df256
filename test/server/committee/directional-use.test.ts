// The rules after the title are configuration: the shipped directional-use and
// general-title-basis rulesets pass their embedded cases, a holder is judged by the
// engine against the version in force (valid in Bazhou, void in Urumqi, prior level
// in a non-participating unit), and a new version with another prefecture list
// changes the answer from its effective date on, with no change of code.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleset, evaluate, runEmbeddedTests, type Ruleset } from '../../../engine/index';
import { RulesetResolver } from '../../../server/http/ruleset-resolver';
import { seedRules } from '../../../server/seed-rules';
import { openStore, type HolderRecord, type QuotaRecord, type Store } from '../../../server/storage/index';
import {
  DIRECTIONAL_USE,
  NoDirectionalUseRules,
  holderFacts,
  participatingUnits,
  titleValidity,
  type DirectionalUseRules,
} from '../../../server/committee/title-validity';

const ROOT = join(import.meta.dirname, '../../..');
const AT = '2026-01-05T09:00:00.000Z';
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Ruleset;

describe.each(['rules/hrss/directional-use/v1.json', 'rules/hrss/general-title-basis/v1.json'])('%s', (path) => {
  it('passes every embedded case', () => {
    const results = runEmbeddedTests(read(path));
    expect(results.length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
});

describe('the southern-Xinjiang list lives in the rule file', () => {
  it('holds the five prefectures, 巴音郭楞 among them, compared with `in`', () => {
    const rule = read('rules/hrss/directional-use/v1.json').criteria!.find((c) => c.id === 'southernXinjiang')!;
    expect(rule.conditions).toEqual({
      fact: 'prefecture',
      operator: 'in',
      value: ['喀什地区', '和田地区', '阿克苏地区', '克孜勒苏柯尔克孜自治州', '巴音郭楞蒙古自治州'],
    });
    expect(rule.basis.map((b) => b.clause)).toContain('二(二)');
  });

  it('general-title-basis flags its year threshold as an example value awaiting confirmation', () => {
    const years = read('rules/hrss/general-title-basis/v1.json').criteria!.find((c) => c.id === 'yearsAtLevelCombined')!;
    expect(years.basis.some((b) => b.example === true && b.note?.zh.includes('示例值'))).toBe(true);
  });
});

describe('general-title-basis through the engine', () => {
  const compiled = compileRuleset(read('rules/hrss/general-title-basis/v1.json'));
  const applicant = (titles: Array<{ level: string; kind: string; obtainedDate: string }>) => ({ id: 'G1', name: '阿依古丽', appliedLevel: 'full-senior', titles });

  it('a directional deputy-senior title alone is no basis for the general full-senior title', () => {
    const r = evaluate(compiled, applicant([{ level: 'deputy-senior', kind: 'directional', obtainedDate: '2015-09-01' }]), { asOf: '2024-09-30' });
    expect(r.eligible).toBe(false);
    expect(r.criteria.find((c) => c.id === 'generalTitleAtLevel')!.explanation).toBe('未取得副高级通用职称：定向职称不能作为申报正高级通用职称的依据，须先取得同层级的通用职称');
  });

  it('years at the level count from the earliest title at it, directional or general', () => {
    const r = evaluate(compiled, applicant([
      { level: 'deputy-senior', kind: 'directional', obtainedDate: '2019-03-01' },
      { level: 'deputy-senior', kind: 'general', obtainedDate: '2023-03-01' },
    ]), { asOf: '2024-09-30' });
    expect(r.derived).toMatchObject({ generalTitlesAtLevel: 1, yearsAtLevel: 5 });
    expect(r.eligible).toBe(true);
  });
});

const holder = (over: Partial<HolderRecord> = {}): HolderRecord => ({
  id: 'holder-0001',
  name: '热娜·艾力',
  series: 'health',
  level: 'deputy-senior',
  priorLevel: 'intermediate',
  unit: '轮台县人民医院',
  prefecture: '巴音郭楞蒙古自治州',
  documentNo: '巴职改办字〔2025〕3号',
  documentDate: '2025-11-20',
  updatedBy: 'admin',
  updatedAt: AT,
  ...over,
});
const quota = (unit: string, posts: number): QuotaRecord => ({ unit, series: 'health', level: 'deputy-senior', posts, updatedBy: 'admin', updatedAt: AT });
const QUOTAS = [quota('轮台县人民医院', 3), quota('乌鲁木齐市第一人民医院', 2), quota('库尔勒市第二人民医院', 0)];

describe('a holder through the engine', () => {
  let store: Store;
  let rules: DirectionalUseRules;
  beforeAll(async () => {
    store = await openStore({ memory: true });
    await seedRules(store, join(ROOT, 'rules'), AT);
    const resolver = new RulesetResolver(store);
    rules = { inForce: (id, asOf) => resolver.source.inForce(id, asOf), compile: (r) => resolver.compile(r) };
  });

  it('a unit takes part when the quota table gives it directional posts (0 posts: it does not)', () => {
    expect([...participatingUnits(QUOTAS)].sort()).toEqual(['乌鲁木齐市第一人民医院', '轮台县人民医院']);
    expect(holderFacts(holder({ unit: '库尔勒市第二人民医院' }), participatingUnits(QUOTAS))).toMatchObject({ unitParticipates: false, titleLevel: 'deputy-senior', priorLevel: 'intermediate' });
  });

  it('valid in a participating unit in Bazhou, at the title level', async () => {
    const v = await titleValidity(rules, holder(), QUOTAS, '2026-01-05');
    expect(v).toMatchObject({ validity: 'valid', effectiveLevel: 'deputy-senior', failed: [], ruleset: { id: DIRECTIONAL_USE, version: 1 } });
    expect(v.result.criteria.map((c) => c.explanation)).toContain('岗位所在地为巴音郭楞蒙古自治州，属南疆地区，定向职称有效');
  });

  it('void in 乌鲁木齐市 (outside southern Xinjiang), whatever the unit, saying so with the prior level', async () => {
    const v = await titleValidity(rules, holder({ unit: '乌鲁木齐市第一人民医院', prefecture: '乌鲁木齐市' }), QUOTAS, '2026-01-05');
    expect(v.validity).toBe('void');
    expect(v.effectiveLevel).toBe('intermediate');
    expect(v.failed).toEqual([
      { id: 'southernXinjiang', title: '岗位在南疆地区', explanation: '岗位所在地为乌鲁木齐市，不在南疆地区，定向职称在此无效；按取得定向职称前的层级（中级）认定' },
    ]);
  });

  it('reverts to the prior level in a non-participating unit in Bazhou', async () => {
    const v = await titleValidity(rules, holder({ unit: '库尔勒市第二人民医院' }), QUOTAS, '2026-01-05');
    expect(v.validity).toBe('reverts');
    expect(v.effectiveLevel).toBe('intermediate');
    expect(v.failed[0]!.explanation).toBe('库尔勒市第二人民医院未参与定向使用，定向职称暂不作为聘任依据；重新评审前按原层级（中级）聘任');
  });

  it('a new version with another prefecture list changes the answer from its effective date, with no change of code', async () => {
    const v1 = await store.rulesets.content(DIRECTIONAL_USE, 1);
    const criteria = v1.criteria!.map((c) =>
      c.id === 'southernXinjiang' ? { ...c, conditions: { fact: 'prefecture', operator: 'in', value: ['喀什地区', '和田地区', '阿克苏地区', '克孜勒苏柯尔克孜自治州'] } } : c,
    );
    const saved = await store.rulesets.saveDraft({ ruleset: { ...v1, version: 2, status: 'draft', criteria }, author: 'admin', note: '只限南疆四地州', basedOn: { id: DIRECTIONAL_USE, version: 1 }, at: AT });
    await store.rulesets.submit(DIRECTIONAL_USE, saved.version, { actor: 'admin', at: AT });
    await store.rulesets.approve(DIRECTIONAL_USE, saved.version, { actor: 'admin2', at: AT });
    await store.rulesets.publish(DIRECTIONAL_USE, saved.version, { actor: 'admin2', at: AT, effectiveFrom: '2026-03-01' });

    const before = await titleValidity(rules, holder(), QUOTAS, '2026-02-28');
    expect(before).toMatchObject({ validity: 'valid', ruleset: { version: 1 } });
    const after = await titleValidity(rules, holder(), QUOTAS, '2026-03-01');
    expect(after).toMatchObject({ validity: 'void', ruleset: { version: 2 } });
    expect((await titleValidity(rules, holder({ prefecture: '喀什地区' }), QUOTAS, '2026-03-01')).validity).toBe('valid');
  });

  it('no version in force (before the plan) is an error, not a guess', async () => {
    await expect(titleValidity(rules, holder(), QUOTAS, '2024-01-01')).rejects.toBeInstanceOf(NoDirectionalUseRules);
  });
});
