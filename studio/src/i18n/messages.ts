// Every section, merged per language. A feature adds its section here.
import admin from './sections/admin';
import core from './sections/core';
import editor from './sections/editor';
import editorState from './sections/editor-state';
import editorBasis from './sections/editor-basis';
import editorFacts from './sections/editor-facts';
import editorDerived from './sections/editor-derived';
import editorTemplates from './sections/editor-templates';
import editorApplicantForm from './sections/editor-applicant-form';
import editorCompatibility from './sections/editor-compatibility';
import evaluations from './sections/evaluations';
import experts from './sections/experts';
import holders from './sections/holders';
import inbox from './sections/inbox';
import publicity from './sections/publicity';
import quotas from './sections/quotas';
import runs from './sections/runs';
import rulesetsCreate from './sections/rulesets-create';
import sessions from './sections/sessions';
import type { Messages, Section } from './section';

export const SECTIONS: Section[] = [core, admin, runs, editor, editorFacts, editorDerived, editorTemplates, editorBasis, editorApplicantForm, evaluations, quotas, experts, sessions, publicity, holders, rulesetsCreate, editorState, inbox, editorCompatibility];

function merge(language: keyof Section): Messages {
  const merged: Messages = {};
  for (const section of SECTIONS) {
    for (const [key, value] of Object.entries(section[language])) {
      if (key in merged) throw new Error(`i18n: the top-level key "${key}" is defined by two sections`);
      merged[key] = value;
    }
  }
  return merged;
}

export const messages = { 'zh-CN': merge('zh'), en: merge('en') };
