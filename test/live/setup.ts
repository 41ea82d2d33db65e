/** Shared set-up of the lib/live tests: a fake API server (HTTPS, openssl-made CA) and a kubeconfig pointing at it. */
import * as fs from 'fs';
import * as path from 'path';
import { connectCluster, LiveCluster } from '../../lib/live';
import { makeCertificates, TestCertificates } from '../support/certificates';
import { ADMIN_TOKEN, FakeApiServer, FakeApiServerOptions, kubeconfig, startFakeApiServer } from '../support/fake-apiserver';
import { tempDir } from '../helpers';

export interface Harness {
  readonly server: FakeApiServer;
  readonly certificates: TestCertificates;
  readonly dir: string;
  /** A kubeconfig file with context `admin` (namespace kapi-ssa, the admin token, the CA). */
  readonly kubeconfigFile: string;
  connect(options?: { context?: string; namespace?: string; kubeconfig?: string; concurrency?: number }): Promise<LiveCluster>;
  close(): Promise<void>;
}

let certificates: TestCertificates | undefined;

export function testCertificates(): TestCertificates {
  return (certificates ??= makeCertificates(tempDir('berth-live-tls-'), ['localhost']));
}

export async function startHarness(options: Omit<FakeApiServerOptions, 'tls'> & { plainHttp?: boolean } = {}): Promise<Harness> {
  const certs = testCertificates();
  const tls = options.plainHttp ? undefined : { cert: fs.readFileSync(certs.files.cert, 'utf8'), key: fs.readFileSync(certs.files.key, 'utf8'), clientCa: fs.readFileSync(certs.files.cacert, 'utf8') };
  const server = await startFakeApiServer({ ...options, tls });
  const dir = tempDir('berth-live-');
  const kubeconfigFile = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfigFile, kubeconfig([{ name: 'admin', server: server.url, namespace: 'kapi-ssa', token: ADMIN_TOKEN, ca: options.plainHttp ? undefined : certs.files.cacert }]));
  const opened: LiveCluster[] = [];
  return {
    server,
    certificates: certs,
    dir,
    kubeconfigFile,
    async connect(connectOptions = {}) {
      const cluster = await connectCluster({ kubeconfig: kubeconfigFile, requestTimeoutMs: 10_000, env: {}, ...connectOptions });
      opened.push(cluster);
      return cluster;
    },
    async close() {
      for (const cluster of opened) cluster.close();
      await server.close();
    },
  };
}

/** The requests that are not discovery, as `METHOD path?query`, in a stable order. */
export function apiCalls(server: FakeApiServer): string[] {
  return server.requests
    .filter((r) => !/^\/(api|apis)$/.test(r.path))
    .map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query).toString()}` : ''}`)
    .sort();
}

/**
 * diff never writes: every request since the last call that is not a GET was a dry run, and none reached the
 * store. Forgets those requests, for the next test.
 */
export function expectOnlyDryRuns(server: FakeApiServer): void {
  for (const request of server.requests.filter((r) => r.method !== 'GET')) expect(request.query.dryRun).toBe('All');
  expect(server.realWrites).toEqual([]);
  server.requests.length = 0;
}
