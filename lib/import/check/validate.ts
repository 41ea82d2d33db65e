import { parseQuantity } from '../../validation/quantity';
import { dns1123Subdomain } from '../../validation/names';
import { isSchema, JsonSchema } from '../schema';
import { checkFormat } from './formats';
import { canonicalJson, compilePattern, definitionId, hasType, isObject, isQuantityPattern, isTypeUnion, requiredNames, sameJson, typesOf } from './keywords';
import { closestField, enumFix, FieldPath, formatField, listNames, listValues, typeFix, typeNames } from './messages';

/**
 * How the API server reads a schema. `crd`: a CustomResourceDefinition's structural schema (fields it does not list
 * are pruned unless `x-kubernetes-preserve-unknown-fields`, `metadata` is ObjectMeta whatever the schema says,
 * defaults are applied before validation). `openapi`: definitions of a built-in or aggregated API, with `$ref`s
 * between them (an object that lists properties takes no others; one that lists none is free-form).
 */
export type Dialect = 'crd' | 'openapi';

export interface SchemaSet {
  readonly dialect: Dialect;
  /** The definitions `$ref`s resolve against (`#/definitions/X`, `#/components/schemas/X`). */
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}

export interface Violation {
  /** Field path in the object, `spec.endpoints[0].port`; empty for the object itself. */
  readonly field: string;
  readonly message: string;
  /** The value given; absent when the problem is an absence. */
  readonly value?: unknown;
  readonly fix?: string;
  readonly severity: 'error' | 'warning';
}

/**
 * Every way `object` breaks `schema`, as the API server would see it on create — never throws, whatever the
 * schema holds (an unknown type, a pattern JavaScript cannot compile and a dangling `$ref` are not checked).
 * Formats the API server checks are checked; CEL rules (`x-kubernetes-validations`) are not.
 */
export function validateObject(object: unknown, schema: JsonSchema, set: SchemaSet): Violation[] {
  const walker = new Walker(set, false);
  walker.visit(object, schema, [], true);
  return walker.violations;
}

const QUANTITY_DEFINITION = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const QUANTITY_EXAMPLES = 'such as "100m", "0.5", "128Mi" or "1G"';

class Walker {
  public readonly violations: Violation[] = [];

  /** `partial`: the members of allOf/anyOf/oneOf/not in a CRD, which only add checks and never prune fields. */
  constructor(private readonly set: SchemaSet, private readonly partial: boolean) {}

  public visit(value: unknown, raw: unknown, path: FieldPath, root = false): void {
    const { schema, quantity } = this.resolve(raw);
    if (!schema) return;
    if (value === null) {
      if (!this.allowsNull(schema)) this.warn(path, 'is null, which the API server drops (the schema does not allow null)', { fix: 'leave it out' });
      return;
    }
    if (quantity) return this.quantity(value, path);
    const types = typesOf(schema);
    if (types && !types.some((t) => hasType(value, t))) {
      const isQuantity = typeof schema.pattern === 'string' && isQuantityPattern(schema.pattern);
      const expected = isQuantity ? `an integer or a quantity string ${QUANTITY_EXAMPLES}` : typeNames(types);
      this.error(path, `must be ${expected}`, { value, fix: typeFix(value, types) });
      return;
    }
    if (Array.isArray(schema.enum) && schema.enum.length > 0 && !schema.enum.some((e) => sameJson(e, value))) {
      this.error(path, `must be ${schema.enum.length === 1 ? '' : 'one of '}${listValues(schema.enum)}`, { value, fix: enumFix(value, schema.enum) });
    }
    if (typeof value === 'string') this.string(value, schema, path);
    else if (typeof value === 'number') this.number(value, schema, path);
    else if (Array.isArray(value)) this.array(value, schema, path);
    else if (typeof value === 'object') this.object(value as Record<string, unknown>, schema, path, root);
    this.combinators(value, schema, path);
  }

