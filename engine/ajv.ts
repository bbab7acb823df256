// One Ajv instance for the engine: the ruleset schema and every facts catalogue
// compile against it, once each.
import Ajv from 'ajv';
import { isValidDate } from './dates';

export const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addFormat('date', { type: 'string', validate: (s: string) => isValidDate(s) });
