// Every message exists in both languages: a key missing in English would show the
// raw key to an English reader, and the other way round to a Chinese one.
import { describe, expect, it } from 'vitest';
import en from '../../studio/src/i18n/en';
import zhCN from '../../studio/src/i18n/zh-CN';

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function leaves(messages: object): string[] {
  return Object.values(messages).flatMap((value) => (typeof value === 'object' && value !== null ? leaves(value) : [String(value)]));
}

describe('studio messages', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('speaks Chinese in the Chinese messages and no empty text in either', () => {
    const chinese = leaves(zhCN);
    expect(chinese.filter((text) => text.trim() === '')).toEqual([]);
    expect(leaves(en).filter((text) => text.trim() === '')).toEqual([]);
    // Product names and codes may be Latin; most messages must carry Chinese characters.
    const withHan = chinese.filter((text) => /\p{Script=Han}/u.test(text)).length;
    expect(withHan / chinese.length).toBeGreaterThan(0.9);
  });
});
