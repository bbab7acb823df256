// `pingshen validate` and `pingshen test`, run as a user runs them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_RULES, MINI, runCli, STACK, tempDir } from './support/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => dir.remove());

// Each test spawns its own CLI process; they are independent, so they run side by side.
describe.concurrent('validate', () => {
  it('a valid file: exit 0, a summary last line', async () => {
    const run = await runCli(['validate', MINI]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 个规则文件，0 个错误，0 个警告');
  });

  it('a directory: every v<N>.json under it, extends resolved within rules/', async () => {
    const run = await runCli(['validate', CLI_RULES, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(cli-child@1)');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 rule files, 0 errors, 0 warnings');
  });

  it('malformed JSON: the line and column, exit 1, no stack', async () => {
    const file = dir.file('v1.json');
    await writeFile(file, '{\n  "id": "x",\n  "version": 1\n  "title": { "zh": "x" }\n}\n');
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/v1\.json \/: 错误 \[JSON_PARSE\] JSON 格式错误：第 4 行第 3 列/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 个规则文件，1 个错误，0 个警告');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('a schema error names the JSON pointer', async () => {
    const mini = JSON.parse(await readFile(MINI, 'utf8'));
    mini.criteria[0].conditions.any[1].all[1].operator = 'atLeast';
    const file = dir.file('schema-error.json');
    await writeFile(file, JSON.stringify(mini, null, 2));
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/criteria/0/conditions/any/1/all/1/operator: 错误 [SCHEMA] 未知的运算符 "atLeast"');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('lint errors (an undeclared fact) fail; a missing extends target is an error', async () => {
    const mini = JSON.parse(await readFile(MINI, 'utf8'));
    mini.vetoes[0].conditions.fact = 'penalties';
    mini.extends = 'nowhere@1';
    const file = dir.file('lint.json');
    await writeFile(file, JSON.stringify(mini));
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/vetoes/0/conditions/fact: 错误 [UNDECLARED_FACT]');
    expect(run.stdout).toContain('/extends: 错误 [EXTENDS_MISSING] 找不到被继承的规则集 nowhere@1');
  });

  it('sample applicants beside rule files are not rule files', async () => {
    const rules = join(dir.path, 'rules', 'hrss', 'mini');
    await mkdir(rules, { recursive: true });
    await writeFile(join(rules, 'v1.json'), await readFile(MINI));
    await writeFile(join(dir.path, 'rules', 'applicants.json'), '[{"id": "A1"}]');
    const run = await runCli(['validate', join(dir.path, 'rules')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 个规则文件');
  });

  it('a path that does not exist: exit 1, one line', async () => {
    const run = await runCli(['validate', dir.file('nope')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^错误：找不到文件或目录：/);
  });

  it('usage errors exit 2', async () => {
    const run = await runCli(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('缺少要校验的规则文件或目录');
  });
});

describe.concurrent('test', () => {
  it('runs embedded cases through extends; the last line is "N passed, M failed"', async () => {
    const run = await runCli(['test', CLI_RULES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ cli-child@1');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('a failing case is listed with what did not hold, exit 1', async () => {
    const rules = join(dir.path, 'failing', 'rules');
    await mkdir(join(rules, 'hrss', 'cli-base'), { recursive: true });
    await mkdir(join(rules, 'education', 'cli-child'), { recursive: true });
    await writeFile(join(rules, 'hrss', 'cli-base', 'v1.json'), await readFile(join(CLI_RULES, 'hrss/cli-base/v1.json')));
    const child = JSON.parse(await readFile(join(CLI_RULES, 'education/cli-child/v1.json'), 'utf8'));
    child.tests[0].expect.score = 99;
    await writeFile(join(rules, 'education', 'cli-child', 'v1.json'), JSON.stringify(child));
    const run = await runCli(['test', rules, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ child-pass');
    expect(run.stdout).toContain('score: expected 99, got 12');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('an invalid file fails the run and still ends with the count line', async () => {
    const file = dir.file('v9.json');
    await writeFile(file, '{ "id": ');
    const run = await runCli(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[JSON_PARSE]');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('0 passed, 0 failed');
  });
});
