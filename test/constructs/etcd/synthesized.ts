import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { App, Chart, EtcdCluster, EtcdClusterProps } from 'berth';
import { tempDir } from '../../helpers';

/** A rendered object as read back from the YAML file. */
export interface YamlObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** Synthesizes one cluster with berth's App into a temporary directory and reads the YAML file back. */
export function synthesizeCluster(props: EtcdClusterProps, chartProps: { namespace?: string } = {}): { cluster: EtcdCluster; objects: YamlObject[] } {
  const outdir = tempDir('berth-etcd-synth-');
  const app = new App({ outdir });
  const cluster = new EtcdCluster(new Chart(app, 'chart', chartProps), 'store', props);
  app.synth();
  const text = fs.readFileSync(path.join(outdir, 'chart.k8s.yaml'), 'utf8');
  const objects = YAML.parseAllDocuments(text).map((d) => d.toJSON() as YamlObject);
  return { cluster, objects };
}

export function statefulSetOf(objects: readonly YamlObject[]): YamlObject {
  const found = objects.find((o) => o.kind === 'StatefulSet');
  if (!found) throw new Error('no StatefulSet was synthesized');
  return found;
}
