import type { Container, ContainerPort, PodModel, Probe, ResourceRequirements, Volume } from '../../constructs/pod-model';
import { ProblemList } from '../problems';
import { imageReference } from './image';
import { checkAnnotations, checkLabels } from './metadata';
import { dns1123Label, envVarName, portName, portNumber, toDnsLabel } from './names';
import { parseQuantity, quantity } from './quantity';

export interface PodRuleOptions {
  /** Pods run by a controller must restart always. */
  readonly controlled: boolean;
}

/** Every rule of a pod model, reported with prop-relative field paths (`containers[0].ports[1].containerPort`). */
export function checkPod(pod: PodModel, problems: ProblemList, options: PodRuleOptions): void {
  checkLabels(pod.labels, problems, 'labels');
  checkAnnotations(pod.annotations, problems, 'annotations');
  const spec = pod.spec;
  const containers = spec.containers ?? [];
  if (containers.length === 0) problems.error('containers', 'must list at least one container', { fix: 'add a container: { name, image }' });

  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((volume, i) => {
    checkVolume(volume, problems.at('volumes', i));
    if (volumes.has(volume.name)) problems.error(`volumes[${i}].name`, 'must be unique within the pod', { value: volume.name, fix: 'rename one of the volumes' });
    volumes.add(volume.name);
  });

  const shared: PodWide = { volumes, names: new Set(), portNames: new Set(), portNumbers: new Set() };
  (spec.initContainers ?? []).forEach((container, i) => checkInPod(container, problems.at('initContainers', i), shared));
  containers.forEach((container, i) => checkInPod(container, problems.at('containers', i), shared));

  const restart = spec.restartPolicy ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) problems.error('restartPolicy', 'must be Always, OnFailure or Never', { value: restart });
  else if (options.controlled && restart !== 'Always') problems.error('restartPolicy', 'must be Always for a pod run by a controller', { value: restart, fix: 'remove restartPolicy, or use a Pod' });
  checkNonNegativeInteger(spec.terminationGracePeriodSeconds, problems, 'terminationGracePeriodSeconds');
  if (spec.hostname !== undefined) checkName(spec.hostname, problems, 'hostname');
  if (spec.subdomain !== undefined) checkName(spec.subdomain, problems, 'subdomain');
  if (spec.serviceAccountName !== undefined) checkName(spec.serviceAccountName, problems, 'serviceAccountName');
  checkIds(spec.securityContext, problems.at('securityContext'));
}

/** What the containers of one pod share: its volumes, and the names and ports that must be unique across them. */
interface PodWide {
  readonly volumes: ReadonlySet<string>;
  readonly names: Set<string>;
  readonly portNames: Set<string>;
  readonly portNumbers: Set<string>;
}

/** A container's own rules, then what it must not repeat of the pod's other containers. */
function checkInPod(container: Container, at: ProblemList, pod: PodWide): void {
  checkContainer(container, at, pod.volumes);
  if (pod.names.has(container.name)) at.error('name', 'must be unique within the pod', { value: container.name, fix: 'rename one of the containers' });
  pod.names.add(container.name);
  // Containers of a pod share one network namespace: two cannot listen on the same port.
  (container.ports ?? []).forEach((port, j) => {
    const key = `${port.containerPort}/${port.protocol ?? 'TCP'}`;
    if (pod.portNumbers.has(key)) at.error(`ports[${j}].containerPort`, 'must be unique within the pod (containers share one network namespace)', { value: port.containerPort, fix: 'use another port number' });
    pod.portNumbers.add(key);
    if (port.name !== undefined) {
      if (pod.portNames.has(port.name)) at.error(`ports[${j}].name`, 'must be unique within the pod', { value: port.name, fix: 'rename one of the ports' });
      pod.portNames.add(port.name);
    }
  });
}

