import { problemsOf } from 'berth/testing';
import { App, Chart, EtcdCluster } from 'berth';
import { tempDir } from '../../helpers';
import { LocalCluster, membersOfStatefulSet } from '../../support/etcd-process';
import { statefulSetOf, synthesizeCluster } from './synthesized';

/**
 * The synthesized StatefulSet, booted member by member on real etcd 3.4 processes: the cluster must form, serve
 * reads and writes from any member, and keep serving with a minority of members stopped.
 */
describe.each([1, 3, 5])('a %i-member EtcdCluster boots on real etcd', (size) => {
  let cluster: LocalCluster | undefined;

  beforeAll(async () => {
    // Storage and namespace vary too: emptyDir, volume claims, and a namespace known at synth time.
    const { objects } = synthesizeCluster({ size, storage: size === 1 ? { ephemeral: true } : undefined }, size === 5 ? { namespace: 'infra' } : {});
    cluster = await LocalCluster.start(membersOfStatefulSet(statefulSetOf(objects)));
  }, 60_000);

  afterAll(() => cluster?.stopAll());

  test('every member is healthy (etcdctl endpoint health) and ready by its own readiness probe', async () => {
    const report = JSON.parse(await cluster!.etcdctl(['endpoint', 'health', '-w', 'json'])) as Array<{ endpoint: string; health: boolean }>;
    expect(report.map((r) => r.health)).toEqual(Array(size).fill(true));
    for (let i = 0; i < size; i++) {
      await expect(cluster!.probe(i, 'readinessProbe')).resolves.toEqual({ status: 200, body: '{"health":"true"}' });
    }
  });

  test('member list shows every member under its StatefulSet name', async () => {
    const list = JSON.parse(await cluster!.etcdctl(['member', 'list', '-w', 'json'])) as { members: Array<{ name: string; peerURLs: string[] }> };
    expect(list.members.map((m) => m.name).sort()).toEqual(Array.from({ length: size }, (_, i) => `store-${i}`));
  });

  test('a write on one member is read on another', async () => {
    await cluster!.etcdctl(['put', 'greeting', 'hello'], [0]);
    await expect(cluster!.etcdctl(['get', 'greeting', '--print-value-only'], [size - 1])).resolves.toBe('hello\n');
  });

  if (size > 1) {
    test('with a minority stopped, the leader among them, the rest still serve reads and writes', async () => {
      const tolerated = (size - 1) / 2;
      const leader = await cluster!.leader();
      const stopped = [leader, ...Array.from({ length: size }, (_, i) => i).filter((i) => i !== leader)].slice(0, tolerated);
      for (const i of stopped) await cluster!.stop(i);
      const left = Array.from({ length: size }, (_, i) => i).filter((i) => !stopped.includes(i));
      await cluster!.etcdctl(['put', 'after-failure', 'still-here'], [left[0]]);
      await expect(cluster!.etcdctl(['get', 'after-failure', '--print-value-only'], [left[left.length - 1]])).resolves.toBe('still-here\n');
      await expect(cluster!.etcdctl(['get', 'greeting', '--print-value-only'], [left[1]])).resolves.toBe('hello\n');
    });
  }
});

test('a 4-member cluster fails synth with the reason and the sizes to use', () => {
  const chart = new Chart(new App({ outdir: tempDir() }), 'chart');
  new EtcdCluster(chart, 'store', { size: 4 });
  expect(() => (chart.node.root as App).synth()).toThrow('[chart/store] size must be an odd number from 1 to 9, got 4 — use 3 or 5');
  expect(problemsOf(chart).map((p) => p.field)).toEqual(['size']);
});
