import { DeclarationSet } from './declarations';
import { PropertyDef, TypeRef } from './model';
import { nameSegment, propertyKeys, typeName } from './names';
import { ImportProblems } from './problems';
import { describe, isSchema, JsonSchema, propertyDef, schemaType, SchemaHost, UNKNOWN } from './schema';

/** The definitions of an OpenAPI v2 (`definitions`) or v3 (`components.schemas`) document. */
export function openApiDefinitions(doc: JsonSchema): Record<string, JsonSchema> | undefined {
  if (isSchema(doc.definitions)) return doc.definitions as Record<string, JsonSchema>;
  if (isSchema(doc.components) && isSchema(doc.components.schemas)) return doc.components.schemas as Record<string, JsonSchema>;
  return undefined;
}

interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/**
 * The output file of a definition: its namespace without the well-known Kubernetes prefixes, so
 * `io.k8s.api.apps.v1.Deployment` goes to `apps-v1` and `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` to `meta-v1`.
 */
export function namespaceOf(id: string): string {
  const parts = id.split('.');
  parts.pop();
  let ns = parts.join('.');
  for (const prefix of ['io.k8s.api.', 'io.k8s.apimachinery.pkg.apis.', 'io.k8s.apimachinery.pkg.', 'io.k8s.kube-aggregator.pkg.apis.', 'io.k8s.apiextensions-apiserver.pkg.apis.']) {
    if (ns.startsWith(prefix)) {
      ns = ns.slice(prefix.length);
      break;
    }
  }
  return ns.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'types';
}

/**
 * Declares every kind of an OpenAPI document (definitions with one `x-kubernetes-group-version-kind` and object
 * metadata) as a construct class, and the definitions they reach as interfaces and aliases. A document without
 * kinds (a plain OpenAPI schema) has every definition declared.
 */
export function declareOpenApi(
  definitions: Record<string, JsonSchema>,
  /** Where the definitions are, for problem paths: `definitions` (v2) or `components.schemas` (v3). */
  root: string,
  fileOf: (id: string) => string,
  prefix: string,
  source: string,
  problems: ImportProblems,
  set: DeclarationSet,
  /** The schema file the kinds are checked against, relative to the output directory (`k8s.schema.json`). */
  schemaFile: string,
  progress: (done: number, total: number) => void = () => undefined,
): void {
  const reader = new DefinitionReader(definitions, root, fileOf, source, problems, set);
  const ids = Object.keys(definitions).sort();
  const kinds = ids.map((id) => [id, kindOf(definitions[id])] as const).filter((k): k is readonly [string, Gvk] => k[1] !== undefined);
  kinds.forEach(([id, gvk], i) => {
    const schema = definitions[id];
    const file = fileOf(id);
    const className = set.claim(file, `${prefix}${typeName(gvk.kind)}`, `${file}#class#${id}`);
    const propsName = set.claim(file, `${className}Props`);
    const all = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
    // As for CRDs: apiVersion/kind come from the class, status is the controllers' to write.
    const own = all.filter(([wire]) => !['apiVersion', 'kind', 'metadata', 'status'].includes(wire));
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const keys = propertyKeys(['metadata', ...own.map(([wire]) => wire)]).slice(1);
    const properties: PropertyDef[] = [
      { wire: 'metadata', name: 'metadata', type: { kind: 'cdk8s', name: 'ApiObjectMetadata' }, required: required.has('metadata'), description: 'Standard object metadata.', notes: [] },
      ...own.map(([wire, s], j) => propertyDef(wire, keys[j], s, required.has(wire), `${className}${nameSegment(wire)}`, `${root}.${id}.properties.${wire}`, reader.host(file))),
    ];
    const props = set.define({ kind: 'struct', id: `${file}#${propsName}`, name: propsName, file, description: `Props of ${className}.`, properties });
    const check = { file: schemaFile, dialect: 'openapi' as const, definition: id };
    set.kinds.push({ className, file, ...gvk, description: describe(schema), props: (props as { id: string }).id, check });
    progress(i + 1, kinds.length);
  });
  if (kinds.length === 0) ids.forEach((id) => reader.definition(id, `${root}.${id}`));
}

/** A kind: exactly one group-version-kind and `metadata` that is ObjectMeta (so not a List, Status or event). */
function kindOf(schema: JsonSchema): Gvk | undefined {
  const gvks = schema['x-kubernetes-group-version-kind'];
  if (!Array.isArray(gvks) || gvks.length !== 1 || !isSchema(gvks[0])) return undefined;
  const { group, version, kind } = gvks[0];
  if (typeof group !== 'string' || typeof version !== 'string' || typeof kind !== 'string') return undefined;
  const metadata = isSchema(schema.properties) ? schema.properties.metadata : undefined;
  const ref = isSchema(metadata) ? (metadata.$ref ?? (Array.isArray(metadata.allOf) && isSchema(metadata.allOf[0]) ? metadata.allOf[0].$ref : undefined)) : undefined;
  if (typeof ref !== 'string' || !ref.endsWith('.ObjectMeta')) return undefined;
  return { group, version, kind };
}

/** Turns definitions into declarations on first use, following `$ref`s, with loops reported instead of followed. */
class DefinitionReader {
  private readonly resolved = new Map<string, TypeRef>();
  private readonly following = new Set<string>();

