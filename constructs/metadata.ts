/** Metadata of the Kubernetes object a construct emits. */
export interface ObjectMetadata {
  /** Object name. An explicit name always wins. @default - derived from the construct path below the chart (`redis-master`) */
  readonly name?: string;
  /** @default - the chart's namespace, else none (the namespace of the kubectl context) */
  readonly namespace?: string;
  /** Labels of the object itself; they never enter selectors or pod templates. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Something that selects pods by label, such as a workload: a Service can front it with `selects`. */
export interface IPodSelector {
  /** The labels a pod must carry to be selected. */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Namespace of the selected pods (a Service only selects pods of its own namespace). */
  readonly namespace?: string;
}
