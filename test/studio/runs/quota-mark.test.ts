// The 单位推荐 cell of the run results: recommended or over quota with the place in
// the unit and its posts; nothing for applicants who do not contend.
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../../studio/src/i18n/index';
import QuotaMarkTag from '../../../studio/src/pages/runs/QuotaMarkTag.vue';

const cell = (mark: { posts: number; position: number | null; recommended: boolean } | undefined) => {
  setLocale('zh-CN');
  return mount(QuotaMarkTag, { props: { mark }, global: { plugins: [ElementPlus, i18n] } });
};

describe('quota mark', () => {
  it('says 推荐 within the posts and 超出职数 beyond them, with place and posts', () => {
    expect(cell({ posts: 2, position: 1, recommended: true }).get('[data-test="quota-recommended"]').text()).toBe('推荐单位第 1 位 / 核定 2 个');
    expect(cell({ posts: 2, position: 3, recommended: false }).get('[data-test="quota-over"]').text()).toContain('超出职数');
    expect(cell({ posts: 0, position: 1, recommended: false }).get('[data-test="quota-over"]').text()).toContain('核定 0 个');
  });

  it('shows a dash for non-contenders and rows without a mark', () => {
    expect(cell({ posts: 2, position: null, recommended: false }).text()).toBe('—');
    expect(cell(undefined).text()).toBe('—');
  });
});
