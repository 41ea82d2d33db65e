/**
 * The part of the kubelet that turns a pod template into a process: it names the pod, resolves env vars (literal
 * values and the downward API's metadata fields) and expands `$(VAR)` references in command and args, with the
 * kubelet's rules (third_party/forked/golang/expansion): `$(NAME)` becomes the value of an env var defined in the
 * container, an unknown name stays as written, and `$$` is an escaped `$`. Used by tests that boot synthesized
 * pods on this machine; written from the kubelet's behaviour, not from berth's code, so it checks berth.
 */

export interface EnvVarJson {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } };
}

export interface ContainerJson {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly EnvVarJson[];
  readonly ports?: ReadonlyArray<{ readonly name?: string; readonly containerPort: number }>;
  readonly volumeMounts?: ReadonlyArray<{ readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }>;
  readonly readinessProbe?: ProbeJson;
  readonly livenessProbe?: ProbeJson;
}

export interface ProbeJson {
  readonly httpGet?: { readonly path?: string; readonly port: number | string; readonly scheme?: string };
}

export interface VolumeJson {
  readonly name: string;
  readonly emptyDir?: Record<string, unknown>;
  readonly persistentVolumeClaim?: { readonly claimName: string };
  readonly secret?: { readonly secretName: string; readonly defaultMode?: number };
}

export interface PodSpecJson {
  readonly containers: readonly ContainerJson[];
  readonly volumes?: readonly VolumeJson[];
  readonly hostname?: string;
  readonly subdomain?: string;
}

/** The downward API fields a pod can read about itself. */
export interface PodIdentity {
  readonly name: string;
  readonly namespace: string;
}

/** Expands `$(VAR)` references as the kubelet does. */
export function expand(text: string, env: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$' || i + 1 >= text.length) {
      out += text[i];
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = text.indexOf(')', i + 2);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      out += env.has(name) ? env.get(name) : `$(${name})`;
      i = close;
    } else {
      out += '$';
    }
  }
  return out;
}

/** The container's environment as the process sees it: in order, each value expanded against the ones before it. */
export function resolveEnv(container: ContainerJson, pod: PodIdentity): Map<string, string> {
  const env = new Map<string, string>();
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env.set(variable.name, expand(variable.value, env));
    else if (variable.valueFrom?.fieldRef) env.set(variable.name, downwardField(variable.valueFrom.fieldRef.fieldPath, pod));
    else throw new Error(`env ${variable.name}: only values and metadata fieldRefs are resolved here`);
  }
  return env;
}

function downwardField(fieldPath: string, pod: PodIdentity): string {
  if (fieldPath === 'metadata.name') return pod.name;
  if (fieldPath === 'metadata.namespace') return pod.namespace;
  throw new Error(`fieldRef ${fieldPath} is not resolved here`);
}

/** The argv the kubelet starts: command then args, both expanded against the container's env. */
export function argv(container: ContainerJson, env: ReadonlyMap<string, string>): string[] {
  if (!container.command?.length) throw new Error(`container ${container.name} has no command; the image entrypoint is not known here`);
  return [...container.command, ...(container.args ?? [])].map((part) => expand(part, env));
}