function checkContainer(container: Container, problems: ProblemList, volumes: ReadonlySet<string>): void {
  checkName(container.name, problems, 'name');
  const badImage = typeof container.image === 'string' ? imageReference(container.image) : 'must be a string';
  if (badImage) problems.error('image', badImage, { value: container.image, fix: 'use a reference such as "redis:2.8" or "gcr.io/project/app:1.0"' });
  if (container.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(container.imagePullPolicy)) {
    problems.error('imagePullPolicy', 'must be Always, IfNotPresent or Never', { value: container.imagePullPolicy });
  }
  if (container.workingDir !== undefined && !container.workingDir.startsWith('/')) problems.error('workingDir', 'must be an absolute path', { value: container.workingDir, fix: `use "/${container.workingDir}"` });

  (container.ports ?? []).forEach((port, i) => checkContainerPort(port, problems.at('ports', i)));

  const env = new Set<string>();
  (container.env ?? []).forEach((variable, i) => {
    const badName = envVarName(variable.name);
    if (badName) problems.error(`env[${i}].name`, badName, { value: variable.name, fix: `use "${variable.name.replace(/[^-._a-zA-Z0-9]/g, '_').replace(/^[0-9]/, '_')}"` });
    if (env.has(variable.name)) problems.error(`env[${i}].name`, 'must be unique within the container (the last one would silently win)', { value: variable.name, fix: 'remove one of them' });
    env.add(variable.name);
    const sources = [variable.value !== undefined, variable.valueFrom !== undefined].filter(Boolean).length;
    if (sources !== 1) problems.error(`env[${i}]`, 'must have exactly one of value or valueFrom', { value: variable.name, fix: sources === 0 ? 'give a value (use "" for empty)' : 'remove one of them' });
    if (variable.valueFrom) {
      const kinds = Object.values(variable.valueFrom).filter((v) => v !== undefined).length;
      if (kinds !== 1) problems.error(`env[${i}].valueFrom`, 'must have exactly one of secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef', { value: Object.keys(variable.valueFrom) });
    }
  });

  checkResources(container.resources, problems.at('resources'));

  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    if (!volumes.has(mount.name)) problems.error(`volumeMounts[${i}].name`, 'must name a volume of the pod', { value: mount.name, fix: volumes.size ? `use one of ${[...volumes].map((v) => `"${v}"`).join(', ')}` : 'add the volume to the pod\'s volumes' });
    if (typeof mount.mountPath !== 'string' || !mount.mountPath.startsWith('/')) problems.error(`volumeMounts[${i}].mountPath`, 'must be an absolute path', { value: mount.mountPath });
    else if (mountPaths.has(mount.mountPath)) problems.error(`volumeMounts[${i}].mountPath`, 'must be unique within the container', { value: mount.mountPath, fix: 'mount the volume somewhere else' });
    mountPaths.add(mount.mountPath);
  });

  const ports = container.ports ?? [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = container[kind];
    if (probe) checkProbe(probe, problems.at(kind), ports, kind !== 'readinessProbe');
  }
  checkIds(container.securityContext, problems.at('securityContext'));
  const capabilities = container.securityContext?.capabilities;
  for (const list of ['add', 'drop'] as const) {
    (capabilities?.[list] ?? []).forEach((name, i) => {
      if (!/^[A-Z][A-Z0-9_]*$/.test(name) || name.startsWith('CAP_')) {
        problems.error(`securityContext.capabilities.${list}[${i}]`, 'must be a capability name in capitals without the CAP_ prefix', { value: name, fix: `use "${name.toUpperCase().replace(/^CAP_/, '')}"` });
      }
    });
  }
}

function checkContainerPort(port: ContainerPort, problems: ProblemList): void {
  const badPort = portNumber(port.containerPort);
  if (badPort) problems.error('containerPort', badPort, { value: port.containerPort });
  if (port.hostPort !== undefined) {
    const badHost = portNumber(port.hostPort);
    if (badHost) problems.error('hostPort', badHost, { value: port.hostPort });
  }
  if (port.name !== undefined) {
    const badName = portName(port.name);
    if (badName) problems.error('name', badName, { value: port.name, fix: `use "${toDnsLabel(port.name).slice(0, 15) || 'http'}"` });
  }
  if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) problems.error('protocol', 'must be TCP, UDP or SCTP', { value: port.protocol });
}

function checkResources(resources: ResourceRequirements | undefined, problems: ProblemList): void {
  if (!resources) return;
  for (const kind of RESOURCE_LISTS) {
    const amounts = resources[kind] as Record<string, string> | undefined;
    if (!amounts) continue;
    for (const name of Object.keys(amounts)) {
      const amount = amounts[name];
      if (!isResourceName(name)) problems.error(`${kind}.${name}`, 'must be a resource name: cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource', { value: name });
      const bad = quantity(amount);
      if (bad) problems.error(`${kind}.${name}`, bad, { value: amount, fix: name === 'cpu' ? 'use millicores such as "250m" or cores such as "1"' : 'use bytes with a suffix such as "128Mi" or "1Gi"' });
    }
  }
  const limits = resources.limits as Record<string, string> | undefined;
  const requests = resources.requests as Record<string, string> | undefined;
  if (!limits || !requests) return;
  for (const name of Object.keys(limits)) {
    const limit = limits[name];
    const request = requests[name];
    if (request === undefined) continue;
    const r = parseQuantity(request);
    const l = parseQuantity(limit);
    if (r !== undefined && l !== undefined && r > l) {
      problems.error(`requests.${name}`, `must not exceed the limit ${JSON.stringify(limit)}`, { value: request, fix: `lower the request or raise the limit to at least ${JSON.stringify(request)}` });
    }
  }
}

