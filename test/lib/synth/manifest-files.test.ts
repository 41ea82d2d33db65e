import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { openFileSink } from '../../../lib/synth/file-sink';
import { writeManifests } from '../../../lib/synth/manifest-files';
import { tempDir } from '../../helpers';

/** What cdk8s's Yaml.save writes for these objects. */
function cdk8sText(objects: readonly ApiObject[]): string {
  return objects.map((o) => Yaml.stringify(o.toJson())).join('---\n');
}

function configMaps(chart: Chart, count: number, data: (i: number) => Record<string, string>): ApiObject[] {
  return Array.from({ length: count }, (_, i) => new ApiObject(chart, `cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', data: data(i) }));
}

describe('writeManifests', () => {
  const app = new App();
  const chart = new Chart(app, 'c');
  const files = {
    'empty.k8s.yaml': [] as ApiObject[],
    'small.k8s.yaml': configMaps(new Chart(app, 'small'), 3, (i) => ({ note: `petit café ${i}` })),
    // past one chunk: encoded chunk by chunk, with characters of two, three and four bytes across chunk edges
    'large.k8s.yaml': configMaps(chart, 2_000, (i) => ({ text: `${'é€😀'.repeat(i % 7)} line ${i}`, more: 'x'.repeat(i % 50) })),
    // a document larger than a chunk goes on its own, between chunks
    'huge.k8s.yaml': [
      ...configMaps(new Chart(app, 'h1'), 10, (i) => ({ i: String(i) })),
      ...configMaps(new Chart(app, 'h2'), 1, () => ({ big: 'ü'.repeat(100_000) })),
      ...configMaps(new Chart(app, 'h3'), 10, (i) => ({ j: String(i) })),
    ],
  };

  test.each([0, 1_000])('writes what cdk8s writes, byte for byte, whatever the size (thread after %i files)', (threadAfter) => {
    const dir = tempDir();
    const sink = openFileSink(dir, { threadAfter });
    writeManifests(sink, Object.entries(files).map(([fileName, objects]) => ({ fileName, objects })));
    sink.close();
    for (const [fileName, objects] of Object.entries(files)) {
      expect(fs.readFileSync(path.join(dir, fileName), 'utf8')).toBe(cdk8sText(objects));
    }
  });
});
