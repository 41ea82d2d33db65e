import { ProblemList } from '../../lib/problems';
import { checkAnnotations, checkLabels } from '../../lib/validation/metadata';
import { dns1035Label, dns1123Subdomain, toDnsLabel } from '../../lib/validation/names';
import { checkPod } from '../../lib/validation/pod';
import { parseQuantity, quantity } from '../../lib/validation/quantity';
import type { PodModel } from '../pod-model';
import { OWNED_FLAGS } from './flags';
import { ETCD_3_4_FLAGS } from './known-flags';
import type { EtcdClusterProps, EtcdTls } from './props';

/** What the rules need besides the props: the values the construct derived from them. */
export interface CheckedCluster {
  readonly props: EtcdClusterProps;
  readonly name: string;
  readonly size: number;
  /** The etcd version in effect: given, read from the image tag, or the default; undefined when unknown. */
  readonly version?: string;
  /** The selector labels podLabels must not override. */
  readonly selector: Readonly<Record<string, string>>;
  /** One concrete member: the pod rules every workload gets run on it. */
  readonly member: PodModel;
}

export const MIN_SIZE = 1;
export const MAX_SIZE = 9;
/** StatefulSet pods carry `controller-revision-hash: <name>-<10-char hash>`, a label value of at most 63 characters. */
const MAX_NAME_LENGTH = 52;
const VERSION = /^3\.[4-6]\.\d+$/;

export function checkEtcdCluster(cluster: CheckedCluster, problems: ProblemList): void {
  const { props } = cluster;
  checkSize(cluster.size, problems);
  checkName(cluster.name, problems);
  checkVersion(props, problems);
  checkLabels(props.metadata?.labels, problems, 'metadata.labels');
  checkAnnotations(props.metadata?.annotations, problems, 'metadata.annotations');
  for (const key of Object.keys(props.podLabels ?? {})) {
    if (key in cluster.selector) problems.error(`podLabels[${JSON.stringify(key)}]`, 'must not be set: it is part of the cluster\'s selector', { value: props.podLabels?.[key], fix: 'use another label key' });
  }
  checkStorage(props, problems);
  checkTls(props.clientTls, problems.at('clientTls'));
  checkTls(props.peerTls, problems.at('peerTls'));
  checkExtraFlags(props.extraFlags, cluster.version, problems);
  if (props.clusterToken !== undefined && (typeof props.clusterToken !== 'string' || !/^[^\s,]+$/.test(props.clusterToken))) {
    problems.error('clusterToken', 'must be a non-empty string without spaces or commas', { value: props.clusterToken, fix: 'remove clusterToken to get a stable token derived from the construct path' });
  }
  checkMemberPod(cluster.member, problems);
}

/** `must be an odd number from 1 to 9, got 4 — use 3 or 5`: the fix names the valid sizes around the one given. */
export function checkSize(size: unknown, problems: ProblemList): void {
  const n = typeof size === 'number' ? size : NaN;
  if (Number.isInteger(n) && n % 2 === 1 && n >= MIN_SIZE && n <= MAX_SIZE) return;
  problems.error('size', `must be an odd number from ${MIN_SIZE} to ${MAX_SIZE}`, { value: size, fix: `use ${nearestSizes(n).join(' or ')}` });
}

function nearestSizes(n: number): number[] {
  if (!Number.isFinite(n) || n < MIN_SIZE) return [MIN_SIZE];
  if (n > MAX_SIZE) return [MAX_SIZE];
  const below = Math.floor(n) % 2 === 1 ? Math.floor(n) : Math.floor(n) - 1;
  const above = Math.ceil(n) % 2 === 1 && Math.ceil(n) !== below ? Math.ceil(n) : below + 2;
  return [below, above].filter((s) => s >= MIN_SIZE && s <= MAX_SIZE);
}

function checkName(name: string, problems: ProblemList): void {
  const bad = nameProblem(name);
  if (bad) problems.error('metadata.name', bad, { value: name, fix: `use "${suggestedName(name)}"` });
}

