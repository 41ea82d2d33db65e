/**
 * The target-neutral pod model: what every workload (Pod, ReplicationController, Deployment, etcd members) holds
 * and what every target (Kubernetes YAML, appc pod manifests) renders. Field names are Kubernetes's own, so a
 * Kubernetes user reads them without a glossary; the appc target maps them (see lib/appc when present).
 */

/** A port a container listens on. */
export interface ContainerPort {
  /** Port number inside the pod's network namespace, 1–65535. */
  readonly containerPort: number;
  /** Name a Service `targetPort` or a probe can refer to (IANA service name: ≤15 chars). @default - unnamed */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
  /** Port to expose on the node. Rarely what you want; prefer a Service. @default - none */
  readonly hostPort?: number;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A reference to one key of a Secret or ConfigMap. */
export interface KeyReference {
  readonly name: string;
  readonly key: string;
  /** @default false */
  readonly optional?: boolean;
}

/** Where an environment variable's value comes from when it is not a literal. */
export interface EnvVarSource {
  /** @default - none */
  readonly secretKeyRef?: KeyReference;
  /** @default - none */
  readonly configMapKeyRef?: KeyReference;
  /** A field of the pod, for example `metadata.name` or `status.podIP`. @default - none */
  readonly fieldRef?: { readonly fieldPath: string; readonly apiVersion?: string };
  /** A resource of a container, for example `limits.memory`. @default - none */
  readonly resourceFieldRef?: { readonly resource: string; readonly containerName?: string; readonly divisor?: string };
}

/** An environment variable: a literal `value` or a `valueFrom` source, exactly one. */
export interface EnvVar {
  readonly name: string;
  /** @default - none; give `valueFrom` instead */
  readonly value?: string;
  /** @default - none; give `value` instead */
  readonly valueFrom?: EnvVarSource;
}

/** Resource amounts as Kubernetes quantities (`cpu: '100m'`, `memory: '128Mi'`). */
export interface ResourceList {
  /** @default - not set */
  readonly cpu?: string;
  /** @default - not set */
  readonly memory?: string;
  /** @default - not set */
  readonly 'ephemeral-storage'?: string;
}

export interface ResourceRequirements {
  /** What the scheduler reserves. @default - nothing reserved */
  readonly requests?: ResourceList;
  /** The most the container may use. Each limit must be at least its request. @default - unlimited */
  readonly limits?: ResourceList;
}

/** A port on the container, by number or by the name of one of its `ports`. */
export type PortReference = number | string;

export interface HttpGetAction {
  /** @default '/' */
  readonly path?: string;
  readonly port: PortReference;
  /** @default 'HTTP' */
  readonly scheme?: 'HTTP' | 'HTTPS';
  /** @default - none */
  readonly httpHeaders?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** A health check: exactly one of `httpGet`, `tcpSocket`, `exec` or `grpc`. */
export interface Probe {
  /** @default - none */
  readonly httpGet?: HttpGetAction;
  /** @default - none */
  readonly tcpSocket?: { readonly port: PortReference };
  /** @default - none */
  readonly exec?: { readonly command: readonly string[] };
  /** @default - none */
  readonly grpc?: { readonly port: number; readonly service?: string };
  /** @default 0 */
  readonly initialDelaySeconds?: number;
  /** @default 10 */
  readonly periodSeconds?: number;
  /** @default 1 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly failureThreshold?: number;
  /** Must be 1 for liveness and startup probes. @default 1 */
  readonly successThreshold?: number;
}

export interface VolumeMount {
  /** Name of a volume of the pod. */
  readonly name: string;
  /** Absolute path inside the container. */
  readonly mountPath: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default - the volume's root */
  readonly subPath?: string;
}

export interface Capabilities {
  /** Linux capability names without the `CAP_` prefix, for example `NET_BIND_SERVICE`. @default - none */
  readonly add?: readonly string[];
  /** @default - none */
  readonly drop?: readonly string[];
}

export interface SecurityContext {
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default false */
  readonly runAsNonRoot?: boolean;
  /** @default false */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default false */
  readonly privileged?: boolean;
  /** @default - the runtime default (true unless privileged is false and no_new_privs applies) */
  readonly allowPrivilegeEscalation?: boolean;
  /** @default - the runtime's default set */
  readonly capabilities?: Capabilities;
}

export interface PodSecurityContext {
  /** @default - the image's user */
  readonly runAsUser?: number;
  /** @default - the image's group */
  readonly runAsGroup?: number;
  /** @default false */
  readonly runAsNonRoot?: boolean;
  /** Group that owns mounted volumes. @default - none */
  readonly fsGroup?: number;
  /** @default - none */
  readonly supplementalGroups?: readonly number[];
}

export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** One container of a pod. */
export interface Container {
  /** DNS-1123 label, unique within the pod. */
  readonly name: string;
  /** Image reference: `[registry/]name[:tag][@digest]`. */
  readonly image: string;
  /** Replaces the image's entrypoint. @default - the image's entrypoint */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - the image's cmd */
  readonly args?: readonly string[];
  /** @default - the image's working directory */
  readonly workingDir?: string;
  /** @default - none */
  readonly env?: readonly EnvVar[];
  /** @default - none */
  readonly ports?: readonly ContainerPort[];
  /** @default - no requests or limits */
  readonly resources?: ResourceRequirements;
  /** @default - none */
  readonly volumeMounts?: readonly VolumeMount[];
  /** @default - none: the container is restarted only when it exits */
  readonly livenessProbe?: Probe;
  /** @default - none: the container is ready as soon as it starts */
  readonly readinessProbe?: Probe;
  /** @default - none */
  readonly startupProbe?: Probe;
  /** @default - none */
  readonly securityContext?: SecurityContext;
  /** @default - `Always` for `:latest` or untagged images, else `IfNotPresent` (the API server's default) */
  readonly imagePullPolicy?: ImagePullPolicy;
}

/** Where a volume's data comes from: exactly one source. */
export interface Volume {
  /** DNS-1123 label, unique within the pod; containers mount it by this name. */
  readonly name: string;
  /** Scratch space that lives as long as the pod. @default - none */
  readonly emptyDir?: { readonly medium?: '' | 'Memory'; readonly sizeLimit?: string };
  /** A directory of the node. @default - none */
  readonly hostPath?: { readonly path: string; readonly type?: string };
  /** @default - none */
  readonly secret?: { readonly secretName: string; readonly defaultMode?: number; readonly optional?: boolean };
  /** @default - none */
  readonly configMap?: { readonly name: string; readonly defaultMode?: number; readonly optional?: boolean };
  /** @default - none */
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
}

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Everything a pod is, independent of the target that renders it. */
export interface PodSpecProps {
  /** The containers that share the pod's network, volumes and fate. At least one. */
  readonly containers?: readonly Container[];
  /** Containers that run to completion, in order, before the others start. @default - none */
  readonly initContainers?: readonly Container[];
  /** @default - none */
  readonly volumes?: readonly Volume[];
  /** Controllers (ReplicationController, Deployment) require `Always`. @default 'Always' */
  readonly restartPolicy?: RestartPolicy;
  /** @default - the namespace's `default` service account */
  readonly serviceAccountName?: string;
  /** @default - none */
  readonly securityContext?: PodSecurityContext;
  /** @default - any node */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default - the pod's name */
  readonly hostname?: string;
  /** With a headless Service of the same name, gives the pod the DNS name `<hostname>.<subdomain>`. @default - none */
  readonly subdomain?: string;
  /** @default 30 */
  readonly terminationGracePeriodSeconds?: number;
}

/** Labels and annotations of a pod (or of a workload's pod template). */
export interface PodMetadata {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A complete pod: its metadata and spec, as held by a workload and read by the targets. */
export interface PodModel extends PodMetadata {
  readonly spec: PodSpecProps;
}
