/**
 * One Kubernetes container → one appc RuntimeApp (docs/appc.md §6.2). `apps[].app` replaces the image's app
 * wholesale, so the image's app (when berth built the image) is the base and the container's fields are merged
 * over it: command/args, user and group, env by name, ports by protocol and number, mount points by path, isolators
 * by name.
 */
import type { Container, PodSpecProps } from '../../../constructs/pod-model';
import { ProblemList } from '../../problems';
import { envName } from '../check/values';
import { ISOLATOR } from '../spec';
import { AppcApp, AppPort, Isolator, MountPoint, NameValue, nonEmpty, nonEmptyMap, PodMount, RuntimeApp } from '../types';
import { capabilityIsolator } from './capabilities';
import { expandVariables } from './expand';
import { CONTAINER_ISOLATORS, ResolvedImage } from './image';

export interface AppInputs {
  readonly container: Container;
  readonly spec: PodSpecProps;
  readonly image: ResolvedImage;
  /** Volumes of the pod that appc can express; mounts of the others are left out (their volume was reported). */
  readonly volumes: ReadonlySet<string>;
}

export function renderApp(inputs: AppInputs, problems: ProblemList): RuntimeApp {
  const { container, spec, image } = inputs;
  const base = image.app;
  const security = container.securityContext;
  warnUnsupported(container, problems);
  if (!base && !container.command) {
    // apps[].app replaces the image's app wholesale, and berth cannot read a Docker image's entrypoint.
    problems.warn('command', 'is needed in appc for an image that is not an AppcImage of this app: the app replaces the image\'s own (entrypoint included), so it would have no exec', {
      fix: 'set command (the image\'s entrypoint), or run an AppcImage by its imageReference',
    });
  }
  if (image.changed) problems.warn('image', image.changed, { value: container.image });
  if (image.droppedDigest) problems.warn('image', 'pins a digest, which appc cannot express (it pins images by sha512 image ID); the digest is left out', { value: image.droppedDigest });

  const environment = mergeEnvironment(base?.environment, container, problems.at('env'));
  let variables: Map<string, string> | undefined; // for $(VAR) in command and args, which most containers lack
  const expand = (args: readonly string[] | undefined, field: string): string[] | undefined =>
    args?.map((arg, i) => {
      variables ??= new Map(environment.map((e) => [e.name, e.value]));
      const { text, unresolved } = expandVariables(arg, variables);
      if (unresolved.length) problems.warn(`${field}[${i}]`, `refers to ${unresolved.map((n) => `$(${n})`).join(', ')}, which is not a literal env var of this container: appc does no substitution, so it stays as written`, { value: arg });
      return text;
    });
  const command = expand(container.command, 'command');
  const args = expand(container.args, 'args');
  const exec = command ? [...command, ...(args ?? [])] : args && base?.exec?.length ? [base.exec[0], ...args] : base?.exec;

  const runAsUser = security?.runAsUser ?? spec.securityContext?.runAsUser;
  const runAsGroup = security?.runAsGroup ?? spec.securityContext?.runAsGroup;
  const user = runAsUser !== undefined ? String(runAsUser) : (base?.user ?? '0');
  const group = runAsGroup !== undefined ? String(runAsGroup) : (base?.group ?? '0');
  const runAsNonRoot = security?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
  if (runAsNonRoot && (user === '0' || user === 'root')) {
    problems.error('securityContext.runAsNonRoot', `is true, but the appc app runs as user "${user}"`, { value: true, fix: 'set runAsUser to a non-zero uid' });
  }
  const { supplementalGroups, fsGroup } = spec.securityContext ?? {};
  const gids = fsGroup === undefined ? supplementalGroups ?? [] : [...(supplementalGroups ?? []), fsGroup]; // a copy only to add fsGroup

  const mountPoints = mergeBy(base?.mountPoints, renderMountPoints(container, inputs.volumes, problems), (m) => m.path);
  // A container port that repeats one of the image's (same protocol and number) replaces it, under the container's name.
  const ports = mergeBy(base?.ports, renderPorts(container), (p) => `${p.protocol}/${p.port}`);
  const ownIsolators = renderIsolators(container, problems);
  const isolators = base?.isolators ? [...base.isolators.filter((i) => !CONTAINER_ISOLATORS.includes(i.name)), ...ownIsolators] : ownIsolators;

  const app: AppcApp = {
    exec,
    eventHandlers: nonEmpty(base?.eventHandlers),
    user,
    group,
    supplementaryGIDs: nonEmpty(gids.length ? [...new Set(gids)] : base?.supplementaryGIDs),
    workingDirectory: container.workingDir ?? base?.workingDirectory,
    environment: nonEmpty(environment),
    mountPoints: nonEmpty(mountPoints),
    ports: nonEmpty(ports),
    isolators: nonEmpty(isolators),
    userAnnotations: nonEmptyMap(base?.userAnnotations),
    userLabels: nonEmptyMap(base?.userLabels),
  };
  const mounts: PodMount[] = (container.volumeMounts ?? []).filter((m) => inputs.volumes.has(m.name) && !m.subPath).map((m) => ({ volume: m.name, path: m.mountPath }));
  return {
    name: container.name,
    image: image.image,
    app,
    readOnlyRootFS: security?.readOnlyRootFilesystem || undefined,
    mounts: nonEmpty(mounts),
  };
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const RESOURCE_SIDES = ['requests', 'limits'] as const;
/** Kubernetes resources with an appc isolator, and its name. */
const RESOURCE_ISOLATORS = [['cpu', ISOLATOR.cpu], ['memory', ISOLATOR.memory]] as const;

function warnUnsupported(container: Container, problems: ProblemList): void {
  for (const probe of PROBES) {
    if (container[probe]) problems.warn(probe, 'cannot be expressed in appc: executors run no health checks (rkt restarts nothing by itself)', { fix: 'have the supervisor of the pod (a systemd unit) check health' });
  }
  if (container.imagePullPolicy) problems.warn('imagePullPolicy', 'cannot be expressed in appc: fetching is the executor\'s choice (rkt --pull-policy)', { value: container.imagePullPolicy });
  for (const side of RESOURCE_SIDES) {
    const storage = container.resources?.[side]?.['ephemeral-storage'];
    if (storage !== undefined) problems.warn(`resources.${side}.ephemeral-storage`, 'cannot be expressed in appc: only cpu and memory have isolators', { value: storage });
  }
  const security = container.securityContext;
  if (security?.privileged) problems.warn('securityContext.privileged', 'is expressed as every capability and no seccomp filter; device access needs rkt flags (--insecure-options=all-run)', { value: true });
}

function mergeEnvironment(base: readonly NameValue[] | undefined, container: Container, problems: ProblemList): NameValue[] {
  const merged = new Map((base ?? []).map((e) => [e.name, e.value]));
  (container.env ?? []).forEach((variable, i) => {
    if (variable.valueFrom) {
      problems.warn(`[${i}].valueFrom`, 'cannot be expressed in appc (values are literal; there is no API server to read from); the variable is left out', { value: variable.name, fix: 'give a literal value' });
      return;
    }
    const badName = envName(variable.name);
    if (badName) {
      problems.warn(`[${i}].name`, `${badName} in appc; the variable is left out`, { value: variable.name });
      return;
    }
    const { text } = expandVariables(variable.value ?? '', merged);
    merged.delete(variable.name); // the container's variable wins and takes its place in the container's order
    merged.set(variable.name, text);
  });
  return [...merged].map(([name, value]) => ({ name, value }));
}

function renderMountPoints(container: Container, volumes: ReadonlySet<string>, problems: ProblemList): MountPoint[] {
  const used = new Map<string, number>();
  const points: MountPoint[] = [];
  (container.volumeMounts ?? []).forEach((mount, i) => {
    if (!volumes.has(mount.name)) return;
    if (mount.subPath) {
      problems.warn(`volumeMounts[${i}].subPath`, 'cannot be expressed in appc (a mount is a whole volume); the mount is left out', { value: mount.subPath });
      return;
    }
    // Mount point names are keys; a volume mounted twice gets a numbered second name.
    const count = (used.get(mount.name) ?? 0) + 1;
    used.set(mount.name, count);
    const name = count === 1 ? mount.name : `${mount.name}-${count}`;
    points.push({ name, path: mount.mountPath, ...(mount.readOnly ? { readOnly: true } : {}) });
  });
  return points;
}

/** Port names are unique across the pod, so each carries its container's name; the protocol is lowercase, as appc writes it. */
export function appPortName(container: string, port: { readonly name?: string; readonly protocol?: string; readonly containerPort: number }): string {
  return port.name ? `${container}-${port.name}` : `${container}-${(port.protocol ?? 'TCP').toLowerCase()}-${port.containerPort}`;
}

function renderPorts(container: Container): AppPort[] {
  return (container.ports ?? []).map((port) => ({
    name: appPortName(container.name, port),
    protocol: (port.protocol ?? 'TCP').toLowerCase(),
    port: port.containerPort,
    count: 1,
    socketActivated: false,
  }));
}

function renderIsolators(container: Container, problems: ProblemList): Isolator[] {
  const isolators: Isolator[] = [];
  const { requests, limits } = container.resources ?? {};
  for (const [resource, name] of RESOURCE_ISOLATORS) {
    const request = requests?.[resource];
    const limit = limits?.[resource];
    // A request alone stays a request (rkt's kubelet made it a hard limit); a limit alone implies the same request, in both worlds.
    if (request === undefined && limit === undefined) continue;
    const value: { request?: string | number; limit?: string | number } = {};
    if (request !== undefined) value.request = request;
    if (limit !== undefined) value.limit = limit;
    isolators.push({ name, value });
  }
  const security = container.securityContext;
  const caps = capabilityIsolator(security?.capabilities, security?.privileged ?? false);
  for (const name of caps.unknown) problems.warn('securityContext.capabilities', 'names something that is not a Linux capability; it is left out', { value: name });
  if (caps.isolator) isolators.push(caps.isolator);
  if (security?.privileged) isolators.push({ name: ISOLATOR.seccompRetain, value: { set: ['@appc.io/all'] } });
  if (security?.allowPrivilegeEscalation === false) isolators.push({ name: ISOLATOR.noNewPrivileges, value: true });
  return isolators;
}

/** The base's items, with items of the same key replaced in place by the override's, then the override's new ones. */
function mergeBy<T>(base: readonly T[] | undefined, override: readonly T[], key: (item: T) => string): readonly T[] {
  if (!base?.length) return override; // a Docker image: no image app to merge with
  const overrides = new Map(override.map((item) => [key(item), item]));
  const merged = base.map((item) => overrides.get(key(item)) ?? item);
  const baseKeys = new Set(base.map(key));
  return [...merged, ...override.filter((item) => !baseKeys.has(key(item)))];
}
