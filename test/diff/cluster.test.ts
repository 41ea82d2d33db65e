import * as fs from 'fs';
import * as path from 'path';
import { diffAgainstCluster, DryRunAnswer, fromServerPath, LiveCluster } from '../../lib/diff/cluster';
import { loadObjects, parseObjects } from '../../lib/diff/load';
import { KubeObject } from '../../lib/diff/types';

/**
 * Cluster mode on the contract of lib/live (issue 6b), with the API server's recorded answers (test/fixtures/diff/http):
 * the LIST results are the recorded live objects, the dry runs the recorded 409/200/201/422 bodies.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const http = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'http', name), 'utf8'));
const drifted = loadObjects([path.join(FIXTURES, 'drift', 'ssa-04-deployment.live.json')], '/');
const body = parseObjects(fs.readFileSync(path.join(FIXTURES, 'http', '05-apply-patch-body.yaml'), 'utf8'), 'body');

/** The Status of a 409 as lib/live reports it: one conflict per cause. */
function conflictAnswer(status: { details: { causes: Array<{ message: string; field: string }> } }): DryRunAnswer {
  return { kind: 'conflict', conflicts: status.details.causes.map((c) => ({ manager: /"([^"]+)"/.exec(c.message)![1], path: c.field, message: c.message })) };
}

class RecordedCluster implements LiveCluster {
  public readonly listed: unknown[] = [];
  public readonly namespace = 'kapi-ssa';
  constructor(private readonly live: KubeObject[], private readonly answer: (o: KubeObject, force: boolean) => DryRunAnswer) {}
  public async list(types: ReadonlyArray<{ apiVersion: string; kind: string }>, namespaces: string[] | 'all'): Promise<KubeObject[]> {
    this.listed.push({ types, namespaces });
    return this.live;
  }
  public async dryRunApply(object: KubeObject, options: { fieldManager: string; force: boolean }): Promise<DryRunAnswer> {
    return this.answer(object, options.force);
  }
}

const options = { fieldManager: 'sdk-acceptance', namespace: 'kapi-ssa', forceConflicts: false, prune: false, serverSide: true };

test('server paths in our notation', () => {
  expect(fromServerPath('.spec.template.spec.containers[name="web"].image')).toBe('spec.template.spec.containers[name=web].image');
  expect(fromServerPath('.spec.ports[port=443,protocol="TCP"]')).toBe('spec.ports[port=443,protocol=TCP]');
});

test('--server-side: a 409 from the dry run is a conflict with every manager and path the server named', async () => {
  const cluster = new RecordedCluster(drifted, () => conflictAnswer(http('05-apply-patch-dryrun-conflict.json')));
  const report = await diffAgainstCluster(body, cluster, options);
  expect(report.objects).toEqual([expect.objectContaining({
    kind: 'Deployment', namespace: 'kapi-ssa', name: 'web-deploy', verdict: 'conflict',
    paths: ['spec.replicas', 'spec.template.spec.containers[name=web].image'],
    conflicts: [
      { path: 'spec.replicas', manager: 'kubectl' },
      { path: 'spec.template.spec.containers[name=web].image', manager: 'kubectl' },
      { path: 'spec.template.spec.containers[name=web].image', manager: 'other-tool' },
    ],
  })]);
  expect(cluster.listed).toEqual([{ types: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], namespaces: ['kapi-ssa'] }]);
});

test('--server-side --force-conflicts: the forced dry run against live is an update of replicas and image only', async () => {
  const cluster = new RecordedCluster(drifted, (_, force) => (force ? { kind: 'applied', object: http('06-apply-patch-dryrun-force.json') } : conflictAnswer(http('05-apply-patch-dryrun-conflict.json'))));
  const report = await diffAgainstCluster(body, cluster, { ...options, forceConflicts: true });
  expect(report.objects.map((o) => [o.verdict, o.paths])).toEqual([['update', ['spec.replicas', 'spec.template.spec.containers[name=web].image']]]);
});

test('--server-side: a dry-run create (201) of an object not listed is create; 422 is an error', async () => {
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created-by-apply' }, data: { k: 'v' } };
  const created = await diffAgainstCluster([configMap], new RecordedCluster([], () => ({ kind: 'applied', object: http('07-apply-patch-dryrun-create.json') })), options);
  expect(created.objects.map((o) => [o.verdict, o.namespace])).toEqual([['create', 'kapi-ssa']]);
  const invalid = new RecordedCluster(drifted, () => ({ kind: 'invalid', message: http('14-invalid-dryrun.json').message }));
  await expect(diffAgainstCluster(body, invalid, options)).rejects.toThrow(/must be greater than or equal to 0/);
});

test('--server-side: objects whose namespace or CRD the same app creates are create, not errors', async () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } };
  const inNs: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'fresh' } };
  const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'backups.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Backup' }, versions: [] } };
  const cr: KubeObject = { apiVersion: 'example.com/v1', kind: 'Backup', metadata: { name: 'b', namespace: 'fresh' } };
  const cluster = new RecordedCluster([], (o) =>
    o.kind === 'Backup' ? { kind: 'unknown-kind', apiVersion: o.apiVersion } : o.metadata.namespace === 'fresh' ? { kind: 'missing-namespace', namespace: 'fresh' } : { kind: 'applied', object: o });
  const report = await diffAgainstCluster([ns, crd, inNs, cr], cluster, options);
  expect(report.objects.map((o) => `${o.kind}:${o.verdict}`)).toEqual(['Namespace:create', 'CustomResourceDefinition:create', 'ConfigMap:create', 'Backup:create']);
  const orphan = new RecordedCluster([], () => ({ kind: 'missing-namespace', namespace: 'fresh' }));
  await expect(diffAgainstCluster([inNs], orphan, options)).rejects.toThrow(/namespace "fresh" does not exist/);
});

test('offline verdicts on listed objects when not --server-side', async () => {
  const cluster = new RecordedCluster(drifted, () => {
    throw new Error('no dry run without --server-side');
  });
  const report = await diffAgainstCluster(body, cluster, { ...options, serverSide: false, fieldManager: 'kubectl' });
  expect(report.objects.map((o) => [o.verdict, o.conflicts])).toEqual([['conflict', [{ path: 'spec.replicas', manager: 'kubectl' }]]]);
});
