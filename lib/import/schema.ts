import { LiteralValue, PropertyDef, TypeRef } from './model';
import { nameSegment, propertyKeys } from './names';

/** A JSON schema object as found in a CRD or an OpenAPI document; nothing about it is trusted. */
export type JsonSchema = { readonly [key: string]: unknown };

export const UNKNOWN: TypeRef = { kind: 'primitive', name: 'unknown' };
const STRING: TypeRef = { kind: 'primitive', name: 'string' };
const NUMBER: TypeRef = { kind: 'primitive', name: 'number' };
const BOOLEAN: TypeRef = { kind: 'primitive', name: 'boolean' };
const NULL: TypeRef = { kind: 'primitive', name: 'null' };
/** An object whose keys the schema leaves open (preserve-unknown-fields, `type: object` alone). */
export const OPEN_OBJECT: TypeRef = { kind: 'map', values: UNKNOWN };

/** What the converter needs from the source it reads: where problems go, how `$ref` resolves, where structs live. */
export interface SchemaHost {
  warn(schemaPath: string, message: string, fix?: string): void;
  /** Resolves a `$ref` (OpenAPI), or reports that the source does not allow one (CRDs). */
  ref(ref: string, schemaPath: string): TypeRef;
  /** Declares an interface named after `hint` (made unique); `build` receives the final name. */
  struct(hint: string, build: (name: string) => { properties: PropertyDef[]; extra?: TypeRef; description?: string }): TypeRef;
  /** The shared `IntOrString` or `Quantity` alias. */
  intOrString(quantity: boolean): TypeRef;
}

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts a schema to a type; never throws: anything it cannot type becomes `unknown` with a warning. */
export function schemaType(schema: unknown, hint: string, path: string, host: SchemaHost): TypeRef {
  if (schema === true || schema === undefined) return UNKNOWN;
  if (!isSchema(schema)) {
    host.warn(path, 'is not a schema object', 'fix the schema; the field is typed as unknown');
    return UNKNOWN;
  }
  const base = baseType(schema, hint, path, host);
  return schema.nullable === true || schema['x-nullable'] === true ? union([base, NULL]) : base;
}

function baseType(s: JsonSchema, hint: string, path: string, host: SchemaHost): TypeRef {
  if (typeof s.$ref === 'string') return host.ref(s.$ref, `${path}.$ref`);
  if (s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string') return host.intOrString(isQuantity(s));
  if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every(isLiteral)) {
    return { kind: 'literals', values: [...new Set(s.enum as LiteralValue[])] };
  }
  const type = s.type;
  if (Array.isArray(type)) return union(type.map((t) => baseType({ ...s, type: t }, hint, path, host)));
  switch (type) {
    case 'string':
      return STRING;
    case 'integer':
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'null':
      return NULL;
    case 'array':
      return arrayType(s, hint, path, host);
    case 'object':
      return objectType(s, hint, path, host);
    case undefined:
      return untypedType(s, hint, path, host);
    default:
      host.warn(`${path}.type`, `is not a JSON schema type, got ${JSON.stringify(type)}`, 'use string, integer, number, boolean, array or object');
      return UNKNOWN;
  }
}

/** No `type`: structural schemas infer it from properties/items; `anyOf`/`oneOf` of typed members form a union. */
function untypedType(s: JsonSchema, hint: string, path: string, host: SchemaHost): TypeRef {
  if (isSchema(s.properties) || isSchema(s.additionalProperties) || s.additionalProperties === true) return objectType(s, hint, path, host);
  if (s.items !== undefined) return arrayType(s, hint, path, host);
  if (Array.isArray(s.allOf)) {
    const members = s.allOf.filter(isSchema);
    if (members.length === 1) return schemaType(members[0], hint, `${path}.allOf[0]`, host);
    if (members.length > 1 && members.every((m) => isSchema(m.properties) && m.$ref === undefined)) {
      const properties = Object.assign({}, ...members.map((m) => m.properties as JsonSchema));
      const required = members.flatMap((m) => (Array.isArray(m.required) ? m.required : []));
      return objectType({ type: 'object', properties, required }, hint, path, host);
    }
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const list = s[keyword];
    if (!Array.isArray(list)) continue;
    // Members that only state `required` or `not` validate; they declare no type (the structural-schema rule).
    const typed = list.map((m, i) => [m, i] as const).filter(([m]) => isSchema(m) && declaresType(m));
    if (typed.length > 0) return union(typed.map(([m, i]) => schemaType(m, hint, `${path}.${keyword}[${i}]`, host)));
  }
  return UNKNOWN;
}

