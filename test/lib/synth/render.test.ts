import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { Construct } from 'constructs';
import { Deployment, Pod, ReplicationController, Service } from '../../../index';
import { writeManifests } from '../../../lib/synth/manifest-files';
import { planManifests } from '../../../lib/synth/render';
import { readTree, tempDir } from '../../helpers';

/**
 * berth's renderer must write exactly what cdk8s writes: the same files, the same objects in the same order, the
 * same bytes. Each app below is synthesized by cdk8s's own `App.synth()` and by berth's renderer, and compared.
 */
function bothWays(build: (app: cdk8s.App) => void, props: cdk8s.AppProps = {}): { cdk8s: Record<string, string>; berth: Record<string, string> } {
  const theirs = tempDir();
  const ours = tempDir();
  const app = new cdk8s.App({ ...props, outdir: theirs });
  build(app);
  app.synth();
  writeManifests(ours, planManifests(app)!);
  return { cdk8s: readTree(theirs), berth: readTree(ours) };
}

function configMap(scope: Construct, id: string, data: Record<string, string> = { key: id }): cdk8s.ApiObject {
  return new cdk8s.ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', data });
}

const cases: Array<[string, (app: cdk8s.App) => void, cdk8s.AppProps?]> = [
  ['berth workloads and Services', (app) => {
    const chart = new cdk8s.Chart(app, 'shop', { labels: { team: 'web' } });
    const web = new Deployment(chart, 'web', { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] });
    new Service(chart, 'web-svc', { selects: web, ports: [{ port: 80, targetPort: 'http' }] });
    new ReplicationController(chart, 'cache', { replicas: 2, containers: [{ name: 'redis', image: 'redis:7' }] });
    new Pod(chart, 'debug', { containers: [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }] });
  }],
  ['cdk8s-plus beside berth', (app) => {
    const chart = new cdk8s.Chart(app, 'mixed');
    const d = new kplus.Deployment(chart, 'plus', { containers: [{ image: 'nginx', portNumber: 80 }] });
    d.exposeViaService({ ports: [{ port: 8080, targetPort: 80 }] });
    new kplus.ConfigMap(chart, 'settings', { data: { b: '2', a: '1', '10': 'x', '9': 'y' } });
    new Deployment(chart, 'berth', { containers: [{ name: 'app', image: 'nginx' }] });
  }],
  ['dependencies inside a chart (a diamond, and a chain against tree order)', (app) => {
    const chart = new cdk8s.Chart(app, 'deps');
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((id) => configMap(chart, id));
    a.addDependency(b, c);
    b.addDependency(d);
    c.addDependency(d);
    d.addDependency(e);
    const group = new Construct(chart, 'group');
    configMap(group, 'inner');
    e.addDependency(group);
  }],
  ['charts that depend on each other are numbered', (app) => {
    const db = new cdk8s.Chart(app, 'db');
    const web = new cdk8s.Chart(app, 'web');
    const cache = new cdk8s.Chart(app, 'cache');
    configMap(db, 'db-config');
    const w = configMap(web, 'web-config');
    configMap(cache, 'cache-config');
    w.addDependency(db);
    web.addDependency(cache);
  }],
  ['nested charts, and ids that look like numbers', (app) => {
    const outer = new cdk8s.Chart(app, 'outer');
    const inner = new cdk8s.Chart(outer, 'inner');
    new cdk8s.Chart(app, '10');
    const nine = new cdk8s.Chart(app, '9');
    configMap(outer, 'o');
    configMap(inner, 'i');
    configMap(nine, 'n');
    configMap(nine, '2');
    configMap(nine, '1');
  }],
  ['charts nested wide and deep, and a chart under a plain construct of a chart', (app) => {
    const outer = new cdk8s.Chart(app, 'outer');
    const first = new cdk8s.Chart(outer, 'first');
    const deep = new cdk8s.Chart(first, 'deep');
    const second = new cdk8s.Chart(outer, 'second');
    const grouped = new cdk8s.Chart(new Construct(second, 'group'), 'grouped');
    for (const chart of [outer, first, deep, second, grouped]) configMap(chart, `${chart.node.id}-config`);
  }],
  ['no dependencies anywhere, charts named like numbers', (app) => {
    for (const id of ['b', '10', 'a', '9', '0']) configMap(new cdk8s.Chart(app, id), 'x');
  }],
  ['one file for the app', (app) => {
    configMap(new cdk8s.Chart(app, 'one'), 'x');
    configMap(new cdk8s.Chart(app, 'two'), 'y');
  }, { yamlOutputType: cdk8s.YamlOutputType.FILE_PER_APP, outputFileExtension: '.yml' }],
  ['no charts at all', () => {}],
  ['an empty chart', (app) => {
    new cdk8s.Chart(app, 'empty');
  }],
];

describe('planManifests + writeManifests', () => {
  // (a default for props: jest reads a callback with more parameters than the row has values as async)
  test.each(cases)('%s: the same files and bytes as cdk8s', (_name, build, props = {}) => {
    const { cdk8s: theirs, berth: ours } = bothWays(build, props);
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const file of Object.keys(theirs)) expect(ours[file]).toBe(theirs[file]);
  });

  test('layouts it does not take over are left to cdk8s', () => {
    expect(planManifests(new cdk8s.App({ yamlOutputType: cdk8s.YamlOutputType.FILE_PER_RESOURCE }))).toBeUndefined();
    expect(planManifests(new cdk8s.App({ yamlOutputType: cdk8s.YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }))).toBeUndefined();
    expect(planManifests(new cdk8s.App({ recordConstructMetadata: true }))).toBeUndefined();
  });

  test('a 10,000-long dependency chain renders, each object after what it depends on (cdk8s overflows its stack)', () => {
    const app = new cdk8s.App();
    const chart = new cdk8s.Chart(app, 'chain');
    let previous: cdk8s.ApiObject | undefined;
    for (let i = 0; i < 10_000; i++) {
      const next = configMap(chart, `c${i}`);
      if (previous) next.addDependency(previous);
      previous = next;
    }
    const [file] = planManifests(app)!;
    expect(file.fileName).toBe('chain.k8s.yaml');
    expect(file.objects.map((o) => o.node.id)).toEqual(Array.from({ length: 10_000 }, (_, i) => `c${i}`));
  });

  test('a dependency cycle is an error naming it', () => {
    const app = new cdk8s.App();
    const chart = new cdk8s.Chart(app, 'loop');
    const a = configMap(chart, 'a');
    const b = configMap(chart, 'b');
    a.addDependency(b);
    b.addDependency(a);
    expect(() => planManifests(app)).toThrow(/^Dependency cycle detected: loop\/(a|b) => loop\/(a|b) => loop\/(a|b)$/);
  });

  test('a cycle that no root leads to is an error too, even when what it depends on comes first', () => {
    const app = new cdk8s.App();
    const chart = new cdk8s.Chart(app, 'loop');
    const base = configMap(chart, 'base');
    const a = configMap(chart, 'a');
    const b = configMap(chart, 'b');
    a.addDependency(b, base);
    b.addDependency(a);
    expect(() => planManifests(app)).toThrow(/^Dependency cycle detected: loop\/(a|b) => loop\/(a|b) => loop\/(a|b)$/);
  });

  test('written files go where asked', () => {
    const app = new cdk8s.App();
    configMap(new cdk8s.Chart(app, 'only'), 'x');
    const dir = path.join(tempDir(), 'nested', 'out');
    writeManifests(dir, planManifests(app)!);
    expect(Object.keys(readTree(dir))).toEqual(['only.k8s.yaml']);
  });
});