const RESOURCE_LISTS = ['requests', 'limits'] as const;
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || /^hugepages-/.test(name) || /^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(name);
}

const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

function checkProbe(probe: Probe, problems: ProblemList, ports: readonly ContainerPort[], singleSuccess: boolean): void {
  let handler: (typeof PROBE_HANDLERS)[number] | undefined;
  let count = 0;
  for (const h of PROBE_HANDLERS) {
    if (probe[h] !== undefined && count++ === 0) handler = h;
  }
  if (count !== 1) {
    const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
    problems.error('', 'must have exactly one of httpGet, tcpSocket, exec or grpc', { value: handlers, fix: handlers.length ? 'keep one handler' : 'add httpGet: { path, port }' });
  }
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  if (port !== undefined && handler !== 'exec') {
    const field = `${handler}.port`;
    if (typeof port === 'string') {
      if (!ports.some((p) => p.name === port)) {
        problems.error(field, 'must name a port of the container', { value: port, fix: ports.some((p) => p.name) ? `use one of ${ports.filter((p) => p.name).map((p) => `"${p.name}"`).join(', ')}` : `add ports: [{ name: "${port}", containerPort: ... }] to the container` });
      }
    } else {
      const bad = portNumber(port);
      if (bad) problems.error(field, bad, { value: port });
    }
  }
  if (probe.exec && (!Array.isArray(probe.exec.command) || probe.exec.command.length === 0)) problems.error('exec.command', 'must list the command and its arguments', { value: probe.exec.command });
  if (probe.httpGet?.path !== undefined && !probe.httpGet.path.startsWith('/')) problems.error('httpGet.path', 'must start with "/"', { value: probe.httpGet.path, fix: `use "/${probe.httpGet.path}"` });
  checkNonNegativeInteger(probe.initialDelaySeconds, problems, 'initialDelaySeconds');
  for (const field of ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
    const value = probe[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) problems.error(field, 'must be a positive integer', { value });
  }
  if (singleSuccess && probe.successThreshold !== undefined && probe.successThreshold !== 1) problems.error('successThreshold', 'must be 1 for liveness and startup probes', { value: probe.successThreshold, fix: 'remove successThreshold' });
}

function checkVolume(volume: Volume, problems: ProblemList): void {
  checkName(volume.name, problems, 'name');
  const sources = (['emptyDir', 'hostPath', 'secret', 'configMap', 'persistentVolumeClaim'] as const).filter((s) => volume[s] !== undefined);
  if (sources.length !== 1) problems.error('', 'must have exactly one source: emptyDir, hostPath, secret, configMap or persistentVolumeClaim', { value: sources, fix: sources.length ? 'keep one source' : 'add emptyDir: {}' });
  if (volume.hostPath && !volume.hostPath.path.startsWith('/')) problems.error('hostPath.path', 'must be an absolute path', { value: volume.hostPath.path });
  if (volume.emptyDir?.sizeLimit !== undefined) {
    const bad = quantity(volume.emptyDir.sizeLimit);
    if (bad) problems.error('emptyDir.sizeLimit', bad, { value: volume.emptyDir.sizeLimit });
  }
}

function checkName(name: unknown, problems: ProblemList, field: string): void {
  const bad = typeof name === 'string' ? dns1123Label(name) : 'must be a string';
  if (bad) problems.error(field, bad, { value: name, fix: typeof name === 'string' && toDnsLabel(name) ? `use "${toDnsLabel(name).slice(0, 63)}"` : undefined });
}

function checkIds(context: { runAsUser?: number; runAsGroup?: number } | undefined, problems: ProblemList): void {
  checkNonNegativeInteger(context?.runAsUser, problems, 'runAsUser');
  checkNonNegativeInteger(context?.runAsGroup, problems, 'runAsGroup');
}

export function checkNonNegativeInteger(value: unknown, problems: ProblemList, field: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
    problems.error(field, 'must be a non-negative integer', { value, fix: 'use 0 or more' });
  }
}
