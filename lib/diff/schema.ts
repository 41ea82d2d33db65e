import * as fs from 'fs';
import * as path from 'path';
import { BUNDLED_SCHEMA } from '../kubernetes/schema';
import { packageRoot } from '../package-root';
import { KubeObject } from './types';

/**
 * The shape of a field as server-side apply sees it (structured-merge-diff atoms): granular or atomic structs and
 * maps, lists that are atomic, sets or maps keyed by some fields, and scalars (some of them quantities).
 */
export type TypeNode = StructNode | ListNode | ScalarNode;

export interface StructNode {
  readonly kind: 'struct';
  /** Whether the whole struct or map is one value (`x-kubernetes-map-type: atomic`, LabelSelector). */
  readonly atomic: boolean;
  /** The type of a named field; undefined when unknown (then the value is compared as a whole). */
  field(name: string): TypeNode | undefined;
  /** The value type of a map (`additionalProperties`); undefined for a struct with fixed fields. */
  readonly isMap: boolean;
  /** CRD CEL rule `self == oldSelf`: the value may never change. */
  readonly immutable?: boolean;
}

export interface ListNode {
  readonly kind: 'list';
  readonly listType: 'atomic' | 'set' | 'map';
  readonly keys: readonly string[];
  readonly item: TypeNode | undefined;
  readonly immutable?: boolean;
}

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly quantity: boolean;
  readonly immutable?: boolean;
}

type JsonSchema = Record<string, unknown>;

const UNKNOWN_SCALAR: ScalarNode = { kind: 'scalar', quantity: false };

/**
 * Field types per group/kind: from the bundled Kubernetes v1.32 definitions for built-in kinds, from the CRD's own
 * openAPIV3Schema for custom resources whose CRD is among the objects, and "untyped" (granular maps, atomic lists —
 * what the API server uses for a CRD without list markers) otherwise.
 */
export class TypeResolver {
  public static bundled(): TypeResolver {
    cachedDefinitions ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', BUNDLED_SCHEMA), 'utf8')) as { definitions: Record<string, JsonSchema> }).definitions;
    return new TypeResolver(cachedDefinitions);
  }

  private readonly byGroupKind = new Map<string, string>();
  private readonly nodes = new Map<string, TypeNode>();
  private readonly crds = new Map<string, JsonSchema>();
  private readonly crdScopes = new Map<string, boolean>();

