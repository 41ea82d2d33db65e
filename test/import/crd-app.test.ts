import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as YAML from 'yaml';
import { berth, compileProject, readTree, REPO, tempDir } from '../helpers';
import { FIXTURES } from './helpers';

/**
 * Issue 7's check, as a user works: `berth init`, `berth import` of two real CRDs (etcd-operator's EtcdCluster,
 * prometheus-operator's ServiceMonitor), a program using them beside a berth Deployment; `berth synth` passes,
 * bad values fail it naming the construct and the field, and what it writes validates against the CRDs' own
 * schemas with ajv — independently of berth's own check.
 */
/** Byte-exact copies of the upstream files (test/fixtures/import/crds/README.md). */
const CRDS = path.join(FIXTURES, 'crds');
const ETCD = 'operator.etcd.io_etcdclusters.yaml';
const MONITORS = 'monitoring.coreos.com_servicemonitors.yaml';

const MAIN = `import { App, Chart, Deployment } from 'berth';
import { ServiceMonitor } from './imports/monitoring.coreos.com';
import { EtcdCluster } from './imports/operator.etcd.io';

const app = new App({ appc: false });
const chart = new Chart(app, 'shop');
new Deployment(chart, 'web', {
  labels: { app: 'web' },
  containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }],
});
new EtcdCluster(chart, 'store', {
  spec: { size: 3, version: 'v3.5.17', storageSpec: { accessModes: 'ReadWriteOnce', volumeSizeRequest: '1Gi' } },
});
new ServiceMonitor(chart, 'monitor', {
  spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', interval: '30s', scheme: 'HTTP' }] },
});
app.synth();
`;

/** The same app with values that typed code lets through when they come from elsewhere (here: casts). */
const BAD = `import { App, Chart, Deployment } from 'berth';
import { ServiceMonitor } from './imports/monitoring.coreos.com';
import { EtcdCluster } from './imports/operator.etcd.io';

const settings = { size: 'three', scheme: 'ftp' } as unknown as { size: number; scheme: 'HTTP' };
const app = new App({ appc: false });
const chart = new Chart(app, 'shop');
new Deployment(chart, 'web', { labels: { app: 'web' }, containers: [{ name: 'web', image: 'nginx:1.27' }] });
new EtcdCluster(chart, 'store', { spec: { size: settings.size } as { size: number; version: string } });
new ServiceMonitor(chart, 'monitor', { spec: { selector: {}, endpoints: [{ port: 'http', scheme: settings.scheme }] } });
app.synth();
`;

describe('an imported custom resource beside berth constructs', () => {
  let dir: string;

  beforeAll(() => {
    dir = path.join(tempDir('berth-crd-app-'), 'shop');
    expect(berth(['init', dir], REPO).code).toBe(0);
    // installed: berth, cdk8s and constructs resolvable from node_modules
    const modules = path.join(dir, 'node_modules');
    fs.mkdirSync(modules);
    fs.symlinkSync(REPO, path.join(modules, 'berth'), 'dir');
    for (const name of ['cdk8s', 'constructs']) fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name), 'dir');
    fs.mkdirSync(path.join(dir, 'crds'));
    for (const file of [ETCD, MONITORS]) fs.copyFileSync(path.join(CRDS, file), path.join(dir, 'crds', file));
    fs.writeFileSync(path.join(dir, 'main.ts'), MAIN);
    fs.writeFileSync(path.join(dir, 'bad.ts'), BAD);
    // the scaffold's sample test needs jest, which this project does not install
    fs.rmSync(path.join(dir, 'test'), { recursive: true });
  });

  test('berth import writes the code and the schema files', () => {
    const result = berth(['import', `crds/${ETCD}`, `crds/${MONITORS}`], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`imported crds/${ETCD}, crds/${MONITORS}: 2 kinds → imports/monitoring.coreos.com.ts, imports/operator.etcd.io.ts + 2 schema files\n`);
    expect(fs.readdirSync(path.join(dir, 'imports')).sort()).toEqual(['monitoring.coreos.com.schema.json', 'monitoring.coreos.com.ts', 'operator.etcd.io.schema.json', 'operator.etcd.io.ts']);
  });

  test('the project compiles under its own strict tsconfig (no @types/node needed for the generated code)', () => {
    const tsc = compileProject(dir, 120_000);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 130_000);

  test('berth synth passes, and each custom resource validates against its CRD\'s own schema (ajv)', () => {
    const result = berth(['synth'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'dist', 'shop.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'EtcdCluster', 'ServiceMonitor']);
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const [kind, file] of [['EtcdCluster', ETCD], ['ServiceMonitor', MONITORS]]) {
      const crd = YAML.parse(fs.readFileSync(path.join(CRDS, file), 'utf8'));
      const schema = crd.spec.versions.find((v: { storage: boolean }) => v.storage).schema.openAPIV3Schema;
      const validate = ajv.compile(closed(schema) as Record<string, unknown>);
      const object = objects.find((o) => o.kind === kind);
      expect([kind, validate(object), validate.errors ?? []]).toEqual([kind, true, []]);
      // and it is the object the program described, not an empty one that would pass anything
      expect(Object.keys(object.spec).length).toBeGreaterThan(1);
    }
  });

  test('bad values fail berth synth with every problem, naming the construct and the field; nothing is written', () => {
    const before = readTree(path.join(dir, 'dist'));
    const result = berth(['synth', '--app', 'node -r berth/register bad.ts'], dir);
    expect(result.stderr).toBe(
      'synth failed: 3 problems (nothing was written)\n' +
        '  [shop/store] spec.size must be an integer, got "three"\n' +
        '  [shop/store] spec.version is required\n' +
        '  [shop/monitor] spec.endpoints[0].scheme must be one of "http", "https", "HTTP" or "HTTPS", got "ftp"\n',
    );
    expect(result.code).toBe(1);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });
});

/** The CRD's schema with every object that lists properties closed, as the API server prunes: a stray key fails here. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([p, s]) => [p, closed(s)])) : closed(value);
  }
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}