  constructor(
    private readonly definitions: Record<string, JsonSchema>,
    private readonly root: string,
    private readonly fileOf: (id: string) => string,
    private readonly source: string,
    private readonly problems: ImportProblems,
    private readonly set: DeclarationSet,
  ) {}

  public host(file: string): SchemaHost {
    return {
      warn: (path, message, fix) => this.problems.warn(this.source, path, message, fix),
      ref: (ref, path) => this.ref(ref, path),
      struct: (hint, build) => {
        const name = this.set.claim(file, hint);
        return this.set.define({ kind: 'struct', id: `${file}#${name}`, name, file, ...build(name) });
      },
      intOrString: () => this.intOrString(file),
    };
  }

  private ref(ref: string, path: string): TypeRef {
    const match = /^#\/(?:definitions|components\/schemas)\/(.+)$/.exec(ref);
    const id = match ? decodeURIComponent(match[1]).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    if (id === undefined || !isSchema(this.definitions[id])) {
      this.problems.warn(this.source, path, `cannot be resolved: ${ref}`, 'add the definition to the document; the field is typed as unknown');
      return UNKNOWN;
    }
    return this.definition(id, path);
  }

  /**
   * The type of a definition. Objects with properties and other compound types become named declarations
   * (recursive references are fine); plain strings, numbers and booleans are inlined. A chain of `$ref`s that comes
   * back to itself has no type at all: reported, typed unknown.
   */
  public definition(id: string, path: string): TypeRef {
    const known = this.resolved.get(id);
    if (known) return known;
    const schema = this.definitions[id];
    if (this.following.has(id)) {
      this.problems.warn(this.source, `${this.root}.${id}`, `is a $ref loop (reached again from ${path})`, 'give one definition of the loop a type; it is typed as unknown');
      return UNKNOWN;
    }
    const primitive = isQuantity(id) ? undefined : inlinePrimitive(schema);
    if (primitive) {
      this.resolved.set(id, primitive);
      return primitive;
    }
    if (typeof schema.$ref === 'string' && Object.keys(schema).every((k) => k === '$ref' || k === 'description')) {
      this.following.add(id);
      const target = this.ref(schema.$ref, `${this.root}.${id}.$ref`);
      this.following.delete(id);
      this.resolved.set(id, target);
      return target;
    }
    const file = this.fileOf(id);
    const shortName = id.split('.').pop() ?? id;
    const name = this.set.claim(file, typeName(shortName), id);
    const ref: TypeRef = { kind: 'named', id };
    this.resolved.set(id, ref);
    const host = this.host(file);
    const properties = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
    if (properties.length > 0 && (schema.type === 'object' || schema.type === undefined)) {
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const keys = propertyKeys(properties.map(([wire]) => wire));
      const defs = properties.map(([wire, s], i) => propertyDef(wire, keys[i], s, required.has(wire), `${name}${nameSegment(wire)}`, `${this.root}.${id}.properties.${wire}`, host));
      const open = schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true || isSchema(schema.additionalProperties);
      this.set.define({ kind: 'struct', id, name, file, description: describe(schema), properties: defs, extra: open ? UNKNOWN : undefined });
    } else if (isQuantity(id) || schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true) {
      // Upstream swagger types both as plain strings; the API server accepts numbers too (`cpu: 1`, `port: 80`).
      this.set.define({ kind: 'alias', id, name, file, description: describe(schema), type: NUMBER_OR_STRING });
    } else {
      const type = schemaType(schema, name, `${this.root}.${id}`, host);
      const self = type.kind === 'named' && type.id === id;
      if (self) this.problems.warn(this.source, `${this.root}.${id}`, 'refers only to itself', 'give it a type; it is typed as unknown');
      this.set.define({ kind: 'alias', id, name, file, description: describe(schema), type: self ? UNKNOWN : type });
    }
    return ref;
  }

  private intOrString(file: string): TypeRef {
    const id = `${file}#alias#IntOrString`;
    if (!this.set.declarations.has(id)) {
      this.set.define({ kind: 'alias', id, name: this.set.claim(file, 'IntOrString', id), file, description: 'An integer or a string (Kubernetes IntOrString), for example a port number or a port name.', type: NUMBER_OR_STRING });
    }
    return { kind: 'named', id };
  }
}

const NUMBER_OR_STRING: TypeRef = { kind: 'union', members: [{ kind: 'primitive', name: 'number' }, { kind: 'primitive', name: 'string' }] };

function isQuantity(id: string): boolean {
  return id === 'io.k8s.apimachinery.pkg.api.resource.Quantity';
}

/** `type: string` (also date-time, byte), numbers and booleans without enum or other structure: no alias needed. */
function inlinePrimitive(schema: JsonSchema): TypeRef | undefined {
  if (schema.enum !== undefined || schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true || schema.nullable === true) return undefined;
  if (schema.type === 'string') return { kind: 'primitive', name: 'string' };
  if (schema.type === 'integer' || schema.type === 'number') return { kind: 'primitive', name: 'number' };
  if (schema.type === 'boolean') return { kind: 'primitive', name: 'boolean' };
  return undefined;
}
