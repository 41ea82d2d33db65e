import { App as Cdk8sApp, Chart as Cdk8sChart } from 'cdk8s';
import { App, Chart, EtcdCluster, EtcdClusterProps } from 'berth';
import { problemsOf, synth } from 'berth/testing';

function problems(props: EtcdClusterProps): string[] {
  const chart = new Chart(new App(), 'chart');
  new EtcdCluster(chart, 'store', props);
  return problemsOf(chart).map((p) => `[${p.path}] ${p.field} ${p.message}${'value' in p ? `, got ${JSON.stringify(p.value)}` : ''}${p.fix ? ` — ${p.fix}` : ''}`);
}

describe('EtcdCluster rules', () => {
  test.each([
    [4, 'use 3 or 5'],
    [2, 'use 1 or 3'],
    [0, 'use 1'],
    [-3, 'use 1'],
    [10, 'use 9'],
    [11, 'use 9'],
    [2.5, 'use 1 or 3'],
    [NaN, 'use 1'],
  ])('fails for size %p (%s)', (size, fix) => {
    expect(problems({ size })).toEqual([`[chart/store] size must be an odd number from 1 to 9, got ${JSON.stringify(size)} — ${fix}`]);
  });

  test('fails for size 4 in synth with one clear message', () => {
    const chart = new Chart(new App(), 'chart');
    new EtcdCluster(chart, 'store', { size: 4 });
    expect(() => synth(chart)).toThrow('[chart/store] size must be an odd number from 1 to 9, got 4 — use 3 or 5');
  });

  test('fails for size 4 under a plain cdk8s App too', () => {
    const app = new Cdk8sApp({ outdir: '/nonexistent-berth-out' });
    new EtcdCluster(new Cdk8sChart(app, 'chart'), 'store', { size: 4 });
    expect(() => app.synth()).toThrow(/\[chart\/store\] size must be an odd number from 1 to 9, got 4 — use 3 or 5/);
  });

  test.each<[string, EtcdClusterProps, string]>([
    ['a version with a v', { version: 'v3.4.23' }, '[chart/store] version must be an etcd release from 3.4 to 3.6, as MAJOR.MINOR.PATCH, got "v3.4.23" — use "3.4.23"'],
    ['an old version', { version: '2.3.8' }, '[chart/store] version must be an etcd release from 3.4 to 3.6, as MAJOR.MINOR.PATCH, got "2.3.8" — use "3.4.23"'],
    ['an image tag that contradicts version', { version: '3.4.23', image: 'quay.io/coreos/etcd:v3.5.0' }, '[chart/store] image tag must match version "3.4.23", got "quay.io/coreos/etcd:v3.5.0" — use the tag "v3.4.23", or remove version'],
    ['an image of an unsupported release', { image: 'quay.io/coreos/etcd:v3.3.27' }, '[chart/store] image tag must name an etcd release from 3.4 to 3.6 (the flags berth renders), not 3.3.27, got "quay.io/coreos/etcd:v3.3.27" — use an image such as "quay.io/coreos/etcd:v3.4.23"'],
    ['a bad image', { image: 'Quay.io/CoreOS/etcd' }, '[chart/store] image must have a lowercase repository name, got "Quay.io/CoreOS/etcd" — use a reference such as "redis:2.8" or "gcr.io/project/app:1.0"'],
    ['a name that is not a DNS-1035 label', { metadata: { name: '1store' } }, '[chart/store] metadata.name must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit, got "1store" — use "store"'],
    ['a name too long for StatefulSet pods', { metadata: { name: 'a'.repeat(53) } }, `[chart/store] metadata.name must be at most 52 characters (StatefulSet pods are labelled with the name and a hash), got "${'a'.repeat(53)}" — use "${'a'.repeat(52)}"`],
    ['a storage size that is no quantity', { storage: { size: 'lots' } }, '[chart/store] storage.size must be a quantity such as "100m", "0.5", "128Mi" or "1G", got "lots" — use bytes with a suffix such as "1Gi" or "8Gi"'],
    ['a zero storage size', { storage: { size: '0' } }, '[chart/store] storage.size must be more than zero, got "0" — use bytes with a suffix such as "1Gi" or "8Gi"'],
    ['a storage class for ephemeral storage', { storage: { ephemeral: true, storageClassName: 'fast' } }, '[chart/store] storage.storageClassName must not be set with ephemeral storage (an emptyDir has no storage class), got "fast" — remove storageClassName, or ephemeral'],
    ['a bad storage class name', { storage: { storageClassName: 'Fast_SSD' } }, '[chart/store] storage.storageClassName must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, got "Fast_SSD"'],
    ['a bad client TLS secret name', { clientTls: { secretName: 'Etcd_TLS' } }, '[chart/store] clientTls.secretName must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, got "Etcd_TLS" — use "etcd-tls"'],
    ['an empty peer TLS secret name', { peerTls: { secretName: '' } }, '[chart/store] peerTls.secretName must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, got "" — name a Secret holding tls.crt, tls.key and ca.crt'],
    ['an extra flag with its dashes', { extraFlags: { '--quota-backend-bytes': '1' } }, '[chart/store] extraFlags["--quota-backend-bytes"] must be a flag name without the leading "--", got "--quota-backend-bytes" — use "quota-backend-bytes"'],
    ['an extra flag that is no flag name', { extraFlags: { 'Log Level': 'debug' } }, '[chart/store] extraFlags["Log Level"] must be a flag name: lowercase letters, digits and "-", got "Log Level"'],
    ['an extra flag berth sets (member list)', { extraFlags: { 'initial-cluster': 'a=http://a:2380' } }, '[chart/store] extraFlags["initial-cluster"] conflicts with a flag berth sets, got "a=http://a:2380" — the member list follows size'],
    ['an extra flag berth sets (TLS)', { extraFlags: { 'cert-file': '/x.crt' } }, '[chart/store] extraFlags["cert-file"] conflicts with a flag berth sets, got "/x.crt" — use the clientTls prop'],
    ['an extra flag berth sets (token)', { extraFlags: { 'initial-cluster-token': 't' } }, '[chart/store] extraFlags["initial-cluster-token"] conflicts with a flag berth sets, got "t" — use the clusterToken prop'],
    ['an extra flag that breaks static bootstrap', { extraFlags: { discovery: 'https://discovery.etcd.io/x' } }, '[chart/store] extraFlags["discovery"] conflicts with a flag berth sets, got "https://discovery.etcd.io/x" — members find each other through --initial-cluster (static bootstrap); remove the discovery flag'],
    ['an extra flag etcd 3.4 does not know', { extraFlags: { 'quota-backend-byte': '1' } }, '[chart/store] extraFlags["quota-backend-byte"] is not a flag of etcd 3.4 (etcd would refuse to start), got "quota-backend-byte" — did you mean "quota-backend-bytes"?'],
    ['a cluster token with a space', { clusterToken: 'my token' }, '[chart/store] clusterToken must be a non-empty string without spaces or commas, got "my token" — remove clusterToken to get a stable token derived from the construct path'],
    ['pod labels that take over the selector', { podLabels: { 'app.kubernetes.io/instance': 'other' } }, '[chart/store] podLabels["app.kubernetes.io/instance"] must not be set: it is part of the cluster\'s selector, got "other" — use another label key'],
    ['a bad pod label value', { podLabels: { tier: 'a b' } }, '[chart/store] podLabels["tier"] must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit, got "a b" — use a value such as "a-b"'],
    ['a bad resource quantity', { resources: { requests: { cpu: 'two' } } }, '[chart/store] resources.requests.cpu must be a quantity such as "100m", "0.5", "128Mi" or "1G", got "two" — use millicores such as "250m" or cores such as "1"'],
    ['requests above limits', { resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } }, '[chart/store] resources.requests.memory must not exceed the limit "1Gi", got "2Gi" — lower the request or raise the limit to at least "2Gi"'],
  ])('fails for %s', (_, props, message) => {
    expect(problems(props)).toEqual([message]);
  });

  test('unknown flags are only checked for etcd 3.4 (other versions have other flags)', () => {
    expect(problems({ version: '3.5.17', extraFlags: { 'experimental-new-thing': 'true' } })).toEqual([]);
  });

  test('every problem is reported at once', () => {
    expect(problems({ size: 4, version: 'latest', storage: { size: 'lots' } }).map((p) => p.split(' ')[1])).toEqual(['size', 'version', 'storage.size']);
  });
});
