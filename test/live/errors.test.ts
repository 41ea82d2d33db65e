import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { ClusterError, connectCluster } from '../../lib/live';
import { ADMIN_TOKEN, kubeconfig } from '../support/fake-apiserver';
import { tempDir } from '../helpers';
import { Harness, startHarness } from './setup';

/** Everything that stops us from reading the cluster is one ClusterError, one line, naming context and server. */
async function clusterError(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ClusterError);
  expect((error as Error).name).toBe('ClusterError');
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

describe('lib/live errors', () => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    harness = await startHarness({ viewerToken: 'viewer-token' });
    dir = tempDir('berth-live-err-');
  });
  afterAll(async () => {
    await harness?.close();
  });

  function configWith(name: string, entry: Parameters<typeof kubeconfig>[0][number]): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, kubeconfig([entry]));
    return file;
  }

  const deployments = [{ apiVersion: 'apps/v1', kind: 'Deployment' }];
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data: {} };

  test('401: a wrong or expired token (the recorded Unauthorized)', async () => {
    const cluster = await harness.connect({ kubeconfig: configWith('wrong', { name: 'dev', server: harness.server.url, token: 'wrong-token', ca: harness.certificates.files.cacert }) });
    const message = await clusterError(() => cluster.list(deployments, ['kapi-ssa']));
    expect(message).toBe(`context "dev" (${harness.server.url}) rejected the credentials of user "dev" (401 Unauthorized): the token or client certificate is wrong or expired; log in again or refresh the kubeconfig`);
    expect(await clusterError(() => cluster.dryRunApply(configMap, { fieldManager: 'berth', force: false }))).toContain('401 Unauthorized');
  });

  test('403: anonymous (no token, no certificate) may not read the cluster', async () => {
    const cluster = await harness.connect({ kubeconfig: configWith('anonymous', { name: 'anon', server: harness.server.url, ca: harness.certificates.files.cacert }) });
    const message = await clusterError(() => cluster.list(deployments, ['kapi-csa']));
    expect(message).toMatch(new RegExp(`^context "anon" \\(${harness.server.url.replace(/[.]/g, '\\.')}\\): user "anon" may not read the API discovery \\(/api.?\\) \\(403: forbidden: User "system:anonymous" cannot get path "/api.?"\\); ask for that permission or use another --context$`));
  });

  test('403: a user who may read but not patch cannot dry-run (the dry run needs patch permission)', async () => {
    const cluster = await harness.connect({ kubeconfig: configWith('viewer', { name: 'viewer', server: harness.server.url, namespace: 'kapi-ssa', token: 'viewer-token', ca: harness.certificates.files.cacert }) });
    expect(await cluster.list(deployments, ['kapi-ssa'])).toHaveLength(1);
    const message = await clusterError(() => cluster.dryRunApply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web-deploy' } }, { fieldManager: 'berth', force: false }));
    expect(message).toBe(`context "viewer" (${harness.server.url}): user "viewer" may not patch deployments.apps in namespace "kapi-ssa" (a dry-run server-side apply) (403: deployments.apps is forbidden: User "viewer" cannot patch resource "deployments" in API group "apps" in the namespace "kapi-ssa"); ask for that permission or use another --context`);
  });

  test('unreachable: nothing listens on the port', async () => {
    const port = await freePort();
    const cluster = await harness.connect({ kubeconfig: configWith('down', { name: 'down', server: `https://127.0.0.1:${port}`, token: ADMIN_TOKEN }) });
    const message = await clusterError(() => cluster.list(deployments, ['default']));
    expect(message).toBe(`context "down" (https://127.0.0.1:${port}): cannot reach the API server: connect ECONNREFUSED 127.0.0.1:${port}; check that the cluster is running and that the kubeconfig names the right server`);
  });

  test('TLS: the server certificate is not signed by the kubeconfig\'s CA', async () => {
    const cluster = await harness.connect({ kubeconfig: configWith('no-ca', { name: 'no-ca', server: harness.server.url, token: ADMIN_TOKEN }) });
    const message = await clusterError(() => cluster.list(deployments, ['kapi-ssa']));
    expect(message).toMatch(/^context "no-ca" \(https:\/\/127\.0\.0\.1:\d+\): TLS failure: .*certificate.*; check certificate-authority\(-data\), tls-server-name and the client certificate in the kubeconfig$/);
  });

  test('a server that accepts but never answers times out', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets: net.Socket[] = [];
    silent.on('connection', (socket) => sockets.push(socket));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const cluster = await connectCluster({ kubeconfig: configWith('silent', { name: 'silent', server: `http://127.0.0.1:${port}`, token: ADMIN_TOKEN }), requestTimeoutMs: 300, env: {} });
      const message = await clusterError(() => cluster.list(deployments, ['default']));
      cluster.close();
      expect(message).toBe(`context "silent" (http://127.0.0.1:${port}): cannot reach the API server: no answer within 0.3s; check that the cluster is running and that the kubeconfig names the right server`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
