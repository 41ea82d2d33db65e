import * as fs from 'fs';
import * as https from 'https';
import { tempDir } from '../../helpers';
import { makeCertificates, TestCertificates } from '../../support/certificates';
import { LocalCluster, membersOfStatefulSet } from '../../support/etcd-process';
import { statefulSetOf, synthesizeCluster } from './synthesized';

/**
 * Client and peer TLS from Secrets, booted on real etcd with a CA and certificate made by openssl: members talk
 * HTTPS to each other and to clients, refuse clients without a certificate, and their probes still pass (the
 * kubelet has no client certificate, so they use the plain-HTTP health listener).
 */
describe('an EtcdCluster with client and peer TLS boots on real etcd', () => {
  let cluster: LocalCluster | undefined;
  let certFiles: TestCertificates['files'] | undefined;

  beforeAll(async () => {
    const { cluster: construct, objects } = synthesizeCluster({ size: 3, storage: { ephemeral: true }, clientTls: { secretName: 'store-client-tls' }, peerTls: { secretName: 'store-peer-tls' } });
    const certs = makeCertificates(tempDir('berth-etcd-certs-'), construct.certificateDnsNames);
    certFiles = certs.files;
    cluster = await LocalCluster.start(membersOfStatefulSet(statefulSetOf(objects)), {
      secrets: { 'store-client-tls': certs.secretData, 'store-peer-tls': certs.secretData },
      client: certs.files,
    });
  }, 60_000);

  afterAll(() => cluster?.stopAll());

  test('members serve clients over HTTPS with client certificates, and form over HTTPS peer URLs', async () => {
    expect(cluster!.clientUrl(0)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const list = JSON.parse(await cluster!.etcdctl(['member', 'list', '-w', 'json'])) as { members: Array<{ name: string; peerURLs: string[] }> };
    expect(list.members).toHaveLength(3);
    for (const member of list.members) expect(member.peerURLs[0]).toMatch(/^https:\/\//);
    await cluster!.etcdctl(['put', 'secret', 'kept'], [0]);
    await expect(cluster!.etcdctl(['get', 'secret', '--print-value-only'], [2])).resolves.toBe('kept\n');
  });

  test('a client without a certificate is refused', async () => {
    const ca = fs.readFileSync(certFiles!.cacert);
    const attempt = new Promise<number>((resolve, reject) => {
      const request = https.get(`${cluster!.clientUrl(0)}/health`, { ca, timeout: 5_000 }, (response) => resolve(response.statusCode ?? 0));
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
    });
    await expect(attempt).rejects.toThrow();
  });

  test('readiness and liveness probes pass without a client certificate', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(cluster!.probe(i, 'readinessProbe')).resolves.toEqual({ status: 200, body: '{"health":"true"}' });
      await expect(cluster!.probe(i, 'livenessProbe')).resolves.toEqual({ status: 200, body: '{"health":"true"}' });
    }
  });
});
