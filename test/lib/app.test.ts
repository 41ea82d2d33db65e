import * as fs from 'fs';
import * as path from 'path';
import { YamlOutputType } from 'cdk8s';
import { App, Chart, Deployment, SynthError } from '../../index';
import * as fileSink from '../../lib/synth/file-sink';
import { readTree, tempDir } from '../helpers';

function appOf(charts: number, options: { appc?: boolean; broken?: boolean; yamlOutputType?: YamlOutputType } = {}): { app: App; outdir: string } {
  const outdir = path.join(tempDir(), 'dist');
  const app = new App({ outdir, appc: options.appc, yamlOutputType: options.yamlOutputType });
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, `c${i}`);
    new Deployment(chart, `web-${i}`, { containers: [{ name: 'web', image: options.broken && i === charts - 1 ? 'Not An Image' : 'nginx:1.25', command: ['nginx'] }] });
  }
  return { app, outdir };
}

describe('App.synth and its writer thread', () => {
  afterEach(() => jest.restoreAllMocks());

  test('an app of many files starts the thread before the rules run, and every file is written', () => {
    const started = jest.spyOn(fileSink, 'startWriter');
    const { app, outdir } = appOf(40); // 40 YAML files and 40 pod manifests
    app.synth();
    expect(started).toHaveBeenCalledTimes(1);
    const tree = readTree(outdir);
    expect(Object.keys(tree).filter((f) => f.endsWith('.k8s.yaml'))).toHaveLength(40);
    expect(Object.keys(tree).filter((f) => f.endsWith('.pod.json'))).toHaveLength(40);
    expect(tree['c39.k8s.yaml']).toContain('name: web-39');
  });

  test('a small app, or one whose YAML is a single file, writes in line: no thread', () => {
    const started = jest.spyOn(fileSink, 'startWriter');
    appOf(30).app.synth(); // 60 files
    appOf(80, { appc: false, yamlOutputType: YamlOutputType.FILE_PER_APP }).app.synth(); // one file
    expect(started).not.toHaveBeenCalled();
    appOf(80, { appc: false }).app.synth(); // 80 files
    expect(started).toHaveBeenCalledTimes(1);
  });

  test('a synth that fails stops the started thread without waiting for it, and writes nothing', () => {
    const started = jest.spyOn(fileSink, 'startWriter');
    const { app, outdir } = appOf(70, { broken: true });
    expect(() => app.synth()).toThrow(SynthError);
    expect(started).toHaveBeenCalledTimes(1);
    const writer = started.mock.results[0].value as fileSink.StartedWriter;
    expect(writer.take()).toBeUndefined(); // discarded
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
