// The top-level help: what each command does, in the user's language.
import { text } from '../io/text';

export const mainUsage = text(
  [
    '评审 Pingshen —— 职称评审规则引擎命令行',
    '',
    '用法：pingshen <命令> [参数]    （npm run pingshen -- <命令> ...）',
    '',
    '命令：',
    '  validate <文件或目录>      校验规则文件（结构、引用、继承）',
    '  test <文件或目录>          运行规则文件内嵌的测试用例',
    '  evaluate --ruleset <文件> --applicants <文件>   批量评审（.json/.csv/.xlsx）',
    '  explain --ruleset <文件> --applicant <文件>     逐条说明一个申报人的评审结果',
    '  diff <旧版本> <新版本>     列出两个版本的规则差异',
    '  demo                       检查并测试全部规则，批量评审样例申报人（npm start）',
    '  audit verify|export [--data-dir data]   校验或导出审计日志（哈希链）',
    '  export --data <目录> --out <目录> [--status published]   把已发布的规则集版本写成 rules/ 结构的文件',
    '',
    '通用选项：--lang zh|en 输出语言；--help 查看命令帮助。设置 PINGSHEN_DEBUG=1 可查看内部错误的调用栈。',
  ].join('\n'),
  [
    'Pingshen — professional-title evaluation rules engine, command line',
    '',
    'Usage: pingshen <command> [arguments]    (npm run pingshen -- <command> ...)',
    '',
    'Commands:',
    '  validate <file or dir>     check rule files (schema, references, extends)',
    '  test <file or dir>         run the test cases embedded in rule files',
    '  evaluate --ruleset <file> --applicants <file>   evaluate a batch (.json/.csv/.xlsx)',
    '  explain --ruleset <file> --applicant <file>     explain one applicant\'s result clause by clause',
    '  diff <old> <new>           list the differences between two versions',
    '  demo                       check and test every ruleset, evaluate the sample applicants (npm start)',
    '  audit verify|export [--data-dir data]   verify or export the audit log (hash chain)',
    '  export --data <dir> --out <dir> [--status published]   write the published ruleset versions as files in the rules/ layout',
    '',
    'Everywhere: --lang zh|en output language; --help for a command\'s help. Set PINGSHEN_DEBUG=1 to see stacks of internal errors.',
  ].join('\n'),
);
