import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { Io } from '../../lib/cli/usage';
import { KubeObject } from '../../lib/diff/types';
import { ADMIN_TOKEN, FakeApiServer, kubeconfig, recorded, recordedObjects, startFakeApiServer } from '../support/fake-apiserver';
import { tempDir } from '../helpers';

/**
 * `berth diff` against a cluster: the CLI in-process (the test API server on 127.0.0.1 runs in this process and
 * replays the recorded kube-apiserver 1.32 answers), through lib/live.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const MANIFEST = (name: string) => path.join(FIXTURES, 'kubectl-diff', 'manifests', name);
const DEPLOYMENT_PATH = '/apis/apps/v1/namespaces/kapi-ssa/deployments/web-deploy';

async function diff(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), cwd, isTTY: false };
  const code = await run(['diff', ...args], io);
  return { code, stdout, stderr };
}

describe('berth diff against a cluster (recorded kube-apiserver 1.32)', () => {
  let server: FakeApiServer;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    // The live kapi-ssa Deployment as it was when the dry runs were recorded: scaled, labelled and given an env var out of band.
    const drifted = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'drift', 'ssa-04-deployment.live.json'), 'utf8')) as KubeObject;
    const objects = recordedObjects().map((o) => (o.kind === 'Deployment' && o.metadata.namespace === 'kapi-ssa' ? drifted : o));
    server = await startFakeApiServer({
      objects,
      applyAnswers: [
        { path: DEPLOYMENT_PATH, when: (q) => q.force === 'true', answer: recorded('06-apply-patch-dryrun-force') },
        { path: DEPLOYMENT_PATH, answer: recorded('05-apply-patch-dryrun-conflict') },
      ],
    });
    dir = tempDir();
    config = path.join(dir, 'kubeconfig');
    fs.writeFileSync(config, kubeconfig([{ name: 'admin', server: server.url, namespace: 'kapi-csa', token: ADMIN_TOKEN }]));
  });
  afterAll(async () => {
    expect(server.realWrites).toEqual([]);
    await server.close();
  });

  test('LISTs the kinds of the app in its namespaces and diffs offline (d09: two updates)', async () => {
    const result = await diff(['--kubeconfig', config, '--desired', MANIFEST('d09-multi-object.yaml'), '--json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).objects.map((o: { kind: string; namespace: string; verdict: string; paths: string[] }) => [o.kind, o.namespace, o.verdict, o.paths])).toEqual([
      ['Deployment', 'kapi-csa', 'update', ['spec.template.spec.containers[name=web].image']],
      ['ConfigMap', 'kapi-csa', 'update', ['data.LOG_LEVEL']],
    ]);
  });

  test('no change is exit 0 (x01)', async () => {
    const result = await diff(['--kubeconfig', config, '--desired', path.join(FIXTURES, 'manifests')], dir);
    expect(result.code).toBe(0);
  });

  test('--server-side: the recorded conflict, then --force-conflicts: the recorded forced dry run', async () => {
    const body = path.join(FIXTURES, 'http', '05-apply-patch-body.yaml');
    const base = ['--kubeconfig', config, '-n', 'kapi-ssa', '--desired', body, '--server-side', '--field-manager', 'sdk-acceptance', '--json'];
    const conflict = await diff(base, dir);
    expect(conflict.code).toBe(1);
    expect(JSON.parse(conflict.stdout).objects[0]).toMatchObject({ verdict: 'conflict', conflicts: [{ path: 'spec.replicas', manager: 'kubectl' }, { path: 'spec.template.spec.containers[name=web].image', manager: 'kubectl' }, { path: 'spec.template.spec.containers[name=web].image', manager: 'other-tool' }] });
    const forced = await diff([...base, '--force-conflicts'], dir);
    expect(JSON.parse(forced.stdout).objects[0]).toMatchObject({ verdict: 'update', paths: ['spec.replicas', 'spec.template.spec.containers[name=web].image'] });
    expect(server.requests.filter((r) => r.method === 'PATCH').every((r) => r.query.dryRun === 'All' && r.query.fieldManager === 'sdk-acceptance')).toBe(true);
  });

  test('a wrong token (401) and an unreachable server are errors with exit 2', async () => {
    const wrong = path.join(dir, 'wrong');
    fs.writeFileSync(wrong, kubeconfig([{ name: 'admin', server: server.url, token: 'wrong-token' }]));
    const unauthorized = await diff(['--kubeconfig', wrong, '--desired', MANIFEST('d01-deployment-image.yaml')], dir);
    expect(unauthorized).toMatchObject({ code: 2, stdout: '' });
    const nowhere = path.join(dir, 'nowhere');
    fs.writeFileSync(nowhere, kubeconfig([{ name: 'admin', server: 'http://127.0.0.1:9', token: ADMIN_TOKEN }]));
    const unreachable = await diff(['--kubeconfig', nowhere, '--desired', MANIFEST('d01-deployment-image.yaml')], dir);
    expect(unreachable).toMatchObject({ code: 2, stdout: '' });
    expect(unreachable.stderr).toMatch(/^berth diff: /);
  });
});
