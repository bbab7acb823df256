// Lint: the mistakes a schema cannot see, each reported where the author has to look.
import { describe, expect, it } from 'vitest';
import { lookupIn } from '../../engine/extends';
import { lintRuleset } from '../../engine/lint';
import type { Ruleset } from '../../engine/types';
import { copy } from '../support/build';
import { loadFixture, mini } from '../support/rulesets';

type Edit = (r: any) => void;
const FILE = 'rules/hrss/mini/v1.json';

const lookupTable = (fact: string) => ({ id: 'x', label: { zh: 'x' }, op: 'lookup', fact, table: [{ value: 1, result: 1 }] });

// Lists for in / notIn / someValue / everyValue: a set of degrees, optional or required,
// on its own, in a record, or in a list of records.
const DEGREES = [{ value: 'doctorate', label: { zh: '博士' } }, { value: 'master', label: { zh: '硕士' } }];
const degreeSet = (id: string, required: boolean) => ({ id, label: { zh: '认可学历' }, type: 'set', ...(required ? { required } : {}), options: DEGREES });
const unitRecord = (required: boolean, fieldRequired: boolean) => ({
  id: 'unit',
  label: { zh: '工作单位' },
  type: 'record',
  ...(required ? { required } : {}),
  fields: [degreeSet('accepted', fieldRequired)],
});
/** Puts `leaf` where mini has `degree in [master, bachelor]`. */
const withLeaf = (r: any, leaf: unknown) => (r.criteria[0].conditions.any[1].all[0] = leaf);
const IN_AT = '/criteria/0/conditions/any/1/all/0';

