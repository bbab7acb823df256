// The fact types of the format and which properties each one takes, so the facts
// editor shows only the fields that mean something for a type and a change of type
// leaves no property behind that the schema (or the applicant check) would misread.
import type { FactDef, FactType } from '../../../../engine/index';

export const FACT_TYPES: readonly FactType[] = ['number', 'integer', 'boolean', 'string', 'enum', 'set', 'date', 'record', 'array'];

/** A range (min/max) and a unit apply to numbers. */
export const hasRange = (type: FactType) => type === 'number' || type === 'integer';
export const hasMaxLength = (type: FactType) => type === 'string';
export const hasOptions = (type: FactType) => type === 'enum' || type === 'set';
export const hasFields = (type: FactType) => type === 'record' || type === 'array';

/** The definition with another type: properties the new type does not take are dropped, options or fields it needs start empty. */
export function retype(fact: FactDef, type: FactType): FactDef {
  const next: FactDef = { ...fact, type };
  if (!hasRange(type)) {
    delete next.min;
    delete next.max;
    delete next.unit;
  }
  if (!hasMaxLength(type)) delete next.maxLength;
  if (hasOptions(type)) next.options = fact.options ?? [];
  else delete next.options;
  if (hasFields(type)) next.fields = fact.fields ?? [];
  else delete next.fields;
  return next;
}

/** A new definition of `type`, not required (a new required fact would refuse every applicant file made before it). */
export function newFact(id: string, label: { zh: string; en?: string }, type: FactType, unit?: { zh: string; en?: string }): FactDef {
  const fact = retype({ id, label: label.en ? { zh: label.zh, en: label.en } : { zh: label.zh }, type }, type);
  if (unit?.zh && hasRange(type)) fact.unit = unit.en ? { zh: unit.zh, en: unit.en } : { zh: unit.zh };
  return fact;
}