  /** Follows `$ref`s (OpenAPI only: a CRD schema may not have one), noting the Quantity definition on the way. */
  private resolve(raw: unknown): { schema?: JsonSchema; quantity?: boolean } {
    let schema = raw;
    for (let hops = 0; isSchema(schema) && typeof schema.$ref === 'string' && hops < 32; hops++) {
      if (this.set.dialect !== 'openapi') return {};
      const id = definitionId(schema.$ref);
      if (id === QUANTITY_DEFINITION) return { schema, quantity: true };
      schema = id === undefined ? undefined : this.set.definitions?.[id];
    }
    return isSchema(schema) && typeof schema.$ref !== 'string' ? { schema } : {};
  }

  private allowsNull(schema: JsonSchema): boolean {
    if (schema.nullable === true || schema['x-nullable'] === true) return true;
    if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
    const types = typesOf(schema);
    if (types) return types.includes('null');
    // untyped: preserve-unknown-fields alone, or no schema to speak of
    return !isSchema(schema.properties) && schema.items === undefined && schema.additionalProperties === undefined;
  }

  private quantity(value: unknown, path: FieldPath): void {
    if (typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && parseQuantity(value) !== undefined) return;
    this.error(path, `must be a quantity ${QUANTITY_EXAMPLES}`, { value });
  }

