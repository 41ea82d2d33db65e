import { isRecord } from './fieldset';
import { KubeObject } from './types';

/** Metadata the API server owns: never a change, never ours. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** Annotations written by tools and controllers rather than by the app. */
export const TOOL_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * An object in the form both sides compare in: no status or server-owned metadata, no tool annotations, no nulls,
 * and a Secret's `stringData` folded into base64 `data` as the API server stores it.
 */
export function normalize(object: KubeObject): Record<string, unknown> {
  const copy = withoutNulls(object) as Record<string, unknown>;
  delete copy.status;
  const metadata = { ...(copy.metadata as Record<string, unknown>) };
  for (const field of SERVER_METADATA) delete metadata[field];
  if (isRecord(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    for (const key of TOOL_ANNOTATIONS) delete annotations[key];
    metadata.annotations = annotations;
  }
  copy.metadata = metadata;
  if (object.kind === 'Secret' && !object.apiVersion.includes('/')) foldStringData(copy);
  if (object.kind === 'Service' && !object.apiVersion.includes('/')) dropUnallocated(copy);
  return copy;
}

/** An empty clusterIP or a zero nodePort asks for allocation; on update the server keeps what it allocated. */
function dropUnallocated(service: Record<string, unknown>): void {
  if (!isRecord(service.spec)) return;
  const spec = { ...service.spec };
  if (spec.clusterIP === '') delete spec.clusterIP;
  if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((port) => (isRecord(port) && port.nodePort === 0 ? Object.fromEntries(Object.entries(port).filter(([k]) => k !== 'nodePort')) : port));
  service.spec = spec;
}

function foldStringData(secret: Record<string, unknown>): void {
  if (!isRecord(secret.stringData)) return;
  const data: Record<string, unknown> = isRecord(secret.data) ? { ...secret.data } : {};
  for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  secret.data = data;
  delete secret.stringData;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(withoutNulls);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(value)) if (sub !== null && sub !== undefined) out[key] = withoutNulls(sub);
    return out;
  }
  return value;
}
