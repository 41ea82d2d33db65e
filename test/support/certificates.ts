/**
 * A throwaway CA and one certificate it signs, made with the real `openssl` CLI (Node's crypto can parse X.509
 * but not issue it). The certificate serves and authenticates (serverAuth + clientAuth), as etcd members need for
 * peer TLS, and names the given DNS names and 127.0.0.1.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface TestCertificates {
  /** Secret data as cert-manager writes it: `ca.crt`, `tls.crt`, `tls.key`. */
  readonly secretData: Record<string, string>;
  /** The same files on disk, for etcdctl and HTTPS clients. */
  readonly files: { readonly cacert: string; readonly cert: string; readonly key: string };
}

export function makeCertificates(dir: string, dnsNames: readonly string[]): TestCertificates {
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=berth-test-ca']);
  run(['req', ...ec, '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=etcd']);
  const san = [...dnsNames.map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',');
  fs.writeFileSync(path.join(dir, 'ext.cnf'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n`);
  run(['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.crt', '-days', '2', '-extfile', 'ext.cnf']);
  const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    secretData: { 'ca.crt': read('ca.crt'), 'tls.crt': read('tls.crt'), 'tls.key': read('tls.key') },
    files: { cacert: path.join(dir, 'ca.crt'), cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key') },
  };
}