describe('lintRuleset: one case per rule, with the pointer to fix', () => {
  it.each<[string, string, string, Edit, RegExp]>([
    // UNDECLARED_FACT
    ['UNDECLARED_FACT', 'in a criterion', '/criteria/0/conditions/any/0/all/1/fact', (r) => (r.criteria[0].conditions.any[0].all[1].fact = 'yearsInPost'), /条件引用了未声明的事实 "yearsInPost"/],
    ['UNDECLARED_FACT', 'as a criterion’s comparison value', '/criteria/0/conditions/any/0/all/1/value/fact', (r) => (r.criteria[0].conditions.any[0].all[1].value = { fact: 'minYears' }), /未声明的事实 "minYears"/],
    ['UNDECLARED_FACT', 'in a derived fact’s where', '/derived/1/where/fact', (r) => (r.derived[1].where.fact = 'isCore'), /条件引用了未声明的事实 "isCore"/],
    ['UNDECLARED_FACT', 'as the array a derived fact counts', '/derived/1/of', (r) => (r.derived[1].of = 'articles'), /派生事实引用了未声明的事实 "articles"/],
    ['UNDECLARED_FACT', 'in a let inside a derived fact', '/derived/2/let/0/from', (r) => (r.derived[2].let[0].from = 'dated'), /派生事实引用了未声明的事实 "dated"/],
    ['UNDECLARED_FACT', 'in a scoring item', '/scoring/categories/1/items/0/fact', (r) => (r.scoring.categories[1].items[0].fact = 'corePaperCount'), /计分项引用了未声明的事实 "corePaperCount"/],
    ['UNDECLARED_FACT', 'in a scoring item’s appliesWhen', '/scoring/categories/2/items/0/appliesWhen/fact', (r) => (r.scoring.categories[2].items[0].appliesWhen.fact = 'unitLevel'), /未声明的事实 "unitLevel"/],
    // OPERATOR_TYPE
    ['OPERATOR_TYPE', 'numeric operator on an enum', '/criteria/0/conditions/any/0/all/0/operator', (r) => (r.criteria[0].conditions.any[0].all[0] = { fact: 'degree', operator: 'greaterThan', value: 3 }), /运算符 greaterThan 用于比较数值，"最高学历" 的类型是 enum/],
    ['OPERATOR_TYPE', 'contains on a scalar', '/vetoes/0/conditions/operator', (r) => (r.vetoes[0].conditions = { fact: 'grassrootsYears', operator: 'contains', value: 5 }), /运算符 contains 只适用于列表，"基层工作年限" 的类型是 integer/],
    ['OPERATOR_TYPE', 'in with a value that is not a list', '/criteria/0/conditions/any/1/all/0/value', (r) => (r.criteria[0].conditions.any[1].all[0].value = 'master'), /运算符 in 的比较值应为列表/],
    ['OPERATOR_TYPE', 'path on a scalar fact', '/criteria/0/conditions/any/0/all/0/operator', (r) => (r.criteria[0].conditions.any[0].all[0].path = '$.level'), /"最高学历" 不是记录，不能使用 path/],
    ['OPERATOR_TYPE', 'numeric operator with a text threshold', '/vetoes/0/conditions/value', (r) => (r.vetoes[0].conditions.value = '0'), /比较值应为数字/],
    ['OPERATOR_TYPE', 'equal with a value of the wrong type', '/scoring/categories/2/items/0/appliesWhen/value', (r) => (r.scoring.categories[2].items[0].appliesWhen = { fact: 'grassrootsYears', operator: 'equal', value: '5' }), /类型是 integer，比较值 "5" 类型不符/],
    ['OPERATOR_TYPE', 'someValue without a list', '/criteria/0/conditions/any/0/all/0/value', (r) => (r.criteria[0].conditions.any[0].all[0] = { fact: 'degree', operator: 'someValue:equal', value: 'master' }), /someValue:equal 的比较值应为列表/],
    ['OPERATOR_TYPE', 'bracket scale over a text fact', '/scoring/categories/2/items/0/fact', (r) => (r.scoring.categories[2].items[0].fact = 'postLevel'), /bracket 计分需要数值事实/],
    // ENUM_VALUE
    ['ENUM_VALUE', 'equal to a value that is not an option', '/criteria/0/conditions/any/0/all/0/value', (r) => (r.criteria[0].conditions.any[0].all[0].value = 'phd'), /"最高学历" 没有选项 "phd"（可选：doctorate, master, bachelor, college）/],
    ['ENUM_VALUE', 'one element of an in-list', '/criteria/0/conditions/any/1/all/0/value/1', (r) => (r.criteria[0].conditions.any[1].all[0].value = ['master', 'phd']), /没有选项 "phd"/],
    ['ENUM_VALUE', 'one element of a someValue list', '/criteria/0/conditions/any/0/all/0/value/1', (r) => (r.criteria[0].conditions.any[0].all[0] = { fact: 'degree', operator: 'someValue:equal', value: ['master', 'phd'] }), /没有选项 "phd"/],
    ['ENUM_VALUE', 'a lookup row', '/scoring/categories/0/items/0/table/2/value', (r) => (r.scoring.categories[0].items[0].table[2].value = 'undergraduate'), /没有选项 "undergraduate"/],
    ['ENUM_VALUE', 'a row of a let lookup inside a derived fact', '/derived/2/let/1/table/0/value', (r) => (r.derived[2].let[1].table[0].value = 'warn'), /"处分种类" 没有选项 "warn"（可选：warning, demerit）/],
    ['ENUM_VALUE', 'inside a derived where', '/derived/2/where/value', (r) => (r.derived[2].where = { fact: 'kind', operator: 'equal', value: 'warn' }), /"处分种类" 没有选项 "warn"/],
    // DERIVED_CYCLE
    ['DERIVED_CYCLE', 'a → b → a', '/derived/3', (r) => r.derived.push({ ...lookupTable('b'), id: 'a' }, { ...lookupTable('a'), id: 'b' }), /派生事实循环引用：a → b → a/],
    ['DERIVED_CYCLE', 'a fact defined by itself', '/derived/3', (r) => r.derived.push({ ...lookupTable('a'), id: 'a' }), /派生事实循环引用：a → a/],
    // DUPLICATE_ID
    ['DUPLICATE_ID', 'two criteria', '/criteria/1/id', (r) => r.criteria.push(copy(r.criteria[0])), /标识 "degreeYears" 重复/],
    ['DUPLICATE_ID', 'a veto named like a criterion', '/vetoes/0/id', (r) => (r.vetoes[0].id = 'degreeYears'), /标识 "degreeYears" 重复/],
    ['DUPLICATE_ID', 'items in different categories', '/scoring/categories/1/items/0/id', (r) => (r.scoring.categories[1].items[0].id = 'degreePoints'), /标识 "degreePoints" 重复/],
    ['DUPLICATE_ID', 'a derived fact named like a fact', '/derived/3/id', (r) => r.derived.push({ ...lookupTable('degree'), id: 'postLevel', table: [{ value: 'master', result: 1 }] }), /标识 "postLevel" 重复/],
    ['DUPLICATE_ID', 'an option value', '/facts/1/options/3/value', (r) => (r.facts[1].options[3].value = 'master'), /选项值 "master" 重复/],
    ['DUPLICATE_ID', 'an option value of a record field', '/facts/6/fields/0/options/2/value', (r) => r.facts[6].fields[0].options.push({ value: 'warning', label: { zh: '警告（重复）' } }), /选项值 "warning" 重复/],
    // EXTENDS_MISSING
    ['EXTENDS_MISSING', 'no lookup given', '/extends', (r) => (r.extends = 'bz-common@1'), /找不到被继承的规则集 bz-common@1/],
    // CAP_EXCEEDS_CATEGORY
    ['CAP_EXCEEDS_CATEGORY', 'explicit item cap above the category cap', '/scoring/categories/1/items/0/cap', (r) => (r.scoring.categories[1].items[0].cap = 20), /单项上限 20 分超过所属类别上限 15 分/],
    ['CAP_EXCEEDS_CATEGORY', 'a bracket whose top points exceed the category cap', '/scoring/categories/2/items/0', (r) => (r.scoring.categories[2].items[0].brackets[4].points = 12), /单项最高可得 12 分，超过所属类别上限 10 分/],
    ['CAP_EXCEEDS_CATEGORY', 'a condition item worth more than its category', '/scoring/categories/1/items/1', (r) => (r.scoring.categories[1].items[1].points = 16), /单项最高可得 16 分，超过所属类别上限 15 分/],
    ['CAP_EXCEEDS_CATEGORY', 'a lookup whose default exceeds the category cap', '/scoring/categories/0/items/0', (r) => (r.scoring.categories[0].items[0].default = 18), /单项最高可得 18 分/],
    // UNKNOWN_BASIS
    ['UNKNOWN_BASIS', 'a criterion cites an undeclared document', '/criteria/0/basis/0/doc', (r) => (r.criteria[0].basis[0].doc = 'bz2023-9'), /引用的政策文件 "bz2023-9" 未在 basis 中声明/],
    ['UNKNOWN_BASIS', 'a scoring item cites an undeclared document', '/scoring/categories/2/items/0/basis/0/doc', (r) => (r.scoring.categories[2].items[0].basis[0].doc = 'hr-2019'), /"hr-2019" 未在 basis 中声明/],
    // BRACKETS_ORDER
    ['BRACKETS_ORDER', 'a band minimum equal to the one before', '/scoring/categories/2/items/0/brackets/2/min', (r) => (r.scoring.categories[2].items[0].brackets[2].min = 10), /档次下限应严格递增：10 不大于上一档 10/],
    ['BRACKETS_ORDER', 'a band minimum below the one before', '/scoring/categories/2/items/0/brackets/1/min', (r) => (r.scoring.categories[2].items[0].brackets[1].min = 3), /3 不大于上一档 5/],
    // NEGATIVE_POINTS: a deduction would free room under a cap for later items
    ['NEGATIVE_POINTS', 'a condition item that deducts', '/scoring/categories/1/items/1/points', (r) => (r.scoring.categories[1].items[1].points = -5), /分值 -5 为负数：计分项只能加分/],
    ['NEGATIVE_POINTS', 'negative points per unit', '/scoring/categories/1/items/0/pointsEach', (r) => (r.scoring.categories[1].items[0].pointsEach = -1), /分值 -1 为负数/],
    ['NEGATIVE_POINTS', 'a negative bracket', '/scoring/categories/2/items/0/brackets/0/points', (r) => (r.scoring.categories[2].items[0].brackets[0].points = -2), /分值 -2 为负数/],
    ['NEGATIVE_POINTS', 'a negative lookup row', '/scoring/categories/0/items/0/table/2/points', (r) => (r.scoring.categories[0].items[0].table[2].points = -0.5), /分值 -0.5 为负数/],
    ['NEGATIVE_POINTS', 'a negative lookup default', '/scoring/categories/0/items/0/default', (r) => (r.scoring.categories[0].items[0].default = -3), /分值 -3 为负数/],
    // OPTIONAL_LIST: json-rules-engine would throw when the applicant leaves the list out
    ['OPTIONAL_LIST', 'in against an optional set', `${IN_AT}/value/fact`, (r) => (r.facts.push(degreeSet('accepted', false)), withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'accepted' } })), /^运算符 in 把「认可学历」（accepted）当作列表，但它不是必填项，申报人可以不填；缺少时 json-rules-engine 无法判定此条件，该申报人无法评审。请将其设为必填（"required": true），或改写为 \{"fact":"accepted","operator":"contains","value":\{"fact":"degree"\}\}（列表缺失时判为不成立）/],
    ['OPTIONAL_LIST', 'not:notIn: the rewrite keeps the not, and says what it answers', `${IN_AT}/value/fact`, (r) => (r.facts.push(degreeSet('accepted', false)), withLeaf(r, { fact: 'degree', operator: 'not:notIn', value: { fact: 'accepted' } })), /"operator":"not:doesNotContain".*（列表缺失时判为成立）/],
    ['OPTIONAL_LIST', 'a guard beside it in the same all does not help', `${IN_AT}/all/1/value/fact`, (r) => (r.facts.push(degreeSet('accepted', false)), withLeaf(r, { all: [{ fact: 'accepted', operator: 'notEqual', value: null }, { fact: 'degree', operator: 'in', value: { fact: 'accepted' } }] })), /在同一 all 中先检查 notEqual null 不能避免：json-rules-engine 会判定 all\/any 中的每一个条件/],
    ['OPTIONAL_LIST', 'swap:in with the list as the fact (a veto)', '/vetoes/0/conditions/fact', (r) => (r.facts.push(degreeSet('accepted', false)), (r.vetoes[0].conditions = { fact: 'accepted', operator: 'swap:in', value: 'master' })), /运算符 swap:in 把「认可学历」（accepted）.*改写为 \{"fact":"accepted","operator":"contains","value":"master"\}/],
    ['OPTIONAL_LIST', 'someValue over an optional set (a scoring item)', '/scoring/categories/1/items/1/when/value/fact', (r) => (r.facts.push(degreeSet('accepted', false)), (r.scoring.categories[1].items[1].when = { fact: 'degree', operator: 'someValue:equal', value: { fact: 'accepted' } })), /改写为 \{"fact":"accepted","operator":"someFact:swap:equal","value":\{"fact":"degree"\}\}/],
    ['OPTIONAL_LIST', 'everyValue in an appliesWhen', '/scoring/categories/2/items/0/appliesWhen/value/fact', (r) => (r.facts.push(degreeSet('accepted', false)), (r.scoring.categories[2].items[0].appliesWhen = { fact: 'degree', operator: 'everyValue:notEqual', value: { fact: 'accepted' } })), /everyFact:swap:notEqual/],
    ['OPTIONAL_LIST', 'through a record the applicant may leave out', `${IN_AT}/value/fact`, (r) => (r.facts.push(unitRecord(false, true)), withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'unit', path: '$.accepted' } })), /「工作单位」（unit\$\.accepted）当作列表，但它不是必填项/],
    ['OPTIONAL_LIST', 'through an optional field of a required record', `${IN_AT}/value/fact`, (r) => (r.facts.push(unitRecord(true, false)), withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'unit', path: '$.accepted' } })), /所经过的字段「认可学历」（accepted）不是必填项/],
    ['OPTIONAL_LIST', 'an index into a list of records', `${IN_AT}/value/fact`, (r) => (r.facts.push({ ...unitRecord(true, true), type: 'array' }), withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'unit', path: '$[0].accepted' } })), /路径中的下标 \[0\] 不一定存在/],
    ['OPTIONAL_LIST', 'in a derived fact’s where (an optional field of the records)', '/derived/1/where/fact', (r) => (r.facts[5].fields.push(degreeSet('tags', false)), (r.derived[1].where = { fact: 'tags', operator: 'swap:in', value: 'master' })), /「认可学历」（tags）当作列表，但它不是必填项/],
    ['OPERATOR_TYPE', 'in against a text fact (json-rules-engine would test for a substring)', `${IN_AT}/value/fact`, (r) => withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'id' } }), /运算符 in 把「编号」（id）当作列表，但它的类型是 string，不是列表/],
    ['OPERATOR_TYPE', 'in against a derived fact', `${IN_AT}/value/fact`, (r) => withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'yearsInTitle' } }), /「任现职年限」（yearsInTitle）当作列表，但它是派生事实/],
    ['OPERATOR_TYPE', 'a list of lists', `${IN_AT}/operator`, (r) => withLeaf(r, { fact: 'degree', operator: 'someValue:someValue:equal', value: ['master'] }), /要求列表中的每一项也是列表/],
  ])('%s: %s → %s', (code, _name, pointer, edit, zh) => {
    const r = mini();
    edit(r);
    const issues = lintRuleset(r, { file: FILE });
    const found = issues.filter((i) => i.code === code);
    expect(found, JSON.stringify(issues)).toHaveLength(1);
    expect(found[0]).toMatchObject({ code, severity: 'error', pointer, file: FILE });
    expect(found[0]!.message.zh).toMatch(zh);
    expect(found[0]!.message.en).toMatch(/\w/);
    expect(issues.filter((i) => i.code !== code), 'no other issue').toEqual([]);
  });

  it('EXTENDS_MISSING: the parent exists but not in the version asked for', () => {
    const parent: Ruleset = { ...mini(), id: 'base', version: 1 };
    const child: Ruleset = { ...mini(), extends: 'base@2' };
    const issues = lintRuleset(child, { lookup: lookupIn([parent]) });
    expect(issues.map((i) => [i.code, i.pointer, i.message.zh])).toEqual([['EXTENDS_MISSING', '/extends', '找不到被继承的规则集 base@2']]);
  });

  it('TEMPLATE_PLACEHOLDER: an unknown placeholder is a warning, known ones are not', () => {
    const r: any = mini();
    r.criteria[0].explanation = {
      pass: { zh: '{{title}}：{{label:yearsInTitle}} {{yearsInTitle}}，需 {{threshold:yearsInTitle}}' },
      fail: { zh: '任职 {{yearsInPost}} 年' },
    };
    const issues = lintRuleset(r, { file: FILE });
    expect(issues).toEqual([
      {
        code: 'TEMPLATE_PLACEHOLDER',
        severity: 'warning',
        pointer: '/criteria/0/explanation/fail',
        file: FILE,
        message: { zh: '说明模板中的占位符 {{yearsInPost}} 未定义', en: 'Unknown template placeholder {{yearsInPost}}' },
      },
    ]);
  });

  it('TEMPLATE_PLACEHOLDER: {{points}} is known in an item explanation only', () => {
    const r: any = mini();
    r.scoring.categories[1].items[1].explanation = { zh: '得 {{points}} 分' };
    r.vetoes[0].explanation = { triggered: { zh: '扣 {{points}} 分' } };
    expect(lintRuleset(r).map((i) => [i.code, i.pointer])).toEqual([['TEMPLATE_PLACEHOLDER', '/vetoes/0/explanation/triggered']]);
  });
});

