import * as fs from 'fs';
import * as path from 'path';
import { ClusterError, connectCluster } from '../../lib/live';
import { ADMIN_TOKEN, kubeconfig } from '../support/fake-apiserver';
import { tempDir } from '../helpers';
import { Harness, startHarness } from './setup';

describe('connectCluster: kubeconfig, contexts and namespace', () => {
  let harness: Harness;
  let dir: string;
  /** Contexts: `expired` (current; a wrong token), `csa` (namespace kapi-csa), `bare` (no namespace), `cert` (client certificate). */
  let file: string;
  beforeAll(async () => {
    harness = await startHarness();
    dir = tempDir('berth-live-kc-');
    const ca = harness.certificates.files.cacert;
    file = path.join(dir, 'config');
    fs.writeFileSync(file, kubeconfig([
      { name: 'expired', server: harness.server.url, namespace: 'kapi-ssa', token: 'wrong-token', ca },
      { name: 'csa', server: harness.server.url, namespace: 'kapi-csa', token: ADMIN_TOKEN, ca },
      { name: 'bare', server: harness.server.url, token: ADMIN_TOKEN, ca },
      { name: 'cert', server: harness.server.url, namespace: 'kapi-ssa', ca, clientCert: harness.certificates.files.cert, clientKey: harness.certificates.files.key },
    ]));
  });
  afterAll(async () => {
    await harness?.close();
  });

  const deployments = [{ apiVersion: 'apps/v1', kind: 'Deployment' }];

  test('the namespace comes from the context; -n overrides it; else `default`', async () => {
    expect((await harness.connect()).namespace).toBe('kapi-ssa');
    expect((await harness.connect({ namespace: 'other' })).namespace).toBe('other');
    expect((await harness.connect({ kubeconfig: file, context: 'csa' })).namespace).toBe('kapi-csa');
    expect((await harness.connect({ kubeconfig: file, context: 'bare' })).namespace).toBe('default');
  });

  test('--context switches from the current context (whose token the server rejects) to a working one', async () => {
    const current = await harness.connect({ kubeconfig: file });
    expect(current.target).toEqual({ context: 'expired', server: harness.server.url, user: 'expired' });
    await expect(current.list(deployments, ['kapi-ssa'])).rejects.toThrow(ClusterError);

    const switched = await harness.connect({ kubeconfig: file, context: 'csa' });
    const objects = await switched.list(deployments, [switched.namespace]);
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['kapi-csa/web-deploy']);
  });

  test('a client certificate authenticates (no token)', async () => {
    const cluster = await harness.connect({ kubeconfig: file, context: 'cert' });
    expect((await cluster.list(deployments, ['kapi-ssa'])).map((o) => o.metadata.name)).toEqual(['web-deploy']);
    expect(harness.server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  test('an exec credential plugin supplies the token (run by the client library)', async () => {
    const plugin = path.join(dir, 'credential-plugin.js');
    const ran = path.join(dir, 'plugin-ran');
    fs.writeFileSync(plugin, `require('fs').appendFileSync(${JSON.stringify(ran)}, 'x');\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: ${JSON.stringify(ADMIN_TOKEN)} } }));\n`);
    const file = path.join(dir, 'exec');
    fs.writeFileSync(file, kubeconfig([{ name: 'exec', server: harness.server.url, namespace: 'kapi-csa', ca: harness.certificates.files.cacert, exec: { command: process.execPath, args: [plugin] } }]));
    const cluster = await harness.connect({ kubeconfig: file });
    expect((await cluster.list(deployments, [cluster.namespace])).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['kapi-csa/web-deploy']);
    expect(harness.server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    // Asked once for the whole run (discovery and LIST), not once per request.
    expect(fs.readFileSync(ran, 'utf8')).toBe('x');
  });

  test('a 401 asks the exec plugin again once (its token expired mid-run)', async () => {
    const plugin = path.join(dir, 'expiring-plugin.js');
    const ran = path.join(dir, 'expiring-ran');
    // The first run hands out a token the server rejects, the second a good one.
    fs.writeFileSync(plugin, `const fs = require('fs');\nconst runs = fs.existsSync(${JSON.stringify(ran)}) ? fs.readFileSync(${JSON.stringify(ran)}, 'utf8').length : 0;\nfs.appendFileSync(${JSON.stringify(ran)}, 'x');\nprocess.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: runs ? ${JSON.stringify(ADMIN_TOKEN)} : 'expired' } }));\n`);
    const file = path.join(dir, 'expiring');
    fs.writeFileSync(file, kubeconfig([{ name: 'exec', server: harness.server.url, namespace: 'kapi-csa', ca: harness.certificates.files.cacert, exec: { command: process.execPath, args: [plugin] } }]));
    const cluster = await harness.connect({ kubeconfig: file });
    expect(await cluster.list(deployments, [cluster.namespace])).toHaveLength(1);
    expect(fs.readFileSync(ran, 'utf8')).toBe('xx');
  });

  test('KUBECONFIG: a path list merged as kubectl does (missing files skipped, the first current-context wins)', async () => {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    fs.writeFileSync(first, kubeconfig([{ name: 'one', server: harness.server.url, namespace: 'kapi-csa', token: ADMIN_TOKEN, ca: harness.certificates.files.cacert }]));
    fs.writeFileSync(second, kubeconfig([{ name: 'two', server: harness.server.url, namespace: 'kapi-ssa', token: ADMIN_TOKEN, ca: harness.certificates.files.cacert }]));
    const env = { KUBECONFIG: [path.join(dir, 'missing'), first, second].join(path.delimiter) };
    const one = await connectCluster({ env });
    const two = await connectCluster({ env, context: 'two' });
    try {
      expect([one.target.context, one.namespace, two.target.context, two.namespace]).toEqual(['one', 'kapi-csa', 'two', 'kapi-ssa']);
      expect((await two.list(deployments, [two.namespace])).map((o) => o.metadata.namespace)).toEqual(['kapi-ssa']);
    } finally {
      one.close();
      two.close();
    }
  });

  test('~/.kube/config when neither --kubeconfig nor KUBECONFIG is given', async () => {
    const home = tempDir('berth-live-home-');
    fs.mkdirSync(path.join(home, '.kube'));
    fs.copyFileSync(file, path.join(home, '.kube', 'config'));
    const cluster = await connectCluster({ env: { HOME: home }, context: 'csa' });
    cluster.close();
    expect(cluster.namespace).toBe('kapi-csa');
  });

  test('insecure-skip-tls-verify: no CA needed (the TLS test in errors.test.ts fails without it)', async () => {
    const file = path.join(dir, 'insecure');
    fs.writeFileSync(file, kubeconfig([{ name: 'insecure', server: harness.server.url, token: ADMIN_TOKEN, insecure: true }]));
    const cluster = await harness.connect({ kubeconfig: file });
    expect((await cluster.list(deployments, ['kapi-csa'])).map((o) => o.metadata.name)).toEqual(['web-deploy']);
  });

  test('plain http works without insecure-skip-tls-verify, as with kubectl', async () => {
    const plain = await startHarness({ plainHttp: true });
    try {
      const cluster = await plain.connect();
      expect((await cluster.list(deployments, ['kapi-csa'])).map((o) => o.metadata.name)).toEqual(['web-deploy']);
    } finally {
      await plain.close();
    }
  });

  function noCurrent(): string {
    const file = path.join(dir, 'no-current');
    fs.writeFileSync(file, kubeconfig([{ name: 'a', server: harness.server.url, token: ADMIN_TOKEN }], ''));
    return file;
  }

  test.each([
    ['an unknown context', () => connectCluster({ kubeconfig: file, context: 'nope' }), /^the kubeconfig has no context "nope" \(contexts: expired, csa, bare, cert\); pass one of them with --context$/],
    ['a kubeconfig without current-context', () => connectCluster({ kubeconfig: noCurrent() }), /^the kubeconfig has no current-context; pass --context \(contexts: a\)$/],
    ['a missing kubeconfig file', () => connectCluster({ kubeconfig: path.join(dir, 'absent') }), /^cannot read the kubeconfig .*absent.*ENOENT/],
    ['no kubeconfig anywhere', () => connectCluster({ env: { HOME: tempDir('berth-live-empty-') } }), /^no kubeconfig: .*\.kube\/config does not exist and KUBECONFIG is not set; pass --kubeconfig FILE/],
    ['KUBECONFIG naming only missing files', () => connectCluster({ env: { KUBECONFIG: path.join(dir, 'absent') } }), /^none of the files in KUBECONFIG exists/],
  ])('%s is a ClusterError with a one-line message', async (_name, connect, message) => {
    const error = await connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as Error).name).toBe('ClusterError');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
