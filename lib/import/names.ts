/**
 * Names in generated code: identifiers for types and classes, property keys for interfaces. Every generated name
 * is a valid TypeScript identifier or a quoted string, never a keyword where a keyword is not allowed.
 */

/**
 * Names a generated type or class cannot take: TypeScript's own type names, and the globals and imports that
 * generated code uses (a kind called `Record` or `Construct` would shadow them). Other globals (`Map`, `Error`)
 * are fine: generated code never uses them.
 */
const RESERVED_TYPE_NAMES = new Set([
  'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'void', 'bigint',
  'Object', 'Record', 'JSON', 'Construct', 'ApiObject', 'ApiObjectMetadata', 'GroupVersionKind',
]);

const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'type',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text) && !KEYWORDS.has(text);
}

/** Splits `x-kubernetes-int-or-string`, `HTTPHeader`, `snake_case`, `$ref` into words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `spec` → `Spec`, `tls-config` → `TlsConfig`, `v1beta1` → `V1Beta1`; keeps existing inner capitals (`podIP` → `PodIp` is avoided). */
export function pascalCase(text: string): string {
  const parts = text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return parts.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A version suffix as cdk8s writes it: `v1beta1` → `V1Beta1`, `v2alpha1` → `V2Alpha1`. */
export function versionSuffix(version: string): string {
  return pascalCase(version.replace(/(alpha|beta)/g, '-$1-').replace(/-([a-z])/g, (_, c: string) => `-${c}`));
}

/** A part of a longer type name, from a property name: `tls-config` → `TlsConfig`, `$ref` → `Ref`, `-` → `Value`. */
export function nameSegment(text: string): string {
  return pascalCase(text) || 'Value';
}

/**
 * A type name made from free text (a kind, a property path): PascalCase, starting with a letter, not a built-in
 * type name.
 */
export function typeName(text: string): string {
  let name = pascalCase(text) || 'Value';
  if (/^[0-9]/.test(name)) name = `T${name}`;
  if (RESERVED_TYPE_NAMES.has(name)) name = `${name}Value`;
  return name;
}

/**
 * The camelCase key of a wire name: `x-kubernetes-int-or-string` → `xKubernetesIntOrString`, `$ref` → `ref`,
 * `MY_VALUE` → `myValue`. Names already camelCase stay as they are (`podIP`, `externalIPs`). Returns `undefined`
 * when no identifier can be made (`-`, `123`).
 */
export function camelKey(wire: string): string | undefined {
  if (/^[a-z][A-Za-z0-9]*$/.test(wire)) return wire;
  // Letters outside ASCII would be dropped (`ünïcode` → `nCode`): keep such keys exactly, quoted.
  if (/[^\x00-\x7f]/.test(wire)) return undefined;
  const parts = words(wire);
  if (parts.length === 0 || /^[0-9]/.test(parts[0])) return undefined;
  const camel = parts.map((w, i) => (i === 0 ? lowerFirst(w) : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return camel;
}

function lowerFirst(word: string): string {
  return /^[A-Z]+$/.test(word) ? word.toLowerCase() : word[0].toLowerCase() + word.slice(1);
}

/**
 * TypeScript keys for the wire names of one object, in order. Each is camelCase when that is unique among its
 * siblings; otherwise (keys differing only by case or punctuation, or no identifier possible) the exact wire name,
 * quoted, so two wire keys never share a TypeScript key.
 */
export function propertyKeys(wires: readonly string[]): string[] {
  const camels = wires.map(camelKey);
  const taken = new Set<string>();
  // A wire name that is already its own camelCase keeps it first, whatever the order.
  wires.forEach((wire, i) => {
    if (camels[i] === wire) taken.add(wire);
  });
  return wires.map((wire, i) => {
    const camel = camels[i];
    if (camel === wire) return wire;
    if (camel !== undefined && !taken.has(camel) && !wires.includes(camel)) {
      taken.add(camel);
      return camel;
    }
    return wire;
  });
}

/** A key as written in an interface or object literal: bare when an identifier, else a quoted string. */
export function keySyntax(key: string): string {
  return IDENTIFIER.test(key) && key !== '__proto__' ? key : quote(key);
}

/** Keys every plain object inherits (`obj.constructor` is `Object` even when the user never set it). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `obj.key` or `obj['key']`; for inherited names (`constructor`, `toString`) only the object's own value. */
export function access(object: string, key: string): string {
  const plain = IDENTIFIER.test(key) ? `${object}.${key}` : `${object}[${quote(key)}]`;
  return INHERITED.has(key) ? `(Object.prototype.hasOwnProperty.call(${object}, ${quote(key)}) ? ${plain} : undefined)` : plain;
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

/** Gives every name a unique spelling by adding 2, 3, ... to repeats, in the order asked. */
export class NameRegistry {
  private readonly used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name.toLowerCase());
  }

  /** Case-insensitive, so generated files also work on case-insensitive file systems and for file names. */
  public claim(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
