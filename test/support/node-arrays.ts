/**
 * Run by test/lib/synth/construct-internals.test.ts as `node --allow-natives-syntax -r ./bin/register.js`: builds a
 * Deployment and a Service three deep and prints V8's description of their nodes' scope and validation lists
 * (`%DebugPrint`, which names each list's backing store with its size: `<FixedArray[3]>`).
 */
import { App, Chart, Deployment, Service } from '../../index';

const debugPrint = new Function('value', '%DebugPrint(value)') as (value: unknown) => void;

const app = new App({ appc: false });
const chart = new Chart(app, 'chart');
const web = new Deployment(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
const service = new Service(chart, 'web-svc', { selects: web, ports: [{ port: 80 }] });
for (const construct of [web, service]) {
  const node = construct.node as unknown as { _scopes: unknown; _validations: unknown };
  debugPrint(node._scopes);
  debugPrint(node._validations);
}
