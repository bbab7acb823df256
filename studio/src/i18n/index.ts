// Chinese first, English switchable; the choice is remembered in the browser.
// Messages live per feature in sections/ (both languages side by side); server messages arrive
// already translated as { zh, en } and are picked with `localText`.
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { messages } from './messages';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'pingshen.locale';

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elementEn : elementZhCn));

/** Pick the current language from a server or engine text. */
export function localText(text: { zh: string; en?: string } | string | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return i18n.global.locale.value === 'en' ? (text.en ?? text.zh) : text.zh;
}