  constructor(private readonly definitions: Record<string, JsonSchema>) {
    for (const [name, definition] of Object.entries(definitions)) {
      const gvks = (definition['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>;
      for (const gvk of gvks) this.byGroupKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
    }
  }

  /** Registers the schemas of a CustomResourceDefinition so its resources diff by their own list types. */
  public addCrd(crd: KubeObject): void {
    const spec = crd.spec as { group?: string; names?: { kind?: string }; scope?: string; versions?: Array<{ name: string; schema?: { openAPIV3Schema?: JsonSchema } }> } | undefined;
    if (!spec?.group || !spec.names?.kind) return;
    this.crdScopes.set(`${spec.group}/${spec.names.kind}`, spec.scope === 'Namespaced');
    for (const version of spec.versions ?? []) {
      if (version.schema?.openAPIV3Schema) this.crds.set(`${spec.group}/${version.name}/${spec.names.kind}`, version.schema.openAPIV3Schema);
    }
  }

  /** Whether a group/kind is namespaced by a CRD among the objects; undefined when no CRD says. */
  public crdNamespaced(group: string, kind: string): boolean | undefined {
    return this.crdScopes.get(`${group}/${kind}`);
  }

  public isBuiltin(apiVersion: string, kind: string): boolean {
    return this.byGroupKind.has(gvkKey(apiVersion, kind));
  }

  /** The type of a whole object. */
  public forObject(apiVersion: string, kind: string): TypeNode {
    const key = gvkKey(apiVersion, kind);
    const cached = this.nodes.get(key);
    if (cached) return cached;
    const definition = this.byGroupKind.get(key);
    const crd = this.crds.get(key);
    const node = definition ? this.fromRef(definition) : crd ? this.fromCrd(crd) : this.untyped();
    this.nodes.set(key, node);
    return node;
  }

  private readonly refNodes = new Map<string, TypeNode>();

  private fromRef(name: string): TypeNode {
    const cached = this.refNodes.get(name);
    if (cached) return cached;
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return QUANTITY;
    const schema = this.definitions[name];
    if (!schema) return UNKNOWN_SCALAR;
    // Definitions are recursive (JSONSchemaProps); struct fields and list items resolve lazily, so this never loops.
    const node = this.fromSchema(schema);
    this.refNodes.set(name, node);
    return node;
  }

  private fromSchema(schema: JsonSchema): TypeNode {
    const ref = schema.$ref as string | undefined;
    if (ref) return this.fromRef(ref.replace('#/definitions/', ''));
    const type = schema.type as string | undefined;
    if (type === 'array' || schema.items) {
      const items = schema.items as JsonSchema | undefined;
      return this.listNode(schema, items ? () => this.fromSchema(items) : undefined);
    }
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    const additional = schema.additionalProperties as JsonSchema | boolean | undefined;
    if (type === 'object' || properties || additional) {
      const atomic = schema['x-kubernetes-map-type'] === 'atomic';
      const fields = new Map<string, TypeNode | undefined>();
      const resolve = (fieldName: string): TypeNode | undefined => {
        if (fields.has(fieldName)) return fields.get(fieldName);
        const sub = properties?.[fieldName] ?? (typeof additional === 'object' ? additional : undefined);
        const node = sub ? this.fromSchema(sub) : undefined;
        fields.set(fieldName, node);
        return node;
      };
      return { kind: 'struct', atomic, isMap: !properties && additional !== undefined, field: resolve };
    }
    return UNKNOWN_SCALAR;
  }

  private listNode(schema: JsonSchema, item: (() => TypeNode) | undefined, immutable?: boolean): ListNode {
    const listType = schema['x-kubernetes-list-type'] as string | undefined;
    const mapKeys = schema['x-kubernetes-list-map-keys'] as string[] | undefined;
    const mergeKey = schema['x-kubernetes-patch-merge-key'] as string | undefined;
    const strategy = String(schema['x-kubernetes-patch-strategy'] ?? '').split(',');
    // docs/diff.md §1: x-kubernetes-list-type wins, then the patch merge key, else atomic.
    let kind: ListNode['listType'] = 'atomic';
    let keys: readonly string[] = [];
    if (listType === 'map' && mapKeys?.length) [kind, keys] = ['map', mapKeys];
    else if (listType === 'set') kind = 'set';
    else if (listType === 'atomic') kind = 'atomic';
    else if (strategy.includes('merge')) [kind, keys] = mergeKey ? ['map', [mergeKey]] : ['set', []];
    // Items resolve on first use: schemas are recursive (JSONSchemaProps holds JSONSchemaProps).
    let resolved: TypeNode | undefined;
    let done = false;
    return {
      kind: 'list',
      listType: kind,
      keys,
      immutable,
      get item(): TypeNode | undefined {
        if (!done) {
          resolved = item?.();
          done = true;
        }
        return resolved;
      },
    };
  }

  private fromCrd(schema: JsonSchema): TypeNode {
    const immutable = isImmutableRule(schema);
    if (schema['x-kubernetes-int-or-string']) return { kind: 'scalar', quantity: false, immutable };
    const type = schema.type as string | undefined;
    if (type === 'array') {
      const items = schema.items as JsonSchema | undefined;
      return this.listNode(schema, items ? () => this.fromCrd(items) : undefined, immutable);
    }
    if (type === 'object' || schema.properties || schema.additionalProperties) {
      const properties = schema.properties as Record<string, JsonSchema> | undefined;
      const additional = schema.additionalProperties as JsonSchema | boolean | undefined;
      const field = (name: string): TypeNode | undefined => {
        if (name === 'metadata' && !properties?.metadata) return this.objectMeta();
        const sub = properties?.[name] ?? (typeof additional === 'object' ? additional : undefined);
        if (sub) return this.fromCrd(sub);
        return schema['x-kubernetes-preserve-unknown-fields'] || additional === true ? this.untypedValue() : undefined;
      };
      return { kind: 'struct', atomic: schema['x-kubernetes-map-type'] === 'atomic', isMap: !properties && additional !== undefined, field, immutable };
    }
    return { kind: 'scalar', quantity: false, immutable };
  }

  private objectMeta(): TypeNode {
    return this.fromRef('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  }

  /** A custom resource without a known CRD: granular maps, atomic lists (what SSA does without schema markers). */
  private untyped(): TypeNode {
    return { kind: 'struct', atomic: false, isMap: false, field: (name) => (name === 'metadata' ? this.objectMeta() : this.untypedValue()) };
  }

  private untypedValue(): TypeNode {
    return UNTYPED;
  }
}

let cachedDefinitions: Record<string, JsonSchema> | undefined;

const QUANTITY: ScalarNode = { kind: 'scalar', quantity: true };

/** A value of unknown type: maps stay granular, lists are atomic (the `deduced` type of structured-merge-diff). */
const UNTYPED: StructNode = { kind: 'struct', atomic: false, isMap: true, field: () => UNTYPED };

function gvkKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return `${group}/${version}/${kind}`;
}

function isImmutableRule(schema: JsonSchema): boolean | undefined {
  const rules = schema['x-kubernetes-validations'] as Array<{ rule?: string }> | undefined;
  return rules?.some((r) => (r.rule ?? '').replace(/\s+/g, '') === 'self==oldSelf') || undefined;
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
