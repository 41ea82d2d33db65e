import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App as Cdk8sApp, Chart as Cdk8sChart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { App, Chart, Deployment, formatProblem, SynthError } from 'berth';
import { addSchemaRule } from 'berth/imports';
import { problemsOf } from 'berth/testing';
import { tempDir } from '../helpers';
import { generateFixture } from './helpers';

/**
 * The rule generated classes register (`addSchemaRule(this, schemaDir, 'x.schema.json')`, schemaDir being the file's `__dirname`), in process: a class
 * shaped as `berth import` writes it, against the schema file `berth import` writes for the etcd CRD.
 */
const dir = tempDir('berth-import-rule-');
for (const file of generateFixture('crds/operator.etcd.io_etcdclusters.yaml').files) fs.writeFileSync(path.join(dir, file.path), file.text);

class EtcdCluster extends ApiObject {
  public static readonly GVK = { apiVersion: 'operator.etcd.io/v1alpha1', kind: 'EtcdCluster' };
  constructor(scope: Construct, id: string, props: { spec?: Record<string, unknown>; metadata?: Record<string, unknown> } = {}) {
    super(scope, id, { ...EtcdCluster.GVK, ...props });
    addSchemaRule(this, dir, 'operator.etcd.io.schema.json');
  }
}

const GOOD = { size: 3, version: 'v3.5.17', storageSpec: { volumeSizeRequest: '1Gi' } };

describe('addSchemaRule', () => {
  test('a valid object has no problems', () => {
    const chart = new Chart(new App({ appc: false }), 'shop');
    new EtcdCluster(chart, 'store', { spec: GOOD });
    expect(problemsOf(chart)).toEqual([]);
  });

  test('every violation is a problem with the construct path, the field, the value and a fix; collected with the app\'s other problems', () => {
    const chart = new Chart(new App({ appc: false }), 'shop');
    new EtcdCluster(chart, 'store', { spec: { size: '3', storageSpec: { volumeSizeRequest: 0.5, accessModes: ['ReadWriteOnce'] } }, metadata: { labels: { 'bad key!': 'x' } } });
    new Deployment(chart, 'web', { replicas: -1, containers: [{ name: 'web', image: 'nginx:1.27' }] });
    const problems = problemsOf(chart);
    expect(problems.map(formatProblem)).toEqual([
      '[shop/store] spec.size must be an integer, got "3" — use 3 (a number, no quotes)',
      '[shop/store] spec.storageSpec.accessModes must be a string, got ["ReadWriteOnce"]',
      '[shop/store] spec.storageSpec.volumeSizeRequest must be an integer or a quantity string such as "100m", "0.5", "128Mi" or "1G", got 0.5 — use "0.5"',
      '[shop/store] spec.version is required',
      expect.stringMatching(/^\[shop\/store\] metadata\.labels\["bad key!"\] key name part must be/),
      expect.stringMatching(/^\[shop\/web\] replicas /),
    ]);
    expect(problems[0]).toEqual({ path: 'shop/store', field: 'spec.size', message: 'must be an integer', value: '3', fix: 'use 3 (a number, no quotes)', severity: 'error' });
  });

  test('berth synth throws once with every problem, writing nothing', () => {
    const outdir = path.join(tempDir(), 'dist');
    const app = new App({ outdir, appc: false });
    const chart = new Chart(app, 'shop');
    new EtcdCluster(chart, 'a', { spec: { ...GOOD, size: 0 } });
    new EtcdCluster(chart, 'b', { spec: { ...GOOD, sise: 3 } });
    expect(() => app.synth()).toThrow(SynthError);
    try {
      app.synth();
    } catch (error) {
      expect((error as SynthError).message).toBe(
        'Synth failed with 2 problems:\n' +
          '  [shop/a] spec.size must be at least 1, got 0 — use 1 or more\n' +
          '  [shop/b] spec.sise is not a field of the schema (the API server would drop it) — use size',
      );
    }
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('the object is checked as it is emitted: JSON patches included', () => {
    const chart = new Chart(new App({ appc: false }), 'shop');
    new EtcdCluster(chart, 'store', { spec: GOOD }).addJsonPatch(JsonPatch.replace('/spec/size', -1));
    expect(problemsOf(chart).map(formatProblem)).toEqual(['[shop/store] spec.size must be at least 1, got -1 — use 1 or more']);
  });

  test('under a plain cdk8s App the rule is a cdk8s validation', () => {
    const app = new Cdk8sApp({ outdir: tempDir() });
    new EtcdCluster(new Cdk8sChart(app, 'plain'), 'store', { spec: { ...GOOD, version: 3 } });
    expect(() => app.synth()).toThrow(/\[plain\/store\] spec\.version must be a string, got 3 — use "3"/);
  });

  test('without a directory (generated code run as an ES module) the object is not checked, with a warning', () => {
    class Esm extends ApiObject {
      constructor(scope: Construct, id: string) {
        super(scope, id, { ...EtcdCluster.GVK, spec: { size: 'x' } });
        addSchemaRule(this, undefined, 'operator.etcd.io.schema.json');
      }
    }
    const chart = new Chart(new App({ appc: false }), 'shop');
    new Esm(chart, 'store');
    expect(problemsOf(chart).map(formatProblem)).toEqual([
      '[shop/store] cannot be checked against its schema: the generated code does not know its directory, so cannot find operator.etcd.io.schema.json — run the app as CommonJS (as cdk8s apps, berth/register and ts-node do)',
    ]);
  });

  test('a missing schema file is a warning, not a crash', () => {
    class Unchecked extends ApiObject {
      constructor(scope: Construct, id: string) {
        super(scope, id, { ...EtcdCluster.GVK, spec: { size: 'x' } });
        addSchemaRule(this, dir, 'nowhere.schema.json');
      }
    }
    const chart = new Chart(new App({ appc: false }), 'shop');
    new Unchecked(chart, 'store');
    expect(problemsOf(chart)).toEqual([
      {
        path: 'shop/store',
        field: '',
        message: `cannot be checked against its schema: ${path.relative(process.cwd(), path.join(dir, 'nowhere.schema.json'))} is missing`,
        fix: 'keep the .schema.json files berth import writes beside the generated code (copy them too when compiling elsewhere), or run berth import again',
        severity: 'warning',
      },
    ]);
  });
});