function declaresType(s: JsonSchema): boolean {
  return ['type', '$ref', 'properties', 'items', 'enum', 'additionalProperties', 'allOf', 'oneOf', 'anyOf'].some((k) => s[k] !== undefined) || s['x-kubernetes-int-or-string'] === true;
}

function arrayType(s: JsonSchema, hint: string, path: string, host: SchemaHost): TypeRef {
  if (Array.isArray(s.items)) {
    // Tuple form (`items: [a, b]`): any of the listed item types.
    return { kind: 'array', items: union(s.items.map((item, i) => schemaType(item, hint, `${path}.items[${i}]`, host))) };
  }
  return { kind: 'array', items: schemaType(s.items ?? true, hint, `${path}.items`, host) };
}

function objectType(s: JsonSchema, hint: string, path: string, host: SchemaHost): TypeRef {
  const properties = isSchema(s.properties) ? Object.entries(s.properties) : [];
  const open = s['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = s.additionalProperties;
  if (properties.length === 0) {
    if (isSchema(additional)) return { kind: 'map', values: schemaType(additional, hint, `${path}.additionalProperties`, host) };
    return OPEN_OBJECT;
  }
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  return host.struct(hint, (name) => {
    const keys = propertyKeys(properties.map(([wire]) => wire));
    const defs = properties.map(([wire, schema], i) => propertyDef(wire, keys[i], schema, required.has(wire), `${name}${nameSegment(wire)}`, `${path}.properties.${wire}`, host));
    // Keys the schema does not list: kept open for preserve-unknown-fields and additionalProperties.
    const extra = open || additional === true || isSchema(additional) ? UNKNOWN : undefined;
    return { properties: defs, extra, description: describe(s) };
  });
}

export function propertyDef(wire: string, name: string, schema: unknown, required: boolean, hint: string, path: string, host: SchemaHost): PropertyDef {
  const type = schemaType(schema, hint, path, host);
  const s = isSchema(schema) ? schema : {};
  return { wire, name, type, required, description: describe(s), default: s.default, notes: notes(s) };
}

export function describe(s: JsonSchema): string | undefined {
  return typeof s.description === 'string' && s.description.trim() !== '' ? s.description.trim() : undefined;
}

/** Validation facts worth reading in the editor: the rules the API server applies that the type cannot say. */
function notes(s: JsonSchema): string[] {
  const out: string[] = [];
  const listType = s['x-kubernetes-list-type'];
  const keys = s['x-kubernetes-list-map-keys'];
  if (listType === 'map' && Array.isArray(keys)) out.push(`List map: entries are unique by ${keys.map((k) => `\`${String(k)}\``).join(', ')} and merged by ${keys.length > 1 ? 'them' : 'it'} on server-side apply.`);
  else if (listType === 'set') out.push('List set: entries are unique.');
  if (typeof s.format === 'string' && s.format !== 'int-or-string') out.push(`Format: ${s.format}.`);
  if (typeof s.pattern === 'string') out.push(`Pattern: \`${s.pattern}\`.`);
  const bounds: string[] = [];
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    if (typeof s[k] === 'number') bounds.push(`${k} ${s[k]}`);
  }
  if (bounds.length > 0) out.push(`Bounds: ${bounds.join(', ')}.`);
  return out;
}

function isLiteral(value: unknown): value is LiteralValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Kubernetes' resource.Quantity pattern (an int-or-string that is a quantity: `100m`, `1Gi`). */
function isQuantity(s: JsonSchema): boolean {
  return typeof s.pattern === 'string' && s.pattern.includes('[KMGTPE]i');
}

/** A union without repeats, flattened; one member is the member itself. */
export function union(members: readonly TypeRef[]): TypeRef {
  const flat: TypeRef[] = [];
  const seen = new Set<string>();
  for (const m of members.flatMap((m) => (m.kind === 'union' ? m.members : [m]))) {
    const key = JSON.stringify(m);
    if (seen.has(key)) continue;
    seen.add(key);
    flat.push(m);
  }
  if (flat.some((m) => m.kind === 'primitive' && m.name === 'unknown')) return UNKNOWN;
  return flat.length === 1 ? flat[0] : { kind: 'union', members: flat };
}
