// A record that does not fit the facts catalogue is refused before evaluation, and
// the error names the field by its Chinese label and its place in the record.
import { describe, expect, it } from 'vitest';
import { PingshenError } from '../../engine/errors';
import { evaluate } from '../../engine/evaluate';
import type { Applicant } from '../../engine/types';
import { mini } from '../support/rulesets';

const ASOF = '2024-09-30';
const valid: Applicant = {
  id: 'A1',
  degree: 'master',
  titleDate: '2018-01-01',
  postLevel: 'county',
  grassrootsYears: 3,
  papers: [
    { year: 2020, core: true },
    { year: 2021, core: false },
  ],
  disciplines: [],
};

function rejection(applicant: Applicant, asOf = ASOF): PingshenError {
  try {
    evaluate(mini(), applicant, { asOf });
  } catch (err) {
    if (err instanceof PingshenError) return err;
    throw err;
  }
  throw new Error('expected the record to be refused');
}

const without = (field: string): Applicant => {
  const copy = { ...valid };
  delete copy[field];
  return copy;
};

describe('APPLICANT_INVALID', () => {
  it.each<[string, Applicant, string, string, string, string]>([
    ['text in a number field', { ...valid, grassrootsYears: '三年' }, '/grassrootsYears', 'grassrootsYears', '「基层工作年限」应为整数，实际为 "三年"', '"基层工作年限" must be an integer, got "三年"'],
    ['a decimal in an integer field', { ...valid, grassrootsYears: 3.5 }, '/grassrootsYears', 'grassrootsYears', '「基层工作年限」应为整数，实际为 3.5', '"基层工作年限" must be an integer, got 3.5'],
    ['a number above the maximum', { ...valid, grassrootsYears: 51 }, '/grassrootsYears', 'grassrootsYears', '「基层工作年限」为 51，不得大于 50', '"基层工作年限" is 51; it must be at most 50'],
    [
      'an unknown option',
      { ...valid, degree: 'phd' },
      '/degree',
      'degree',
      '「最高学历」的值 "phd" 不在可选范围内：博士研究生(doctorate)、硕士研究生(master)、大学本科(bachelor)、大专(college)',
      '"Degree" has "phd", which is not one of: doctorate, master, bachelor, college',
    ],
    ['a missing required field', without('degree'), '/degree', 'degree', '缺少必填字段「最高学历」', 'Required field "Degree" is missing'],
    ['a required field given as null', { ...valid, titleDate: null }, '/titleDate', 'titleDate', '必填字段「现职称取得时间」不能为空', 'Required field "现职称取得时间" must not be empty'],
    ['a malformed date', { ...valid, titleDate: '2018/01/01' }, '/titleDate', 'titleDate', '「现职称取得时间」应为有效日期（YYYY-MM-DD），实际为 "2018/01/01"', '"现职称取得时间" must be a valid date (YYYY-MM-DD), got "2018/01/01"'],
    ['a number where a date belongs', { ...valid, titleDate: 20180101 }, '/titleDate', 'titleDate', '「现职称取得时间」应为日期（YYYY-MM-DD），实际为 20180101', '"现职称取得时间" must be a date (YYYY-MM-DD), got 20180101'],
    ['a list that is not a list', { ...valid, papers: '无' }, '/papers', 'papers', '「论文」应为列表，实际为 "无"', '"论文" must be a list, got "无"'],
    [
      'text in a number inside the second record of a list',
      { ...valid, papers: [{ year: 2020, core: true }, { year: '2021年', core: false }] },
      '/papers/1/year',
      'papers',
      '「论文 › 第 2 条 › 发表年份」应为整数，实际为 "2021年"',
      '"论文 › #2 › 发表年份" must be an integer, got "2021年"',
    ],
    [
      'a missing required field inside a record',
      { ...valid, papers: [{ year: 2020, core: true }, { core: false }] },
      '/papers/1/year',
      'papers',
      '缺少必填字段「论文 › 第 2 条 › 发表年份」',
      'Required field "论文 › #2 › 发表年份" is missing',
    ],
    [
      'an impossible date inside a record',
      { ...valid, disciplines: [{ kind: 'warning', date: '2024-02-30' }] },
      '/disciplines/0/date',
      'disciplines',
      '「处分记录 › 第 1 条 › 处分日期」应为有效日期（YYYY-MM-DD），实际为 "2024-02-30"',
      '"处分记录 › #1 › 处分日期" must be a valid date (YYYY-MM-DD), got "2024-02-30"',
    ],
  ])('%s', (_name, applicant, pointer, field, zh, en) => {
    const err = rejection(applicant);
    expect(err.code).toBe('APPLICANT_INVALID');
    expect(err.message).toBe(`applicant record is invalid: ${zh}`);
    expect(err.issues).toEqual([{ code: 'APPLICANT_INVALID', severity: 'error', pointer, field, message: { zh, en } }]);
  });

  it('lists every problem in the record, not just the first', () => {
    const err = rejection({ ...valid, degree: 'phd', grassrootsYears: -1, papers: [{ year: 'x', core: true }] });
    expect(err.issues.map((i) => i.pointer)).toEqual(['/degree', '/grassrootsYears', '/papers/0/year']);
  });

  it('an optional fact may be missing or null', () => {
    expect(() => evaluate(mini(), without('papers'), { asOf: ASOF })).not.toThrow();
    expect(() => evaluate(mini(), { ...valid, papers: null, disciplines: null }, { asOf: ASOF })).not.toThrow();
  });

  it('fields outside the catalogue are allowed (they are simply not read)', () => {
    expect(() => evaluate(mini(), { ...valid, remarks: '备注' }, { asOf: ASOF })).not.toThrow();
  });

  it('validate: false skips the check (for records already validated in a batch)', () => {
    expect(() => evaluate(mini(), { ...valid, grassrootsYears: '三年' }, { asOf: ASOF, validate: false })).not.toThrow();
  });
});

describe('AS_OF_INVALID', () => {
  it.each([['2024-13-01'], ['2023-02-29'], ['2024/09/30'], ['']])('asOf %j is refused', (asOf) => {
    const err = rejection(valid, asOf);
    expect(err.code).toBe('AS_OF_INVALID');
    expect(err.issues).toEqual([
      { code: 'AS_OF_INVALID', severity: 'error', pointer: '', message: { zh: '评审基准日期应为 YYYY-MM-DD 格式的有效日期', en: 'asOf must be a valid YYYY-MM-DD date' } },
    ]);
  });

  it('is checked before the record', () => {
    expect(rejection({}, 'tomorrow').code).toBe('AS_OF_INVALID');
  });
});
