/**
 * `berth diff` end to end against the fake API server (recorded kube-apiserver 1.32 answers): the built CLI, a
 * kubeconfig, the cluster read with LISTs and (--server-side) dry-run applies. Written by 6b for lib/live; the
 * verdicts come from 6a's engine (lib/diff/cluster.ts), which this only drives.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { REPO, tempDir } from '../helpers';
import { ADMIN_TOKEN, FIXTURES, kubeconfig, recorded } from '../support/fake-apiserver';
import { expectOnlyDryRuns, Harness, startHarness } from './setup';

const MANIFESTS = path.join(REPO, 'test', 'fixtures', 'diff', 'kubectl-diff', 'manifests');
const DEPLOYMENT = '/apis/apps/v1/namespaces/kapi-ssa/deployments/web-deploy';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI in a child process; not spawnSync, which would stop this process's fake server from answering. */
function berthAsync(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'berth.js'), ...args], { cwd, env: { ...process.env, KUBECONFIG: '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('berth diff --kubeconfig against the recorded kube-apiserver 1.32', () => {
  let harness: Harness;
  let cwd: string;
  beforeAll(async () => {
    harness = await startHarness({
      applyAnswers: [
        { path: DEPLOYMENT, when: (q) => q.fieldManager === 'sdk-acceptance' && q.force === 'true', answer: recorded('06-apply-patch-dryrun-force') },
        { path: DEPLOYMENT, when: (q) => q.fieldManager === 'sdk-acceptance', answer: recorded('05-apply-patch-dryrun-conflict') },
        { path: DEPLOYMENT, when: (_q, body) => body.includes('nginx:1.27'), answer: { status: 200, body: parse(fs.readFileSync(path.join(FIXTURES, 'dry-run-server', 'ssa-deployment-image.yaml.stdout'), 'utf8')) } },
      ],
    });
    cwd = tempDir('berth-live-cli-');
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(() => expectOnlyDryRuns(harness.server));

  const diff = (...args: string[]): Promise<Run> => berthAsync(['diff', '--kubeconfig', harness.kubeconfigFile, '--json', ...args], cwd);
  const objects = (run: Run): Array<Record<string, unknown>> => (JSON.parse(run.stdout) as { objects: Array<Record<string, unknown>> }).objects;

  test('--server-side: an image change is an update of that one path (exit 1)', async () => {
    const run = await diff('--server-side', '--field-manager', 'kubectl', '--desired', path.join(MANIFESTS, 'd01-deployment-image.yaml'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(objects(run)).toEqual([expect.objectContaining({ kind: 'Deployment', namespace: 'kapi-ssa', name: 'web-deploy', verdict: 'update', paths: ['spec.template.spec.containers[name=web].image'] })]);
    const patch = harness.server.requests.find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ path: DEPLOYMENT, query: { dryRun: 'All', fieldManager: 'kubectl', force: 'false' }, headers: expect.objectContaining({ 'content-type': 'application/apply-patch+yaml' }) });
  });

  test('--server-side: an unchanged manifest is no-change (exit 0)', async () => {
    const run = await diff('--server-side', '--field-manager', 'kubectl', '--desired', path.join(MANIFESTS, 'd07-no-change-deployment.yaml'));
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(objects(run)).toEqual([expect.objectContaining({ name: 'web-deploy', verdict: 'no-change' })]);
  });

  test('--server-side: the recorded 409 is a conflict naming each manager; --force-conflicts makes it an update', async () => {
    const desired = path.join(FIXTURES, 'http', '05-apply-patch-body.yaml');
    const conflict = await diff('--server-side', '--field-manager', 'sdk-acceptance', '--desired', desired);
    expect(conflict.code).toBe(1);
    expect(objects(conflict)).toEqual([expect.objectContaining({
      verdict: 'conflict',
      conflicts: [
        { path: 'spec.replicas', manager: 'kubectl' },
        { path: 'spec.template.spec.containers[name=web].image', manager: 'kubectl' },
        { path: 'spec.template.spec.containers[name=web].image', manager: 'other-tool' },
      ],
    })]);

    const forced = await diff('--server-side', '--field-manager', 'sdk-acceptance', '--force-conflicts', '--desired', desired);
    expect(forced.code).toBe(1);
    expect(objects(forced)).toEqual([expect.objectContaining({ verdict: 'update' })]);
    expect(harness.server.requests.filter((r) => r.method === 'PATCH').map((r) => r.query.force)).toEqual(['false', 'true']);
  });

  test('without --server-side: one LIST per kind and namespace (the context\'s), then the offline engine (d09)', async () => {
    const run = await diff('--field-manager', 'kubectl', '--desired', path.join(MANIFESTS, 'd09-multi-object.yaml'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(harness.server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    // The changes kubectl diff --server-side found for d09, without its noise.
    expect(objects(run).map((o) => [o.kind, o.namespace, o.name, o.verdict, o.paths])).toEqual([
      ['Deployment', 'kapi-ssa', 'web-deploy', 'update', ['spec.template.spec.containers[name=web].image']],
      ['ConfigMap', 'kapi-ssa', 'web-config', 'update', ['data.LOG_LEVEL']],
    ]);
    const lists = harness.server.requests.filter((r) => !/^\/(api|apis)$/.test(r.path)).map((r) => r.path).sort();
    expect(lists).toEqual(['/api/v1/namespaces/kapi-ssa/configmaps', '/apis/apps/v1/namespaces/kapi-ssa/deployments']);
  });

  test('--server-side: a namespace and what goes into it, both new, are create (the dry run cannot know the namespace yet)', async () => {
    const desired = path.join(cwd, 'new-namespace.yaml');
    fs.writeFileSync(desired, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: brand-new\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: brand-new\ndata:\n  mode: prod\n');
    const run = await diff('--server-side', '--desired', desired);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(objects(run).map((o) => [o.kind, o.namespace, o.name, o.verdict])).toEqual([
      ['Namespace', null, 'brand-new', 'create'],
      ['ConfigMap', 'brand-new', 'settings', 'create'],
    ]);
    expect(harness.server.requests.filter((r) => r.method === 'PATCH').map((r) => r.path).sort()).toEqual(['/api/v1/namespaces/brand-new', '/api/v1/namespaces/brand-new/configmaps/settings']);
  });

  test('a namespace that does not exist is exit 2, as kubectl diff (x04)', async () => {
    const run = await diff('--server-side', '-n', 'does-not-exist', '--desired', path.join(MANIFESTS, 'd08-new-configmap.yaml'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('berth diff: ConfigMap brand-new-config: namespace "does-not-exist" does not exist and the app does not create it\n');
    expect(run.stdout).toBe('');
  });

  test('a wrong token (401) and an unreachable server are exit 2 with one line naming the context', async () => {
    const wrong = path.join(cwd, 'wrong-token');
    fs.writeFileSync(wrong, kubeconfig([{ name: 'dev', server: harness.server.url, token: 'wrong-token', ca: harness.certificates.files.cacert }]));
    const unauthorized = await berthAsync(['diff', '--kubeconfig', wrong, '--desired', path.join(MANIFESTS, 'd01-deployment-image.yaml')], cwd);
    expect(unauthorized).toEqual({ code: 2, stdout: '', stderr: `berth diff: context "dev" (${harness.server.url}) rejected the credentials of user "dev" (401 Unauthorized): the token or client certificate is wrong or expired; log in again or refresh the kubeconfig\n` });

    const down = path.join(cwd, 'down');
    fs.writeFileSync(down, kubeconfig([{ name: 'down', server: 'https://127.0.0.1:1', token: ADMIN_TOKEN }]));
    const unreachable = await berthAsync(['diff', '--kubeconfig', down, '--server-side', '--desired', path.join(MANIFESTS, 'd01-deployment-image.yaml')], cwd);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^berth diff: context "down" \(https:\/\/127\.0\.0\.1:1\): cannot reach the API server: connect ECONNREFUSED 127\.0\.0\.1:1; .*\n$/);
  });
});
