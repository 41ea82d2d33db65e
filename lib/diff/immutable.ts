import { parseQuantity } from '../validation/quantity';
import type { Change } from './compare';
import { formatPath, shapeOf } from './paths';

/**
 * Changes the API server refuses on an existing object (docs/diff.md §1.6): the object must be deleted and created
 * again. Returns the reason, or undefined when an update will do.
 */
export function replaceReason(kind: string, changes: readonly Change[], desired: Record<string, unknown>, live: Record<string, unknown>): string | undefined {
  const shapes = changes.map((c) => ({ change: c, shape: shapeOf(c.path), text: formatPath(c.path) }));
  const first = (test: (shape: string) => boolean): string | undefined => shapes.find((s) => test(s.shape))?.text;
  const under = (prefix: string) => (shape: string) => shape === prefix || shape.startsWith(`${prefix}.`) || shape.startsWith(`${prefix}[`);
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet': {
      const hit = first(under('spec.selector'));
      return hit && `${hit} is immutable on a ${kind} (apps/v1)`;
    }
    case 'StatefulSet': {
      const mutable = ['spec.replicas', 'spec.ordinals', 'spec.template', 'spec.updateStrategy', 'spec.revisionHistoryLimit', 'spec.persistentVolumeClaimRetentionPolicy', 'spec.minReadySeconds'];
      const hit = first((s) => under('spec')(s) && !mutable.some((m) => under(m)(s)));
      return hit && `${hit} cannot change: a StatefulSet may only update replicas, ordinals, template, updateStrategy, revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds`;
    }
    case 'Job': {
      const hit = first((s) => ['spec.selector', 'spec.template', 'spec.completionMode'].some((p) => under(p)(s)));
      return hit && `${hit} is immutable on a Job`;
    }
    case 'Pod': {
      const allowed = [/^spec\.(init)?[cC]ontainers\[\]\.image$/, /^spec\.activeDeadlineSeconds$/, /^spec\.terminationGracePeriodSeconds$/];
      const hit = first((s) => under('spec')(s) && !allowed.some((re) => re.test(s)) && !(s === 'spec.tolerations' && tolerationsOnlyAdded(desired, live)));
      return hit && `${hit} cannot change: a Pod may only update container images, activeDeadlineSeconds, terminationGracePeriodSeconds and add tolerations`;
    }
    case 'Service': {
      const hit = first((s) => s === 'spec.clusterIP' || under('spec.clusterIPs')(s));
      return hit && `${hit} is immutable on a Service once allocated`;
    }
    case 'PersistentVolumeClaim': {
      const storage = shapes.find((s) => s.shape === 'spec.resources.requests.storage');
      if (storage && shrinks(desired, live)) return `${storage.text} may grow but not shrink`;
      const hit = first((s) => under('spec')(s) && !under('spec.resources.requests')(s) && !under('spec.volumeAttributesClassName')(s));
      return hit && `${hit} is immutable on a PersistentVolumeClaim`;
    }
    case 'ConfigMap':
    case 'Secret': {
      const type = kind === 'Secret' ? first((s) => s === 'type') : undefined;
      if (type) return `${type} is immutable on a Secret`;
      if (live.immutable !== true) return undefined;
      const hit = first((s) => ['data', 'binaryData', 'immutable'].some((p) => under(p)(s)));
      return hit && `${hit} cannot change: the live ${kind} is immutable`;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const hit = first(under('roleRef'));
      return hit && `${hit} is immutable on a ${kind}`;
    }
    case 'CustomResourceDefinition': {
      const hit = first((s) => s === 'spec.scope' || s === 'spec.group');
      return hit && `${hit} is immutable on a CustomResourceDefinition`;
    }
    case 'StorageClass': {
      const hit = first((s) => ['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode'].some((p) => under(p)(s)));
      return hit && `${hit} is immutable on a StorageClass`;
    }
    default:
      return undefined;
  }
}

function tolerationsOnlyAdded(desired: Record<string, unknown>, live: Record<string, unknown>): boolean {
  const before = ((live.spec as Record<string, unknown> | undefined)?.tolerations ?? []) as unknown[];
  const after = ((desired.spec as Record<string, unknown> | undefined)?.tolerations ?? []) as unknown[];
  const keys = new Set(after.map((t) => JSON.stringify(t)));
  return before.every((t) => keys.has(JSON.stringify(t)));
}

function shrinks(desired: Record<string, unknown>, live: Record<string, unknown>): boolean {
  const storage = (o: Record<string, unknown>) => ((o.spec as { resources?: { requests?: { storage?: string } } } | undefined)?.resources?.requests?.storage);
  const after = storage(desired);
  const before = storage(live);
  if (after === undefined || before === undefined) return false;
  const a = parseQuantity(after);
  const b = parseQuantity(before);
  return a !== undefined && b !== undefined && a < b;
}
