import { FieldsV1, KubeObject } from '../../lib/diff/types';

/** Builders for scenario tests: a desired object, and the live object the API server would hold for it. */
export function deployment(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}, name = 'web'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...container }] } },
      ...spec,
    },
  };
}

/** Live: the object with server metadata, the given managers' fields and the given extra (defaulted) fields. */
export function live(object: KubeObject, managers: Record<string, FieldsV1 | { fields: FieldsV1; operation?: string; subresource?: string }>, patch: (o: any) => void = () => undefined): KubeObject {
  const copy = JSON.parse(JSON.stringify(object));
  copy.metadata.uid = '0d4c6c8e-0000-4000-8000-000000000001';
  copy.metadata.resourceVersion = '42';
  copy.metadata.generation = 3;
  copy.metadata.creationTimestamp = '2026-11-28T11:17:07Z';
  copy.metadata.managedFields = Object.entries(managers).map(([manager, entry]) => {
    const full = 'fields' in entry && typeof entry.fields === 'object' && !('f:metadata' in entry) && !('f:spec' in entry) ? (entry as { fields: FieldsV1; operation?: string; subresource?: string }) : { fields: entry as FieldsV1 };
    return { manager, operation: full.operation ?? 'Apply', ...(full.subresource ? { subresource: full.subresource } : {}), apiVersion: copy.apiVersion, fieldsType: 'FieldsV1', fieldsV1: full.fields };
  });
  copy.status = { observedGeneration: 3 };
  patch(copy);
  return copy;
}

/** The server's defaults for the Deployment above (recorded in test/fixtures/diff/csa/04-deployment.live.json). */
export function withDeploymentDefaults(o: any): void {
  o.spec.replicas ??= 1;
  o.spec.progressDeadlineSeconds = 600;
  o.spec.revisionHistoryLimit = 10;
  o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  o.metadata.annotations = { ...(o.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': '1' };
  o.spec.template.metadata.creationTimestamp = null;
  const pod = o.spec.template.spec;
  Object.assign(pod, { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
  for (const c of pod.containers) {
    c.imagePullPolicy ??= 'IfNotPresent';
    c.terminationMessagePath = '/dev/termination-log';
    c.terminationMessagePolicy = 'File';
    c.resources ??= {};
    for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  }
}

/** What our Apply of the Deployment above owns. */
export const OURS: FieldsV1 = {
  'f:spec': {
    'f:selector': {},
    'f:template': { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } },
  },
};
