/** A Kubernetes object as plain JSON, as read from YAML or from the API server. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: KubeMetadata;
  readonly [field: string]: unknown;
}

export interface KubeMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly managedFields?: readonly ManagedFieldsEntry[];
  readonly [field: string]: unknown;
}

export interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly operation?: string;
  readonly apiVersion?: string;
  readonly subresource?: string;
  readonly fieldsType?: string;
  readonly fieldsV1?: FieldsV1;
}

/** The `fieldsV1` trie of a managedFields entry: `f:name`, `k:{json}`, `v:json`, `i:n` keys; `.` marks the node itself. */
export interface FieldsV1 {
  readonly [key: string]: FieldsV1;
}

export const VERDICTS = ['create', 'no-change', 'update', 'conflict', 'replace', 'prune'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Conflict {
  /** Keyed-list path of the field, e.g. `spec.replicas`. */
  readonly path: string;
  /** The other field manager that owns it. */
  readonly manager: string;
}

/** What would happen to one object. */
export interface ObjectDiff {
  readonly apiVersion: string;
  readonly kind: string;
  /** null for cluster-scoped kinds. */
  readonly namespace: string | null;
  readonly name: string;
  readonly verdict: Verdict;
  /** Changed paths in keyed-list notation, sorted. */
  readonly paths: readonly string[];
  readonly conflicts: readonly Conflict[];
  /** Why a `replace` (or `prune`) is needed; null otherwise. */
  readonly reason: string | null;
  /** The live object as it is and as it would be after the apply, reduced to the fields that matter; for text output. */
  readonly before?: unknown;
  readonly after?: unknown;
  /** True for Secrets: values are masked in text output unless --show-secrets. */
  readonly secret?: boolean;
}

export type Summary = Record<Verdict, number>;

export interface DiffReport {
  readonly objects: readonly ObjectDiff[];
  readonly summary: Summary;
}

export interface DiffOptions {
  /** Our field manager. @default 'berth' */
  readonly fieldManager?: string;
  /** Namespace for namespaced objects that carry none. @default 'default' */
  readonly namespace?: string;
  /** Turn conflicts into updates (the apply would take ownership). */
  readonly forceConflicts?: boolean;
  /** Report live members of the applyset that the desired objects no longer declare. */
  readonly prune?: boolean;
  /** The applyset id whose members may be pruned; required with `prune`. */
  readonly applysetId?: string;
}

/** An input that cannot be diffed (unparseable YAML, an object without kind or name): exit 2, never a partial answer. */
export class DiffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffInputError';
  }
}