/** Why a cluster name cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  return dns1035Label(name) ?? (name.length > MAX_NAME_LENGTH ? `must be at most ${MAX_NAME_LENGTH} characters (StatefulSet pods are labelled with the name and a hash)` : undefined);
}

export function suggestedName(name: string): string {
  return toDnsLabel(name).replace(/^[0-9-]+/, '').slice(0, MAX_NAME_LENGTH).replace(/-+$/, '') || 'etcd';
}

function checkVersion(props: EtcdClusterProps, problems: ProblemList): void {
  const { version, image } = props;
  if (version !== undefined) {
    if (typeof version !== 'string' || !VERSION.test(version)) {
      const stripped = typeof version === 'string' ? version.replace(/^v/, '') : '';
      problems.error('version', 'must be an etcd release from 3.4 to 3.6, as MAJOR.MINOR.PATCH', { value: version, fix: VERSION.test(stripped) ? `use "${stripped}"` : 'use "3.4.23"' });
      return;
    }
  }
  const tag = typeof image === 'string' ? tagVersion(image) : undefined;
  if (version !== undefined && tag !== undefined && tag !== version) {
    problems.error('image', `tag must match version "${version}"`, { value: image, fix: `use the tag "v${version}", or remove version` });
  } else if (version === undefined && tag !== undefined && !VERSION.test(tag)) {
    problems.error('image', `tag must name an etcd release from 3.4 to 3.6 (the flags berth renders), not ${tag}`, { value: image, fix: 'use an image such as "quay.io/coreos/etcd:v3.4.23"' });
  }
}

/** The etcd version an image tag names (`quay.io/coreos/etcd:v3.5.9` → `3.5.9`), if it names one. */
export function tagVersion(image: string): string | undefined {
  const match = /:v?(\d+\.\d+\.\d+)(?:[-+][\w.-]*)?(?:@.*)?$/.exec(image);
  return match?.[1];
}

function checkStorage(props: EtcdClusterProps, problems: ProblemList): void {
  const storage = props.storage;
  if (!storage) return;
  const at = problems.at('storage');
  if (storage.size !== undefined) {
    const bad = quantity(storage.size) ?? ((parseQuantity(storage.size) ?? 0) <= 0 ? 'must be more than zero' : undefined);
    if (bad) at.error('size', bad, { value: storage.size, fix: 'use bytes with a suffix such as "1Gi" or "8Gi"' });
  }
  if (storage.storageClassName !== undefined) {
    if (storage.ephemeral) at.error('storageClassName', 'must not be set with ephemeral storage (an emptyDir has no storage class)', { value: storage.storageClassName, fix: 'remove storageClassName, or ephemeral' });
    const bad = typeof storage.storageClassName === 'string' ? dns1123Subdomain(storage.storageClassName) : 'must be a string';
    if (bad) at.error('storageClassName', bad, { value: storage.storageClassName });
  }
}

function checkTls(tls: EtcdTls | undefined, problems: ProblemList): void {
  if (!tls) return;
  const bad = typeof tls.secretName === 'string' ? dns1123Subdomain(tls.secretName) : 'must be the name of a Secret';
  if (bad) problems.error('secretName', bad, { value: tls.secretName, fix: typeof tls.secretName === 'string' && toDnsLabel(tls.secretName) ? `use "${toDnsLabel(tls.secretName)}"` : 'name a Secret holding tls.crt, tls.key and ca.crt' });
}

function checkExtraFlags(flags: Readonly<Record<string, string>> | undefined, version: string | undefined, problems: ProblemList): void {
  for (const [flag, value] of Object.entries(flags ?? {})) {
    const field = `extraFlags[${JSON.stringify(flag)}]`;
    if (flag.startsWith('-')) {
      problems.error(field, 'must be a flag name without the leading "--"', { value: flag, fix: `use "${flag.replace(/^-+/, '')}"` });
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/.test(flag)) {
      problems.error(field, 'must be a flag name: lowercase letters, digits and "-"', { value: flag });
      continue;
    }
    const owner = OWNED_FLAGS.get(flag);
    if (owner) problems.error(field, 'conflicts with a flag berth sets', { value: value, fix: owner });
    else if (version?.startsWith('3.4.') && !ETCD_3_4_FLAGS.has(flag)) {
      const near = closest(flag, ETCD_3_4_FLAGS);
      problems.error(field, 'is not a flag of etcd 3.4 (etcd would refuse to start)', { value: flag, fix: near ? `did you mean "${near}"?` : 'see etcd --help' });
    }
    if (typeof value !== 'string') problems.error(field, 'must be a string', { value, fix: `use "${String(value)}"` });
  }
}

/** The known flag within edit distance 3, for a "did you mean". */
function closest(word: string, known: ReadonlySet<string>): string | undefined {
  let best: { flag: string; distance: number } | undefined;
  for (const flag of known) {
    const distance = editDistance(word, flag);
    if (distance <= 3 && (!best || distance < best.distance)) best = { flag, distance };
  }
  return best?.flag;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * The pod rules every workload gets, run on member 0 (what the StatefulSet really creates). Problems about fields
 * the user gave are reported under the prop's name (`image`, `resources.requests.cpu`, `podLabels[...]`).
 */
function checkMemberPod(member: PodModel, problems: ProblemList): void {
  const scratch = new ProblemList('');
  checkPod(member, scratch, { controlled: true });
  for (const problem of scratch.all) {
    const field = problem.field
      .replace(/^containers\[0\]\.(image|resources)/, '$1')
      .replace(/^labels\[/, 'podLabels[');
    const details = { ...('value' in problem ? { value: problem.value } : {}), ...(problem.fix ? { fix: problem.fix } : {}) };
    if (problem.severity === 'warning') problems.warn(field, problem.message, details);
    else problems.error(field, problem.message, details);
  }
}
