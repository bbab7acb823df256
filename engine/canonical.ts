// Canonical JSON: keys sorted, no insignificant whitespace. It makes a content hash
// independent of key order and formatting, so the same rules always hash the same.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

// Strings without quotes, backslashes, control characters or surrogates print as
// themselves between quotes; only the rest need JSON.stringify's escaping.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return String(value); // the same digits JSON.stringify prints
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null'; // undefined, functions and symbols, as inside JSON arrays
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const { keys, quoted } = sortedKeysOf(obj);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]!];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += quoted[i]! + canonicalJson(v);
  }
  return out + '}';
}

// Records of one kind share their keys in one order, so the sorted order and the
// quoted keys are worked out once per distinct key list. Key lists are compared key by
// key (Object.keys gives interned strings, so each comparison is cheap) against the few
// shapes an applicant has; the list is bounded and never changes the output.
interface Shape {
  own: string[];
  keys: string[];
  quoted: string[];
}
const MAX_SHAPES = 64;
const shapes: Shape[] = [];

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortedKeysOf(obj: Record<string, unknown>): Shape {
  const own = Object.keys(obj);
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (sameKeys(shape.own, own)) return shape;
  }
  const keys = [...own].sort();
  const shape = { own, keys, quoted: keys.map((k) => quote(k) + ':') };
  if (shapes.length >= MAX_SHAPES) shapes.pop();
  shapes.unshift(shape);
  return shape;
}

/** Pure-JS sha256 (runs in browsers); hosts may pass a native one with the same output. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export type Sha256Hex = (text: string) => string;
