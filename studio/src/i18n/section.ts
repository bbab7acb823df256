// Messages come in sections, one per feature (sections/<feature>.ts), each holding
// both languages side by side so a key is never added to one and forgotten in the
// other (test/studio/i18n.test.ts checks the keys match).
export type Messages = { [key: string]: string | Messages };

export interface Section {
  zh: Messages;
  en: Messages;
}
