import * as fs from 'fs';
import * as path from 'path';
import { painter } from '../../lib/cli/style';
import { diffObjects, formatText, loadObjects } from '../../lib/diff';

/**
 * Every `kubectl diff` case recorded from a real kube-apiserver 1.32 (test/fixtures/diff/kubectl-diff), through the
 * offline engine on the recorded live objects: the same changes kubectl found, as paths, without its noise
 * (generation, last-applied, defaults). kubectl exits 2 where the server refuses an immutable change; berth says
 * `replace` with the reason instead.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const manifest = (name: string) => loadObjects([path.join(FIXTURES, 'kubectl-diff', 'manifests', name)], '/');
const live = (mode: string) => loadObjects([path.join(FIXTURES, mode)], '/');

const CASES: Array<[string, string, Array<[string, string, string[]]>]> = [
  // case, kubectl exit code, [kind, verdict, paths] per object
  ['d01-deployment-image', '1', [['Deployment', 'update', ['spec.template.spec.containers[name=web].image']]]],
  ['d02-deployment-replicas', '1', [['Deployment', 'update', ['spec.replicas']]]],
  ['d03-configmap-add-label', '1', [['ConfigMap', 'update', ['metadata.labels.team']]]],
  ['d04-service-remove-port', '1', [['Service', 'update', ['spec.ports[port=443,protocol=TCP]']]]],
  ['d05-secret-change-data', '1', [['Secret', 'update', ['data.password']]]],
  ['d06-secret-change-stringdata', '1', [['Secret', 'update', ['data.username']]]],
  ['d07-no-change-deployment', '0', [['Deployment', 'no-change', []]]],
  ['d08-new-configmap', '1', [['ConfigMap', 'create', []]]],
  ['d09-multi-object', '1', [['Deployment', 'update', ['spec.template.spec.containers[name=web].image']], ['ConfigMap', 'update', ['data.LOG_LEVEL']]]],
  ['d11-pod-image-change', '1', [['Pod', 'update', ['spec.containers[name=web].image']]]],
  ['d12-pod-forbidden-port-change', '2', [['Pod', 'replace', ['spec.containers[name=web].ports[containerPort=80,protocol=TCP]', 'spec.containers[name=web].ports[containerPort=8080,protocol=TCP]']]]],
  ['d13-deployment-remove-env', '1', [['Deployment', 'update', ['spec.template.spec.containers[name=web].env[name=MODE]']]]],
  ['d14-statefulset-forbidden-vct-change', '2', [['StatefulSet', 'replace', ['spec.volumeClaimTemplates']]]],
  ['d15-statefulset-image-change', '1', [['StatefulSet', 'update', ['spec.template.spec.containers[name=web].image']]]],
  ['d16-rc-replicas-and-label', '1', [['ReplicationController', 'update', ['metadata.labels.release', 'spec.replicas']]]],
  ['d18-secret-add-label-only', '1', [['Secret', 'update', ['metadata.labels.rotated']]]],
];

describe.each(['csa', 'ssa'])('kubectl diff cases against the %s-applied objects', (mode) => {
  const liveObjects = live(mode);
  // The objects were applied by kubectl: client-side (migrated like `kubectl apply --server-side` does) or as "kubectl".
  const fieldManager = mode === 'ssa' ? 'kubectl' : 'berth';

  test.each(CASES)('%s', (name, kubectlExit, expected) => {
    const file = fs.readdirSync(path.join(FIXTURES, 'kubectl-diff', 'manifests')).find((f) => f.startsWith(name))!;
    expect(fs.readFileSync(path.join(FIXTURES, 'kubectl-diff', mode, `${name}.exitcode`), 'utf8').trim()).toBe(kubectlExit);
    const report = diffObjects(manifest(file), liveObjects, { namespace: `kapi-${mode}`, fieldManager });
    expect(report.objects.map((o) => [o.kind, o.verdict, o.paths])).toEqual(expected);
    for (const object of report.objects) {
      expect(object.namespace).toBe(`kapi-${mode}`);
      if (object.verdict === 'replace') expect(object.reason).toMatch(/cannot change|immutable/);
      else expect(object.reason).toBeNull();
    }
  });

  test('d10-invalid-replicas: the value the server rejects is an error (kubectl exit 2), not an update', () => {
    expect(fs.readFileSync(path.join(FIXTURES, 'kubectl-diff', mode, 'd10-invalid-replicas.exitcode'), 'utf8').trim()).toBe('2');
    expect(() => diffObjects(manifest('d10-invalid-replicas.yaml'), liveObjects, { namespace: `kapi-${mode}`, fieldManager })).toThrow(/spec.replicas: Invalid value: -1/);
  });

  test('x01: the whole unchanged directory is no-change (kubectl exit 0)', () => {
    const report = diffObjects(loadObjects([path.join(FIXTURES, 'manifests')], '/'), liveObjects, { namespace: `kapi-${mode}`, fieldManager });
    expect(report.objects.map((o) => `${o.kind}:${o.verdict}`)).toEqual([
      'ServiceAccount:no-change', 'Pod:no-change', 'Service:no-change', 'ReplicationController:no-change',
      'Deployment:no-change', 'StatefulSet:no-change', 'ConfigMap:no-change', 'Secret:no-change',
    ]);
  });
});

describe('drift made out of band (d17, x07)', () => {
  const desired = manifest('d17-deployment-remove-label-on-live-only-field.yaml');
  test.each(['csa', 'ssa'])('%s: replicas scaled by `kubectl scale` is a conflict with that manager; the added label and env var are not ours', (mode) => {
    const drifted = loadObjects([path.join(FIXTURES, 'drift', `${mode}-04-deployment.live.json`)], '/');
    const report = diffObjects(desired, drifted, { namespace: `kapi-${mode}` });
    expect(report.objects.map((o) => [o.verdict, o.paths, o.conflicts])).toEqual([['conflict', ['spec.replicas'], [{ path: 'spec.replicas', manager: 'kubectl' }]]]);
    const forced = diffObjects(desired, drifted, { namespace: `kapi-${mode}`, forceConflicts: true });
    expect(forced.objects.map((o) => [o.verdict, o.paths, o.conflicts])).toEqual([['update', ['spec.replicas'], []]]);
  });
});

describe('conflicts with another field manager (x05, x06, ssa-conflicts)', () => {
  const liveObjects = live('ssa');
  const desired = manifest('d02-deployment-replicas.yaml');
  test('x05: other-tool setting replicas owned by kubectl is a conflict naming kubectl', () => {
    const report = diffObjects(desired, liveObjects, { namespace: 'kapi-ssa', fieldManager: 'other-tool' });
    expect(report.objects[0]).toMatchObject({ verdict: 'conflict', paths: ['spec.replicas'], conflicts: [{ path: 'spec.replicas', manager: 'kubectl' }] });
  });
  test('x06: --force-conflicts makes it an update', () => {
    const report = diffObjects(desired, liveObjects, { namespace: 'kapi-ssa', fieldManager: 'other-tool', forceConflicts: true });
    expect(report.objects[0]).toMatchObject({ verdict: 'update', paths: ['spec.replicas'], conflicts: [] });
  });
  test('a field shared by two appliers (same value) is not a conflict', () => {
    const after = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'ssa-conflicts', '03-managedFields-after-force.json'), 'utf8'));
    const object = { ...liveObjects.find((o) => o.kind === 'Deployment')!, metadata: { ...liveObjects.find((o) => o.kind === 'Deployment')!.metadata, managedFields: after } };
    const image = manifest('d01-deployment-image.yaml');
    const report = diffObjects(image, [object], { namespace: 'kapi-ssa', fieldManager: 'other-tool' });
    expect(report.objects[0]).toMatchObject({ verdict: 'conflict', conflicts: [{ path: 'spec.template.spec.containers[name=web].image', manager: 'kubectl' }] });
    const same = diffObjects(manifest('d07-no-change-deployment.yaml'), [object], { namespace: 'kapi-ssa', fieldManager: 'other-tool' });
    expect(same.objects[0].verdict).toBe('no-change');
  });
  test('a ConfigMap taken over from client-side apply by kubectl --server-side: no change for the same manifest', () => {
    const taken = loadObjects([path.join(FIXTURES, 'ssa-conflicts', '05-csa-managed-configmap-after-server-side-apply.live.json')], '/');
    const report = diffObjects(manifest('d03-configmap-add-label.yaml'), taken, { namespace: 'kapi-csa', fieldManager: 'kubectl' });
    expect(report.objects.map((o) => o.verdict)).toEqual(['no-change']);
  });
});

describe('the text report quotes values as kubectl prints them', () => {
  test.each(['csa', 'ssa'])('d18 (%s): the added label is `rotated: "yes"`, a string kubectl quotes (YAML 1.1)', (mode) => {
    const report = diffObjects(manifest('d18-secret-add-label-only.yaml'), live(mode), { namespace: `kapi-${mode}`, fieldManager: mode === 'ssa' ? 'kubectl' : 'berth' });
    const added = (text: string) => text.split('\n').filter((line) => /^\+\s/.test(line)).map((line) => line.slice(1).trim());
    const kubectl = added(fs.readFileSync(path.join(FIXTURES, 'kubectl-diff', mode, 'd18-secret-add-label-only.stdout'), 'utf8'));
    expect(kubectl).toEqual(['labels:', 'rotated: "yes"']);
    expect(added(formatText(report, { style: painter(false) }))).toEqual(expect.arrayContaining(kubectl));
  });
});
