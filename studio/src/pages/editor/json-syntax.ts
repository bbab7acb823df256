// A JSON syntax error in the JSON view, said in the reader's language: where (line
// and column, found by the engine's scanner when V8 does not say) and what is wrong
// in words. V8's own message is English; Chinese readers get a translation of the
// kinds it reports (and a plain "格式不正确" for any other engine's wording).
import { jsonErrorPosition } from '../../../../engine/json-position';

type Text = { zh: string; en: string };

const KINDS: Array<[RegExp, (m: RegExpExecArray) => Text]> = [
  [/^Unexpected end of JSON input/, () => ({ zh: '内容在结尾处中断，可能缺少右括号“}”“]”或引号', en: 'the text ends too early: a closing bracket or quote may be missing' })],
  [/^Unexpected token '?(.)'?/, (m) => ({ zh: `此处不应出现“${m[1]}”（多余的逗号、缺少引号，或值没有用双引号括起）`, en: `unexpected “${m[1]}” (an extra comma, a missing quote, or an unquoted value)` })],
  [/^Expected double-quoted property name/, () => ({ zh: '此处应为用双引号括起的属性名（可能多了一个逗号）', en: 'a property name in double quotes is expected here (perhaps an extra comma)' })],
  [/^Expected property name or '}'/, () => ({ zh: '此处应为用双引号括起的属性名或“}”', en: 'a property name in double quotes or “}” is expected here' })],
  [/^Expected ',' or '}' after property value/, () => ({ zh: '属性值之后应为逗号“,”或“}”（可能缺少逗号）', en: '“,” or “}” is expected after a property value (perhaps a missing comma)' })],
  [/^Expected ',' or ']' after array element/, () => ({ zh: '数组元素之后应为逗号“,”或“]”（可能缺少逗号）', en: '“,” or “]” is expected after an array element (perhaps a missing comma)' })],
  [/^Expected ':' after property name/, () => ({ zh: '属性名之后应为冒号“:”', en: '“:” is expected after a property name' })],
  [/^Unterminated string/, () => ({ zh: '字符串缺少结尾的双引号', en: 'a string has no closing double quote' })],
  [/^Bad control character in string literal/, () => ({ zh: '字符串中不能直接换行或使用制表符，请写作 \\n 或 \\t', en: 'a string cannot hold a raw line break or tab; write \\n or \\t' })],
  [/^Bad Unicode escape/, () => ({ zh: '无效的 \\u 转义，\\u 之后应为 4 位十六进制数', en: 'an invalid \\u escape: \\u takes 4 hexadecimal digits' })],
  [/^Bad escaped character/, () => ({ zh: '无效的转义字符（反斜杠“\\”之后只能是 " \\ / b f n r t u）', en: 'an invalid escape (a backslash may only be followed by " \\ / b f n r t u)' })],
  [/^Unexpected non-whitespace character after JSON/, () => ({ zh: 'JSON 已经结束，之后还有多余的内容', en: 'there is more text after the end of the JSON' })],
  [/^(No number after minus sign|Unterminated fractional number|Exponent part is missing a number)/, () => ({ zh: '数字格式不正确', en: 'a malformed number' })],
];

/** The issue text of a JSON.parse failure of `text`: `JSON 格式错误：第 L 行第 C 列，…` (the JSON view finds the place by that wording). */
export function jsonSyntaxMessage(text: string, err: unknown): Text {
  const raw = String((err as Error)?.message ?? err).replace(/\s+/g, ' ');
  if (text.trim() === '') return { zh: 'JSON 格式错误：内容为空', en: 'Malformed JSON: the text is empty' };
  const pos = jsonErrorPosition(text, raw);
  let what: Text = { zh: '格式不正确', en: raw };
  for (const [pattern, describe] of KINDS) {
    const m = pattern.exec(raw);
    if (m) {
      what = describe(m);
      break;
    }
  }
  return {
    zh: `JSON 格式错误${pos ? `：第 ${pos.line} 行第 ${pos.column} 列` : ''}，${what.zh}`,
    en: `Malformed JSON${pos ? ` at line ${pos.line}, column ${pos.column}` : ''}: ${what.en}`,
  };
}
