// One Ajv instance for the engine: every facts catalogue compiles against it, once
// each (the ruleset schema is precompiled: engine/schema/ruleset-validator.generated.ts).
import Ajv from 'ajv';
import { rulesetFormats } from './schema/formats';

export const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addFormat('date', rulesetFormats.date);
