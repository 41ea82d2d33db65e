/**
 * The schema model every source (CRD, OpenAPI v2/v3, live cluster) is read into, and the emitter writes from.
 * It is plain data: sources decide names and types once, the emitter only prints them.
 */

/** A TypeScript type, as the schema describes it. */
export type TypeRef =
  | { readonly kind: 'primitive'; readonly name: 'string' | 'number' | 'boolean' | 'unknown' | 'null' }
  | { readonly kind: 'literals'; readonly values: readonly LiteralValue[] }
  | { readonly kind: 'array'; readonly items: TypeRef }
  | { readonly kind: 'map'; readonly values: TypeRef }
  | { readonly kind: 'union'; readonly members: readonly TypeRef[] }
  /** A struct or alias declared by the import, by its id. */
  | { readonly kind: 'named'; readonly id: string }
  /** A type of the `cdk8s` package (ApiObjectMetadata for the metadata of a kind). */
  | { readonly kind: 'cdk8s'; readonly name: 'ApiObjectMetadata' };

export type LiteralValue = string | number | boolean | null;

export interface PropertyDef {
  /** The key on the wire, exactly as the schema spells it. */
  readonly wire: string;
  /** The key in TypeScript: camelCase, or the quoted wire name where camelCase would collide or be empty. */
  readonly name: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly description?: string;
  /** The schema's `default`, as JSON. */
  readonly default?: unknown;
  /** Extra TSDoc lines: format, pattern, bounds, markers. */
  readonly notes: readonly string[];
}

/** An interface (object with known properties) or a type alias, declared once in one output file. */
export type Declaration = StructDecl | AliasDecl;

export interface StructDecl {
  readonly kind: 'struct';
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly properties: readonly PropertyDef[];
  /** Index signature for keys the schema does not list (preserve-unknown-fields, additionalProperties). */
  readonly extra?: TypeRef;
}

export interface AliasDecl {
  readonly kind: 'alias';
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly type: TypeRef;
}

/** A resource kind: emitted as a construct class extending cdk8s `ApiObject`. */
export interface KindDecl {
  readonly className: string;
  readonly file: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly description?: string;
  /** The struct of the object's props (everything but apiVersion/kind). */
  readonly props: string;
  /** The schema the kind's objects are checked against at synth; none when the source gives no schema. */
  readonly check?: KindCheck;
}

/** A kind's entry in the schema file written beside the generated code (`imports/<name>.schema.json`). */
export interface KindCheck {
  /** The schema file, relative to the output directory: `operator.etcd.io.schema.json`. */
  readonly file: string;
  readonly dialect: 'crd' | 'openapi';
  /** CRDs: the version's openAPIV3Schema as the source gives it. */
  readonly schema?: { readonly [key: string]: unknown };
  /** OpenAPI: the id of the kind's definition. */
  readonly definition?: string;
  /** CRDs: `Namespaced` or `Cluster`. */
  readonly scope?: string;
}

/** Everything one source produces: declarations by id, kinds, and the output files they go to. */
export interface ImportModel {
  readonly declarations: ReadonlyMap<string, Declaration>;
  readonly kinds: readonly KindDecl[];
}