  private string(value: string, schema: JsonSchema, path: FieldPath): void {
    const length = [...value].length; // the API server counts characters (runes), not UTF-16 units
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) this.error(path, `must be at most ${schema.maxLength} characters`, { value });
    if (typeof schema.minLength === 'number' && length < schema.minLength) this.error(path, schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`, { value });
    if (typeof schema.pattern === 'string') {
      const pattern = compilePattern(schema.pattern);
      if (pattern && !pattern.test(value)) {
        this.error(path, isQuantityPattern(schema.pattern) ? `must be a quantity ${QUANTITY_EXAMPLES}` : `must match the pattern ${schema.pattern}`, { value });
      }
    }
    if (typeof schema.format === 'string') {
      const expected = checkFormat(schema.format, value);
      if (expected) this.error(path, `must be ${expected}`, { value });
    }
  }

  private number(value: number, schema: JsonSchema, path: FieldPath): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    // OpenAPI 2/3.0 mark a bound exclusive with a boolean; JSON Schema 2019+ gives the bound itself.
    const lower = typeof exclusiveMinimum === 'number' ? { bound: exclusiveMinimum, open: true } : typeof minimum === 'number' ? { bound: minimum, open: exclusiveMinimum === true } : undefined;
    const upper = typeof exclusiveMaximum === 'number' ? { bound: exclusiveMaximum, open: true } : typeof maximum === 'number' ? { bound: maximum, open: exclusiveMaximum === true } : undefined;
    if (lower && (lower.open ? value <= lower.bound : value < lower.bound)) {
      this.error(path, lower.open ? `must be greater than ${lower.bound}` : `must be at least ${lower.bound}`, { value, fix: lower.open ? undefined : `use ${lower.bound} or more` });
    }
    if (upper && (upper.open ? value >= upper.bound : value > upper.bound)) {
      this.error(path, upper.open ? `must be less than ${upper.bound}` : `must be at most ${upper.bound}`, { value, fix: upper.open ? undefined : `use ${upper.bound} or less` });
    }
    if (typeof multipleOf === 'number' && multipleOf > 0 && Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9) {
      this.error(path, `must be a multiple of ${multipleOf}`, { value });
    }
  }

  private array(value: readonly unknown[], schema: JsonSchema, path: FieldPath): void {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) this.error(path, `must have at most ${schema.maxItems} item${schema.maxItems === 1 ? '' : 's'}`, { value: `${value.length} items` });
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) this.error(path, `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`, { value: `${value.length} items` });
    const items = schema.items;
    value.forEach((item, i) => this.visit(item, Array.isArray(items) ? items[i] : items, [...path, i]));
    const listType = schema['x-kubernetes-list-type'];
    const keys = schema['x-kubernetes-list-map-keys'];
    if (listType === 'map' && Array.isArray(keys) && keys.length > 0) {
      // The API server rejects two entries with the same key ("Duplicate value"): server-side apply could not tell them apart.
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        if (!isObject(item)) return;
        const key = Object.fromEntries(keys.map((k) => [String(k), item[String(k)]]));
        const id = canonicalJson(key);
        const first = seen.get(id);
        if (first === undefined) return void seen.set(id, i);
        this.error([...path, i], `has the same ${keys.join(' and ')} as ${formatField([...path, first])}`, { value: key, fix: `entries of this list are unique by ${keys.join(' and ')}: merge them or change one` });
      });
    } else if (listType === 'set' || schema.uniqueItems === true) {
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        const id = canonicalJson(item);
        const first = seen.get(id);
        if (first === undefined) return void seen.set(id, i);
        this.error([...path, i], `repeats ${formatField([...path, first])}`, { value: item, fix: 'entries of this list are unique: remove the repeat' });
      });
    }
  }

  private object(value: Record<string, unknown>, schema: JsonSchema, path: FieldPath, root: boolean): void {
    const properties = isSchema(schema.properties) ? schema.properties : undefined;
    const additional = schema.additionalProperties;
    const crd = this.set.dialect === 'crd';
    // Where apiVersion, kind and ObjectMeta live whatever the schema says: the root, and embedded resources.
    const resource = crd && (root || schema['x-kubernetes-embedded-resource'] === true);
    const open = additional === true || schema['x-kubernetes-preserve-unknown-fields'] === true || this.partial || (!crd && !properties && additional === undefined);
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) continue;
      const here = [...path, key];
      const own = properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      if (resource && key === 'metadata') this.metadata(field, own, here, root);
      else if (resource && (key === 'apiVersion' || key === 'kind')) {
        if (typeof field !== 'string') this.error(here, 'must be a string', { value: field });
      } else if (own !== undefined) {
        // A required field given as null is reported once, as missing.
        if (!(field === null && required.has(key))) this.visit(field, own, here);
      } else if (isSchema(additional)) this.visit(field, additional, here);
      else if (!open) this.unknownField(key, properties, here, resource);
    }
    for (const key of required) {
      const own = properties?.[key];
      const resolved = this.resolve(own).schema;
      const given = value[key];
      if (given !== undefined && !(given === null && !(resolved && this.allowsNull(resolved)))) continue;
      if (resolved?.default !== undefined || (isSchema(own) && own.default !== undefined)) continue; // defaulted before validation
      if (resource && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue; // the class sets them
      this.error([...path, key], 'is required', {});
    }
    if (resource && root === false && (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string')) {
      this.error(path, 'is an embedded resource: it must have apiVersion and kind', {});
    }
    const count = Object.values(value).filter((v) => v !== undefined).length;
    if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) this.error(path, `must have at most ${schema.maxProperties} entries`, { value: `${count} entries` });
    if (typeof schema.minProperties === 'number' && count < schema.minProperties) this.error(path, `must have at least ${schema.minProperties} entr${schema.minProperties === 1 ? 'y' : 'ies'}`, { value: `${count} entries` });
  }

  /** ObjectMeta of a custom resource: the name (a DNS subdomain), and what the CRD adds to `name`/`generateName`. */
  private metadata(value: unknown, schema: unknown, path: FieldPath, root: boolean): void {
    if (!isObject(value)) return void this.error(path, 'must be an object', { value });
    if (root && typeof value.name === 'string') {
      const bad = dns1123Subdomain(value.name);
      if (bad) this.error([...path, 'name'], bad, { value: value.name });
    }
    const properties = isSchema(schema) && isSchema(schema.properties) ? schema.properties : {};
    for (const key of ['name', 'generateName']) {
      if (value[key] !== undefined && properties[key] !== undefined) this.visit(value[key], properties[key], [...path, key]);
    }
  }

  private unknownField(key: string, properties: JsonSchema | undefined, path: FieldPath, resource: boolean): void {
    const known = [...Object.keys(properties ?? {}), ...(resource ? ['apiVersion', 'kind', 'metadata'] : [])].filter((k, i, all) => all.indexOf(k) === i);
    const closest = closestField(key, known);
    const dropped = this.set.dialect === 'crd' ? ' (the API server would drop it)' : '';
    let fix: string;
    if (closest !== undefined) fix = `use ${closest}`;
    else if (known.length === 0) fix = 'remove it: the schema lists no fields here';
    else fix = `remove it, or use one of: ${listNames(known)}`;
    this.error(path, `is not a field of the schema${dropped}`, { fix });
  }

  private combinators(value: unknown, schema: JsonSchema, path: FieldPath): void {
    const members = (keyword: string): unknown[] => (Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : []);
    for (const member of members('allOf')) this.visit(value, member, path);
    const anyOf = members('anyOf');
    if (anyOf.length > 0 && !isTypeUnion(anyOf)) {
      const failures = anyOf.map((m) => this.errorsOf(value, m, path));
      if (failures.every((f) => f.length > 0)) this.alternatives(value, anyOf, failures, path, 'anyOf');
    }
    const oneOf = members('oneOf');
    if (oneOf.length > 0 && !isTypeUnion(oneOf)) {
      const failures = oneOf.map((m) => this.errorsOf(value, m, path));
      const passing = failures.filter((f) => f.length === 0).length;
      if (passing === 0) this.alternatives(value, oneOf, failures, path, 'oneOf');
      else if (passing > 1) {
        const names = requiredNames(oneOf);
        const set = names && isObject(value) ? names.filter((n) => value[n] !== undefined) : undefined;
        if (names && set) this.error(path, `must set only one of: ${names.join(', ')}`, { value: set, fix: `keep one of ${set.join(', ')}` });
        else this.error(path, `must match exactly one of the schema's ${oneOf.length} alternatives (oneOf), but matches ${passing}`, { value });
      }
    }
    if (isSchema(schema.not) && this.errorsOf(value, schema.not, path).length === 0) {
      const names = requiredNames([schema.not]);
      this.error(path, names ? `must not set ${names.join(' or ')}` : 'is not allowed here (it matches the schema\'s "not")', { value });
    }
  }

  private alternatives(value: unknown, options: unknown[], failures: Violation[][], path: FieldPath, keyword: string): void {
    const names = requiredNames(options);
    if (names) return this.error(path, `must set one of: ${names.join(', ')}`, {});
    const reasons = failures.slice(0, 3).map((f, i) => `(${i + 1}) ${f[0].field ? `${f[0].field} ` : ''}${f[0].message}`);
    this.error(path, `must match one of the schema's ${options.length} alternatives (${keyword}): ${reasons.join('; ')}${failures.length > 3 ? '; ...' : ''}`, { value });
  }

  /** The errors of `value` against one alternative, found without reporting them. */
  private errorsOf(value: unknown, schema: unknown, path: FieldPath): Violation[] {
    const walker = new Walker(this.set, this.set.dialect === 'crd');
    walker.visit(value, schema, path);
    return walker.violations.filter((v) => v.severity === 'error');
  }

  private error(path: FieldPath, message: string, details: { value?: unknown; fix?: string }): void {
    this.add('error', path, message, details);
  }

  private warn(path: FieldPath, message: string, details: { value?: unknown; fix?: string }): void {
    this.add('warning', path, message, details);
  }

  private add(severity: Violation['severity'], path: FieldPath, message: string, details: { value?: unknown; fix?: string }): void {
    this.violations.push({ field: formatField(path), message, severity, ...('value' in details ? { value: details.value } : {}), ...(details.fix ? { fix: details.fix } : {}) });
  }
}
