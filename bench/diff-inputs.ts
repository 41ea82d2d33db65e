import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { deployment, live, OURS, withDeploymentDefaults } from '../test/diff/scenarios';

/**
 * The inputs of the offline diff rows (after test/diff/perf.ts): `desired.yaml` with `count` Deployments as synth
 * writes them, and `live.yaml`, the same Deployments as `kubectl get -o yaml --show-managed-fields` prints them —
 * server defaults, managedFields, status, CPU written as `0.1` — with every tenth image changed in the desired set;
 * `live.json` is the same List as `-o json` prints it.
 */
export function writeDiffInputs(dir: string, count: number): { desired: string; live: string; liveJson: string } {
  const container = (image: string, cpu: string) => ({ image, env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu, memory: '64Mi' } } });
  const desired = Array.from({ length: count }, (_, i) => deployment({ replicas: 2 }, container(`nginx:1.${i % 10 === 0 ? 27 : 25}`, '100m'), `web-${i}`));
  const items = Array.from({ length: count }, (_, i) => live(deployment({ replicas: 2 }, container('nginx:1.25', '0.1'), `web-${i}`), { berth: OURS }, withDeploymentDefaults));
  const files = { desired: path.join(dir, 'desired.yaml'), live: path.join(dir, 'live.yaml'), liveJson: path.join(dir, 'live.json') };
  const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
  // Copies, not shared objects (the builders share OURS): YAML would write those once with an anchor and then as
  // aliases, which kubectl never prints and which the parser caps as an alias bomb.
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  fs.writeFileSync(files.desired, Yaml.stringify(...copy(desired)));
  fs.writeFileSync(files.live, Yaml.stringify(copy(list)));
  fs.writeFileSync(files.liveJson, `${JSON.stringify(list, null, 4)}\n`);
  return files;
}
