import { describe, expect, it } from 'vitest';
import type { FactDef } from '../../engine/index';
import { coerceCell, isCalendarDate } from '../../server/io/coerce-cell';

const fact = (type: FactDef['type'], extra: Partial<FactDef> = {}): FactDef => ({ id: 'f', label: { zh: '字段' }, type, ...extra });
const degree = fact('enum', {
  options: [
    { value: 'bachelor', label: { zh: '大学本科', en: 'Bachelor' } },
    { value: 'master', label: { zh: '硕士研究生' } },
  ],
});
const post = fact('enum', { options: [{ value: 'county', label: { zh: '县(市)' } }] });
const honours = fact('set', { options: [{ value: 'model', label: { zh: '劳动模范' } }, { value: 'expert', label: { zh: '优秀专家' } }] });
const years = fact('integer', { unit: { zh: '年' } });
const papers = fact('array', {
  fields: [
    { id: 'year', label: { zh: '发表年份' }, type: 'integer', required: true },
    { id: 'core', label: { zh: '核心期刊' }, type: 'boolean', required: true },
  ],
});

describe('coerceCell reads what officials type', () => {
  it.each([
    ['numeric cell', fact('number'), 3.5, 3.5],
    ['numeric string', fact('number'), ' 3.5 ', 3.5],
    ['full-width digits', fact('integer'), '１２', 12],
    ['thousands separators', fact('number'), '1,200', 1200],
    ['a trailing unit', years, '5年', 5],
    ['是', fact('boolean'), '是', true],
    ['否', fact('boolean'), '否', false],
    ['Y', fact('boolean'), 'Y', true],
    ['0', fact('boolean'), '0', false],
    ['TRUE', fact('boolean'), 'TRUE', true],
    ['boolean cell', fact('boolean'), false, false],
    ['an Excel date cell (UTC midnight)', fact('date'), new Date(Date.UTC(2024, 0, 5)), '2024-01-05'],
    ['2024-01-05', fact('date'), '2024-01-05', '2024-01-05'],
    ['2024/1/5', fact('date'), '2024/1/5', '2024-01-05'],
    ['2024年1月5日', fact('date'), '2024年1月5日', '2024-01-05'],
    ['2024-1-5 0:00 (Excel csv export)', fact('date'), '2024-1-5 0:00', '2024-01-05'],
    ['an option value', degree, 'bachelor', 'bachelor'],
    ['an option by Chinese label', degree, '大学本科', 'bachelor'],
    ['an option by English label', degree, 'Bachelor', 'bachelor'],
    ['a label typed with full-width brackets', post, '县（市）', 'county'],
    ['a set split on 、', honours, '劳动模范、优秀专家', ['model', 'expert']],
    ['a set split on ；', honours, 'model；expert', ['model', 'expert']],
    ['text from a numeric cell', fact('string'), 1001, '1001'],
    ['a JSON list of records by label', papers, '[{"发表年份": "2021", "核心期刊": "是"}]', [{ year: 2021, core: true }]],
  ])('%s', (_name, def, cell, expected) => {
    expect(coerceCell(cell, def)).toEqual({ value: expected });
  });

  it.each([undefined, null, '', '   '])('an empty cell (%j) is omitted, not null', (cell) => {
    expect(coerceCell(cell, fact('integer'))).toEqual({ empty: true });
  });
});

describe('coerceCell refuses what it cannot read, quoting the value', () => {
  it.each([
    ['text in a number field', fact('number'), '五年', '应为数字，实际为 "五年"'],
    ['a fraction in an integer field', fact('integer'), '3.5', '应为整数，实际为 "3.5"'],
    ['not a yes/no', fact('boolean'), '也许', '应为 是/否'],
    ['an impossible date', fact('date'), '2024-02-30', '应为日期'],
    ['a year and month only', fact('date'), '2024年1月', '应为日期'],
    ['an unknown option', degree, '本科', '无法识别 "本科"，可选：大学本科、硕士研究生'],
    ['an unknown set element', honours, '劳动模范、先进个人', '无法识别 "先进个人"'],
    ['broken JSON in a list cell', papers, '[{year: 2020', '应为 JSON 列表'],
    ['a bad field inside a record', papers, '[{"year": "abc", "core": true}]', '第 1 条「发表年份」应为整数，实际为 "abc"'],
  ])('%s', (_name, def, cell, message) => {
    const out = coerceCell(cell, def);
    expect('error' in out && out.error.zh).toContain(message);
    expect('error' in out && out.error.en).toBeTruthy();
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-2-9', false],
    ['2024-13-01', false],
  ])('%s → %s', (s, ok) => expect(isCalendarDate(s)).toBe(ok));
});
