/**
 * Not a test (no timings are asserted): `npx sucrase-node test/diff/perf.ts [count]` measures the offline engine
 * on N desired against N live Deployments with server defaults and managedFields, a tenth of them changed.
 */
import { diffObjects, formatJson, formatText } from '../../lib/diff';
import { deployment, live, OURS, withDeploymentDefaults } from './scenarios';

const count = Number(process.argv[2] ?? 10_000);
const desired = Array.from({ length: count }, (_, i) => deployment({ replicas: 2 }, { image: `nginx:1.${i % 10 === 0 ? 27 : 25}`, env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu: '100m', memory: '64Mi' } } }, `web-${i}`));
const liveObjects = Array.from({ length: count }, (_, i) => live(deployment({ replicas: 2 }, { image: 'nginx:1.25', env: [{ name: 'MODE', value: 'prod' }], resources: { requests: { cpu: '0.1', memory: '64Mi' } } }, `web-${i}`), { berth: OURS }, withDeploymentDefaults));
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const report = diffObjects(desired, liveObjects);
const computed = process.hrtime.bigint();
const diffCpu = process.cpuUsage(cpu);
const json = formatJson(report);
const text = formatText(report, { style: { red: (t) => t, green: (t) => t, yellow: (t) => t, bold: (t) => t, dim: (t) => t } });
const printed = process.hrtime.bigint();
console.log(`${count} vs ${count}: diff ${Number(computed - start) / 1e6} ms (cpu ${(diffCpu.user + diffCpu.system) / 1000} ms), json+text ${Number(printed - computed) / 1e6} ms (${json.length + text.length} bytes), summary ${JSON.stringify(report.summary)}`);
