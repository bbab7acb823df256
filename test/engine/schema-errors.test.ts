// A department official saves a rule file with a mistake: the error names the file,
// the exact place (JSON pointer) and says what is wrong in Chinese, with English beside it.
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../engine/errors';
import { parseRulesetText } from '../../engine/parse';
import { validateRuleset } from '../../engine/validate';
import { mini } from '../support/rulesets';

const FILE = 'rules/hrss/mini/v1.json';
type Edit = (r: any) => void;

describe('validateRuleset: schema errors carry a pointer, Chinese and English', () => {
  it.each<[string, string, Edit, RegExp, RegExp]>([
    ['missing required field', '/id', (r) => delete r.id, /必需属性 id/, /required property 'id'/],
    ['missing field inside a criterion', '/criteria/0/title', (r) => delete r.criteria[0].title, /必需属性 title/, /required property 'title'/],
    ['wrong type', '/version', (r) => (r.version = '1'), /integer/, /must be integer/],
    ['wrong type deep in a scoring item', '/scoring/categories/1/items/0/pointsEach', (r) => (r.scoring.categories[1].items[0].pointsEach = '4'), /number/, /must be number/],
    ['unknown property at the top', '', (r) => (r.colour = 'red'), /额外的属性 \(colour\)/, /additional properties \(colour\)/],
    ['unknown property in a criterion', '/criteria/0', (r) => (r.criteria[0].note = 'x'), /额外的属性 \(note\)/, /additional properties \(note\)/],
    [
      'bad operator name',
      '/criteria/0/conditions/any/1/all/1/operator',
      (r) => (r.criteria[0].conditions.any[1].all[1].operator = 'atLeast'),
      /^未知的运算符 "atLeast"；可用：equal、.*greaterThanInclusive，可加修饰符前缀 someFact:/,
      /^Unknown operator "atLeast"; use one of equal, .*someFact:/,
    ],
    ['operator with an unknown decorator', '/vetoes/0/conditions/operator', (r) => (r.vetoes[0].conditions.operator = 'sometimes:greaterThan'), /未知的运算符 "sometimes:greaterThan"/, /Unknown operator/],
    ['extends without a version', '/extends', (r) => (r.extends = 'bz-common'), /^继承 "bz-common" 无效，应写作 <规则集标识>@<版本号>，例如 "bz-common@1"$/, /must read <ruleset id>@<version>/],
    ['an empty condition group', '/criteria/0/conditions/all', (r) => (r.criteria[0].conditions = { all: [] }), /不应少于 1 个项/, /must NOT have fewer than 1 items/],
    ['minScore mode without minScore', '/pass/minScore', (r) => (r.pass = { mode: 'minScore' }), /必需属性 minScore/, /required property 'minScore'/],
    ['malformed date', '/effectiveFrom', (r) => (r.effectiveFrom = '2024/09/01'), /^日期 "2024\/09\/01" 无效，应为 YYYY-MM-DD 格式的有效日期$/, /"2024\/09\/01" is not a valid date \(YYYY-MM-DD\)/],
    ['impossible date (30 February)', '/effectiveTo', (r) => (r.effectiveTo = '2024-02-30'), /日期 "2024-02-30" 无效/, /not a valid date/],
    ['29 February of a common year in a test case', '/tests/0/asOf', (r) => (r.tests = [{ id: 't1', title: { zh: '例' }, asOf: '2023-02-29', applicant: {}, expect: { eligible: true } }]), /日期 "2023-02-29" 无效/, /not a valid date/],
    ['bracket item without brackets', '/scoring/categories/2/items/0/brackets', (r) => delete r.scoring.categories[2].items[0].brackets, /必需属性 brackets/, /required property 'brackets'/],
    ['perUnit item without pointsEach', '/scoring/categories/1/items/0/pointsEach', (r) => delete r.scoring.categories[1].items[0].pointsEach, /必需属性 pointsEach/, /required property 'pointsEach'/],
    ['lookup item with a field of another item type', '/scoring/categories/0/items/0', (r) => (r.scoring.categories[0].items[0].pointsEach = 1), /额外的属性 \(pointsEach\)/, /additional properties \(pointsEach\)/],
    ['condition leaf without value', '/criteria/0/conditions/any/0/all/0/value', (r) => delete r.criteria[0].conditions.any[0].all[0].value, /必需属性 value/, /required property 'value'/],
    ['enum fact without options', '/facts/1/options', (r) => delete r.facts[1].options, /必需属性 options/, /required property 'options'/],
    ['sum without the field to sum', '/derived/1/field', (r) => (r.derived[1].op = 'sum'), /必需属性 field/, /required property 'field'/],
    ['unknown fact type', '/facts/0/type', (r) => (r.facts[0].type = 'text'), /预设定的枚举值之一 \("number", "integer"/, /allowed values/],
    [
      'a shared condition reference in a group',
      '/criteria/0/conditions/any/1/all/1',
      (r) => (r.criteria[0].conditions.any[1].all[1] = { condition: 'seniorEnough' }),
      /^不支持共享条件引用 \{"condition": "seniorEnough"\}（json-rules-engine 的 setCondition）：规则文件中没有可引用的共享条件。请把条件直接写出/,
      /^Shared condition references \{"condition": "seniorEnough"\} .* are not supported.*Write the condition out/,
    ],
    ['a shared condition reference as a whole tree', '/vetoes/0/conditions', (r) => (r.vetoes[0].conditions = { condition: 'disciplined' }), /不支持共享条件引用/, /not supported/],
    [
      'a JSONPath beyond the simple forms',
      '/criteria/0/conditions/any/1/all/1/path',
      (r) => (r.criteria[0].conditions.any[1].all[1].path = '$..level'),
      /^路径 "\$\.\.level" 不受支持。只支持由 \.字段名 和 \[序号\] 组成的简单路径.*"\$\.level"、"\$\.unit\.level"、"\$\[0\]\.year".*不支持 \*、\.\.、\[\?\(\.\.\.\)\]/,
      /^The path "\$\.\.level" is not supported\. Paths are simple: \$ followed by \.field and \[index\] steps/,
    ],
    ['a wildcard in the path of a fact reference', '/vetoes/0/conditions/value/path', (r) => (r.vetoes[0].conditions.value = { fact: 'papers', path: '$[*].year' }), /路径 "\$\[\*\]\.year" 不受支持/, /not supported/],
  ])('%s → pointer %j', (_name, pointer, edit, zh, en) => {
    const r = mini();
    edit(r);
    const issues = validateRuleset(r, FILE);
    expect(issues).toHaveLength(1);
    const [found] = issues;
    expect(found).toMatchObject({ code: 'SCHEMA', severity: 'error', pointer, file: FILE });
    expect(found!.message.zh).toMatch(zh);
    expect(found!.message.en).toMatch(en);
  });

  it('reports every independent mistake, each at its own pointer', () => {
    const r: any = mini();
    delete r.title;
    r.criteria[0].conditions.any[1].all[1].operator = 'atLeast';
    r.scoring.categories[2].items[0].brackets[1].points = 'four';
    expect(validateRuleset(r).map((i) => i.pointer).sort()).toEqual([
      '/criteria/0/conditions/any/1/all/1/operator',
      '/scoring/categories/2/items/0/brackets/1/points',
      '/title',
    ]);
  });

  it('a valid ruleset has no issues', () => {
    expect(validateRuleset(mini(), FILE)).toEqual([]);
  });

  it('formatIssue prints file, pointer, level and code for the CLI', () => {
    const r: any = mini();
    r.version = 0;
    const [found] = validateRuleset(r, FILE);
    expect(formatIssue(found!)).toBe(`${FILE} /version: 错误 [SCHEMA] ${found!.message.zh}`);
    expect(formatIssue(found!, 'en')).toBe(`${FILE} /version: error [SCHEMA] ${found!.message.en}`);
  });
});

describe('parseRulesetText: the text of a rule file', () => {
  it.each([
    ['a doubled comma', '{\n  "id": "x",\n  "version": 1,,\n}', 3, 16],
    ['an unclosed object', '{"id": "x"', 1, 11],
    ['a trailing comma in an array', '{\n"basis": [\n  1,\n]\n}', 4, 1],
    ['a trailing comma in an object', '{\n  "id": "x",\n}', 3, 1],
    ['a misspelt literal', '{\n  "required": tru\n}', 2, 15],
    ['an unquoted key', '{\n  id: "x"\n}', 2, 3],
    ['a comment', '{\n  // 示例\n  "id": "x"\n}', 2, 3],
    ['a line break inside a string', '{\n  "title": "a\nb"\n}', 2, 14],
  ])('malformed JSON (%s) is reported with line and column', (_name, text, line, column) => {
    const { ruleset, issues } = parseRulesetText(text, 'v1.json');
    expect(ruleset).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'JSON_PARSE', pointer: '', file: 'v1.json' });
    expect(issues[0]!.message.zh).toContain(`JSON 格式错误：第 ${line} 行第 ${column} 列`);
    expect(issues[0]!.message.en).toContain(`Malformed JSON at line ${line}, column ${column}`);
    expect(issues[0]!.message.zh).not.toContain('\n');
  });

  it('positions count from after a byte-order mark', () => {
    const { issues } = parseRulesetText('\uFEFF{"id": "x",}', 'v1.json');
    expect(issues[0]!.message.zh).toContain('第 1 行第 12 列');
  });

  it.each([[''], ['   \n\t\n']])('empty text %j says 文件为空', (text) => {
    const { ruleset, issues } = parseRulesetText(text, 'v1.json');
    expect(ruleset).toBeUndefined();
    expect(issues).toEqual([{ code: 'JSON_PARSE', severity: 'error', pointer: '', file: 'v1.json', message: { zh: '文件为空', en: 'The file is empty' } }]);
  });

  it('well-formed JSON that breaks the schema gives schema issues, not a ruleset', () => {
    const r: any = mini();
    delete r.department;
    const { ruleset, issues } = parseRulesetText(JSON.stringify(r), 'v1.json');
    expect(ruleset).toBeUndefined();
    expect(issues.map((i) => [i.code, i.pointer, i.file])).toEqual([['SCHEMA', '/department', 'v1.json']]);
  });

  it('a byte-order mark does not break parsing, and a valid file gives the ruleset', () => {
    const text = '\uFEFF' + JSON.stringify(mini(), null, 2);
    const { ruleset, issues } = parseRulesetText(text, 'v1.json');
    expect(issues).toEqual([]);
    expect(ruleset?.id).toBe('mini');
  });
});