describe('lintRuleset: drafts the studio lints as they are typed', () => {
  it('a criterion whose basis is not there yet is linted, not a crash (the schema names the missing basis)', () => {
    const r = copy(mini());
    delete (r.criteria![0] as { basis?: unknown }).basis;
    expect(() => lintRuleset(r)).not.toThrow();
  });
});

describe('lintRuleset: clean rulesets', () => {
  it('zero points are not negative: a zero default, bracket and condition lint clean', () => {
    const r: any = mini();
    r.scoring.categories[0].items[0].default = 0;
    r.scoring.categories[2].items[0].brackets[0].points = 0;
    r.scoring.categories[1].items[1].points = 0;
    expect(lintRuleset(r)).toEqual([]);
  });

  it.each([['mini.json'], ['all-operators.json']])('%s lints clean', (name) => {
    expect(lintRuleset(loadFixture(name))).toEqual([]);
  });

  it.each<[string, Edit]>([
    ['in against a required set', (r) => (r.facts.push(degreeSet('accepted', true)), withLeaf(r, { fact: 'degree', operator: 'in', value: { fact: 'accepted' } }))],
    ['swap:notIn on a required set', (r) => (r.facts.push(degreeSet('accepted', true)), withLeaf(r, { fact: 'accepted', operator: 'swap:notIn', value: 'master' }))],
    ['someValue over a required field of a required record', (r) => (r.facts.push(unitRecord(true, true)), withLeaf(r, { fact: 'degree', operator: 'someValue:equal', value: { fact: 'unit', path: '$.accepted' } }))],
    ['an optional list on the fact side (contains): json-rules-engine checks it first', (r) => (r.facts.push(degreeSet('accepted', false)), withLeaf(r, { fact: 'accepted', operator: 'contains', value: { fact: 'degree' } }))],
    ['an optional list under someFact:swap', (r) => (r.facts.push(degreeSet('accepted', false)), withLeaf(r, { fact: 'accepted', operator: 'someFact:swap:equal', value: { fact: 'degree' } }))],
  ])('lists that are always there are not reported: %s', (_name, edit) => {
    const r: any = mini();
    edit(r);
    expect(lintRuleset(r)).toEqual([]);
  });

  it('decorated operators json-rules-engine accepts are not reported (someValue, everyValue, swap)', () => {
    const r: any = mini();
    r.criteria[0].conditions = {
      any: [
        { fact: 'degree', operator: 'someValue:equal', value: ['doctorate', 'master'] },
        { fact: 'grassrootsYears', operator: 'everyValue:greaterThan', value: [3, 8] },
        { fact: 'degree', operator: 'swap:contains', value: ['bachelor'] },
        { fact: 'grassrootsYears', operator: 'not:everyValue:lessThanInclusive', value: [10, 20] },
      ],
    };
    expect(lintRuleset(r)).toEqual([]);
  });

  it('a child that reads its parent’s facts lints clean; its own undeclared fact does not', () => {
    const parent: Ruleset = mini();
    const child: any = {
      id: 'mini-child',
      version: 1,
      title: { zh: '子规则集' },
      department: 'hrss',
      extends: 'mini@1',
      basis: [],
      facts: [],
      criteria: [{ id: 'seniority', title: { zh: '年限' }, basis: [{ doc: 'bz2024-1' }], conditions: { fact: 'yearsInTitle', operator: 'greaterThanInclusive', value: 6 } }],
    };
    const lookup = lookupIn([parent]);
    expect(lintRuleset(child, { lookup })).toEqual([]);
    child.criteria[0].conditions.fact = 'yearsInService';
    expect(lintRuleset(child, { lookup }).map((i) => [i.code, i.pointer])).toEqual([['UNDECLARED_FACT', '/criteria/0/conditions/fact']]);
  });

  it('OPTIONAL_LIST: a child that makes optional a list its parent’s conditions need is told at that fact', () => {
    const parent: any = mini();
    parent.facts.push(degreeSet('accepted', true));
    withLeaf(parent, { fact: 'degree', operator: 'in', value: { fact: 'accepted' } });
    parent.scoring.categories[1].items[1].when = { fact: 'degree', operator: 'someValue:equal', value: { fact: 'accepted' } };
    expect(lintRuleset(parent)).toEqual([]);
    const child: any = { id: 'mini-child', version: 1, title: { zh: '子规则集' }, department: 'hrss', extends: 'mini@1', basis: [], facts: [] };
    const lookup = lookupIn([parent]);
    expect(lintRuleset(child, { lookup })).toEqual([]);
    child.facts.push(degreeSet('accepted', false));
    const issues = lintRuleset(child, { lookup, file: FILE });
    expect(issues.map((i) => [i.code, i.pointer, i.file])).toEqual([
      ['OPTIONAL_LIST', '/facts/0', FILE],
      ['OPTIONAL_LIST', '/facts/0', FILE],
    ]);
    expect(issues[0]!.message.zh).toMatch(/^继承的评审条件「学历与任职年限」（degreeYears）中，运算符 in 把「认可学历」（accepted）当作列表，但它不是必填项/);
    expect(issues[1]!.message.zh).toMatch(/^继承的计分项「.+」（.+）中，运算符 someValue:equal/);
    expect(issues[0]!.message.en).toMatch(/^In the inherited criterion "学历与任职年限" \(degreeYears\): in uses/);
  });
});
