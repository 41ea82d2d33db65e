/** What a schema node says, read leniently: any keyword may be missing or malformed. */
import { isSchema, JsonSchema } from '../schema';

const JSON_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null']);

/** The JSON types a schema allows, or undefined when it does not say (untyped, preserve-unknown-fields alone). */
export function typesOf(schema: JsonSchema): string[] | undefined {
  if (schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string') return ['integer', 'string'];
  const type = schema.type;
  if (typeof type === 'string') return JSON_TYPES.has(type) ? [type] : undefined;
  if (Array.isArray(type)) {
    const known = type.filter((t): t is string => typeof t === 'string' && JSON_TYPES.has(t));
    return known.length > 0 ? known : undefined;
  }
  // `oneOf: [{type: string}, {type: integer}]` (IntOrString, Quantity as cdk8s writes them) is a type, not a choice.
  for (const keyword of ['oneOf', 'anyOf']) {
    const members = schema[keyword];
    if (Array.isArray(members) && isTypeUnion(members)) return members.map((m) => (m as JsonSchema).type as string);
  }
  return undefined;
}

export function isTypeUnion(members: readonly unknown[]): boolean {
  return members.length > 0 && members.every((m) => isSchema(m) && typeof m.type === 'string' && JSON_TYPES.has(m.type) && Object.keys(m).every((k) => k === 'type' || k === 'format' || k === 'description'));
}

/** `anyOf: [{required: [a]}, {required: [b]}]` and the protobuf-oneof shape around it: the fields it names. */
export function requiredNames(options: readonly unknown[]): string[] | undefined {
  const names: string[] = [];
  const collect = (s: unknown): boolean => {
    if (!isSchema(s)) return false;
    const keys = Object.keys(s);
    if (keys.length === 1 && Array.isArray(s.required)) {
      names.push(...s.required.filter((r): r is string => typeof r === 'string'));
      return true;
    }
    if (keys.length === 1 && isSchema(s.not)) return collect(s.not);
    if (keys.length === 1 && Array.isArray(s.anyOf)) return s.anyOf.every(collect);
    return false;
  };
  if (!options.every(collect)) return undefined;
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique : undefined;
}

export function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The definition id of an OpenAPI `$ref` (`#/definitions/X`, `#/components/schemas/X`). */
export function definitionId(ref: string): string | undefined {
  const match = /^#\/(?:definitions|components\/schemas)\/(.+)$/.exec(ref);
  return match ? decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** Kubernetes' resource.Quantity pattern, which reads better as what it means. */
export function isQuantityPattern(pattern: string): boolean {
  return pattern.includes('[KMGTPE]i') && pattern.includes('[numkMGTPE]');
}

const patterns = new Map<string, RegExp | null>();

/** The schema's pattern as a JavaScript RegExp; null when RE2 syntax has no JavaScript equivalent (then unchecked). */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = null;
    for (const flags of ['u', '']) {
      try {
        compiled = new RegExp(pattern, flags);
        break;
      } catch {
        // try without the unicode flag, then give up on this pattern
      }
    }
    patterns.set(pattern, compiled);
  }
  return compiled;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}

/** JSON with sorted keys: equal for equal values whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}
