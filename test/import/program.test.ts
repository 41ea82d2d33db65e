import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Project, SyntaxKind } from 'ts-morph';
import * as YAML from 'yaml';
import { berth, compileProject, readTree, REPO, tempDir } from '../helpers';
import { CRDS, FIXTURES } from './helpers';

/**
 * End to end, as a user works: `berth import` from cdk8s.yaml (k8s, every fixture CRD, the edge cases), strict
 * `tsc` over the output and a program using it, `berth synth`, and the custom resources validated against their
 * CRDs' own openAPIV3Schema. The costly steps (importing, compiling) run once for the whole file.
 */
describe('berth import, compiled and used beside berth constructs', () => {
  let dir: string;
  let imported: ReturnType<typeof berth>;

  beforeAll(() => {
    dir = tempDir('berth-import-');
    // An installed project: berth, cdk8s and constructs resolvable from node_modules.
    const modules = path.join(dir, 'node_modules');
    fs.mkdirSync(modules);
    fs.symlinkSync(REPO, path.join(modules, 'berth'), 'dir');
    for (const name of ['cdk8s', 'constructs']) fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name), 'dir');
    fs.mkdirSync(path.join(dir, 'crds'));
    for (const file of CRDS) fs.copyFileSync(path.join(FIXTURES, 'crds', file), path.join(dir, 'crds', file));
    for (const file of ['edge-cases.yaml', 'openapi-v3-problems.json']) fs.copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
    const imports = ['k8s@1.32', ...CRDS.map((f) => `crds/${f}`), 'edge:=edge-cases.yaml', 'things:=openapi-v3-problems.json'];
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), YAML.stringify({ language: 'typescript', app: 'node -r berth/register main.ts', output: 'dist', imports }));
    fs.writeFileSync(path.join(dir, 'main.ts'), PROGRAM);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: STRICT, include: ['main.ts', 'imports/**/*.ts'] }, null, 2));
    imported = berth(['import'], dir);
  });

  test('imports every entry of cdk8s.yaml', () => {
    expect(imported.stderr).toContain('warning: [edge-cases.yaml]');
    expect(imported.stdout).toContain('imported k8s@1.32: 83 kinds → imports/k8s/ (38 files) + imports/k8s.schema.json\n');
    // The CRD files are generated together: one file per API group (prometheuses and servicemonitors share one).
    expect(imported.stdout).toContain(`imported ${CRDS.map((f) => `crds/${f}`).join(', ')}: 11 kinds → imports/cert-manager.io.ts, imports/extensions.istio.io.ts, imports/gateway.networking.k8s.io.ts, imports/monitoring.coreos.com.ts, imports/networking.istio.io.ts, imports/operator.etcd.io.ts, imports/samplecontroller.k8s.io.ts + 7 schema files\n`);
    expect(imported.stdout).toContain('imported edge:=edge-cases.yaml: 3 kinds → imports/edge.ts + imports/edge.schema.json\n');
    expect(imported.stdout).toContain('imported things:=openapi-v3-problems.json: 1 kind → imports/things/ (3 files) + imports/things.schema.json\n');
    expect(imported.code).toBe(0);
  });

  test('the output and a program using it compile under strict tsc', () => {
    const tsc = compileProject(dir, 300_000);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 320_000);

  test('no public type of the output is any', () => {
    const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    const files = project.addSourceFilesAtPaths(path.join(dir, 'imports', '**', '*.ts'));
    expect(files.length).toBeGreaterThan(40);
    const anys = files.flatMap((f) => f.getDescendantsOfKind(SyntaxKind.AnyKeyword).map((n) => `${path.basename(f.getFilePath())}:${n.getStartLineNumber()}`));
    expect(anys).toEqual([]);
  });

  test('berth synth writes the custom resources, and each validates against its CRD schema', () => {
    const result = berth(['synth'], dir);
    expect([result.code, result.stderr]).toEqual([0, expect.not.stringContaining('error')]);
    const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'dist', 'imported.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(objects.map((o) => `${o.apiVersion}/${o.kind}`)).toEqual(expect.arrayContaining(['v1/ReplicationController', 'operator.etcd.io/v1alpha1/EtcdCluster', 'edge.example.com/v1/Widget', 'v1/ConfigMap', 'monitoring.coreos.com/v1/ServiceMonitor']));

    const etcd = objects.find((o) => o.kind === 'EtcdCluster');
    expect(etcd.spec).toEqual({ size: 3, version: 'v3.5.17', storageSpec: { accessModes: 'ReadWriteOnce', volumeSizeRequest: '1Gi' } });
    const widget = objects.find((o) => o.kind === 'Widget');
    // camelCase keys went back to the wire names; unknown keys of an open object were kept.
    expect(widget.spec).toEqual({ $ref: '#/here', class: 'gold', 'x-foo': 'bar', my_value: 'v', nested: [{ 'x-y': 'z', deeper: { 'kebab-case': 'k' } }], freeWithFields: { 'x-kept': 'a', extra: 1 } });

    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const [kind, file] of [['EtcdCluster', 'crds/operator.etcd.io_etcdclusters.yaml'], ['ServiceMonitor', 'crds/monitoring.coreos.com_servicemonitors.yaml'], ['Widget', 'edge-cases.yaml']]) {
      const crd = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((d) => d.toJS()).find((d) => d?.spec?.names?.kind === kind);
      const schema = crd.spec.versions.find((v: { storage: boolean }) => v.storage).schema.openAPIV3Schema;
      const validate = ajv.compile(closed(schema));
      const object = objects.find((o) => o.kind === kind);
      validate(object);
      expect([kind, validate.errors ?? []]).toEqual([kind, []]);
    }
  });

  test('importing again gives identical files', () => {
    const before = readTree(path.join(dir, 'imports'));
    const again = berth(['import'], dir);
    expect(again.code).toBe(0);
    expect(readTree(path.join(dir, 'imports'))).toEqual(before);
  });
});

