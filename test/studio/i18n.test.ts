// Every message exists in both languages: a key missing in English would show the
// raw key to an English reader, and the other way round to a Chinese one.
import { describe, expect, it } from 'vitest';
import { SECTIONS, messages } from '../../studio/src/i18n/messages';
import type { Messages } from '../../studio/src/i18n/section';

function keys(tree: Messages, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

function leaves(tree: Messages): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'object' ? leaves(value) : [value]));
}

describe('studio messages', () => {
  it.each(SECTIONS.map((section) => [Object.keys(section.zh).join(', '), section] as const))('section %s has the same keys in Chinese and English', (_name, section) => {
    expect(keys(section.en).sort()).toEqual(keys(section.zh).sort());
  });

  it('speaks Chinese in the Chinese messages and has no empty text in either', () => {
    const chinese = leaves(messages['zh-CN']);
    expect(chinese.filter((text) => text.trim() === '')).toEqual([]);
    expect(leaves(messages.en).filter((text) => text.trim() === '')).toEqual([]);
    // Product names and codes may be Latin; nearly every message must carry Chinese characters.
    const withHan = chinese.filter((text) => /\p{Script=Han}/u.test(text)).length;
    expect(withHan / chinese.length).toBeGreaterThan(0.9);
  });
});
