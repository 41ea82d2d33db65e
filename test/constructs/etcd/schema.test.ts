import { App, Chart, EtcdCluster, EtcdClusterProps } from 'berth';
import { synth } from 'berth/testing';
import { KubernetesSchema } from '../../../lib/kubernetes/schema';
import { readTree, tempDir } from '../../helpers';

const schema = KubernetesSchema.bundled();

describe('EtcdCluster output', () => {
  test.each<[string, EtcdClusterProps, string | undefined]>([
    ['defaults', {}, undefined],
    ['every prop', {
      size: 5,
      version: '3.5.17',
      metadata: { name: 'config', labels: { team: 'core' }, annotations: { 'example.com/owner': 'core' } },
      podLabels: { tier: 'storage' },
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      storage: { size: '8Gi', storageClassName: 'fast-ssd' },
      clientTls: { secretName: 'config-client-tls' },
      peerTls: { secretName: 'config-peer-tls', clientCertAuth: false },
      extraFlags: { 'auto-compaction-retention': '1' },
      clusterToken: 'config-prod',
    }, 'infra'],
    ['one ephemeral member', { size: 1, storage: { ephemeral: true, size: '256Mi' } }, undefined],
  ])('validates against the Kubernetes schema: %s', (_, props, namespace) => {
    const chart = new Chart(new App(), 'chart', { namespace });
    new EtcdCluster(chart, 'store', props);
    for (const object of synth(chart)) expect([object.kind, schema.validate(object)]).toEqual([object.kind, []]);
  });

  test('synthesizing twice gives the same bytes, with no absolute paths or timestamps', () => {
    const outs = [tempDir(), tempDir()];
    for (const outdir of outs) {
      const app = new App({ outdir });
      new EtcdCluster(new Chart(app, 'chart'), 'store', { clientTls: { secretName: 'tls' } });
      app.synth();
    }
    const [first, second] = outs.map(readTree);
    expect(first).toEqual(second);
    expect(first['chart.k8s.yaml']).not.toMatch(/\/tmp\/|\/work\/|\/home\/|20\d\d-\d\d-\d\dT/);
  });
});
