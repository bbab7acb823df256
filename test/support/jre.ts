// json-rules-engine's own operators and path resolution, called directly: what a
// single leaf means according to the library that defines conditions.
import { Almanac, Engine } from 'json-rules-engine';

interface JreOperator {
  name: string;
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

const operators = (new Engine([], { allowUndefinedFacts: true }) as unknown as { operators: { get(name: string): JreOperator | null } }).operators;

/** json-rules-engine's operator by name (decorators included); it may throw on a value of the wrong shape. */
export function jreOperator(name: string): JreOperator {
  const op = operators.get(name);
  if (!op) throw new Error(`json-rules-engine has no operator ${name}`);
  return op;
}

/** What json-rules-engine reads for `fact` + `path` (jsonpath-plus, as its almanac does). */
export async function jrePath(value: unknown, path: string): Promise<unknown> {
  const almanac = new Almanac({ allowUndefinedFacts: true });
  almanac.addRuntimeFact('f', value);
  return almanac.factValue('f', {}, path);
}