/** The CRD's schema with every listed object closed, as the API server prunes: a misspelt key fails here. */
function closed(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (typeof s !== 'object' || s === null) return s;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      // edge-cases.yaml has a deliberately unknown type and a dangling $ref; ajv cannot compile those.
      if ((k === 'type' && !JSON_TYPES.includes(v as string)) || k === '$ref') continue;
      out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, walk(ps)])) : walk(v);
    }
    if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
    return out;
  };
  return walk(schema) as Record<string, unknown>;
}

const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'];

const STRICT = {
  target: 'ES2022',
  module: 'commonjs',
  moduleResolution: 'node10',
  lib: ['ES2022'],
  types: [],
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  esModuleInterop: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
};

const PROGRAM = `import { App, Chart, ReplicationController } from 'berth';
import * as k8s from './imports/k8s';
import { Widget } from './imports/edge';
import { ServiceMonitor } from './imports/monitoring.coreos.com';
import { EtcdCluster } from './imports/operator.etcd.io';

const app = new App();
const chart = new Chart(app, 'imported');
const web = new ReplicationController(chart, 'web', {
  replicas: 2,
  labels: { app: 'web' },
  containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }],
});
new EtcdCluster(chart, 'store', {
  metadata: { name: 'store' },
  spec: { size: 3, version: 'v3.5.17', storageSpec: { accessModes: 'ReadWriteOnce', volumeSizeRequest: '1Gi' } },
});
new ServiceMonitor(chart, 'monitor', {
  spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', interval: '30s', scheme: 'HTTP' }] },
});
new Widget(chart, 'widget', {
  spec: { ref: '#/here', class: 'gold', xFoo: 'bar', myValue: 'v', nested: [{ xY: 'z', deeper: { kebabCase: 'k' } }], freeWithFields: { xKept: 'a', extra: 1 } },
});
new k8s.KubeConfigMap(chart, 'settings', { data: { replicas: String(web.node.id.length) } });
app.synth();
`;
