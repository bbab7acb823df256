// The string formats the ruleset schema uses, shared by the runtime Ajv instance
// (engine/ajv.ts) and the precompiled validator, which imports them by name.
import { isValidDate } from '../dates';

export const rulesetFormats = {
  date: { type: 'string' as const, validate: (s: string) => isValidDate(s) },
};
