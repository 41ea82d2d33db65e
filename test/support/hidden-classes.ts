/**
 * Run by test/lib/hidden-classes.test.ts as `node --allow-natives-syntax -r ./bin/register.js` (V8's `%HaveSameMap`
 * is only callable with that flag): builds an app and prints, as JSON, how many hidden classes its objects' props
 * and labels have, and whether objects built from `{}` still share one after many charts.
 */
import { App, Chart, Deployment, Service } from '../../index';

const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

function distinctClasses(objects: readonly object[]): number {
  const seen: object[] = [];
  for (const object of objects) if (!seen.some((other) => sameMap(other, object))) seen.push(object);
  return seen.length;
}

/** Two objects built from `{}` with the same new key: one class, unless V8 stopped recording transitions from `{}`. */
function emptyObjectsShareClasses(): boolean {
  const make = (): object => {
    const object: Record<string, number> = {};
    object[`key-${process.pid}`] = 1;
    return object;
  };
  return sameMap(make(), make());
}

const charts = Number(process.argv[2] ?? 3000);
const app = new App({ appc: false });
const deployments: Deployment[] = [];
const services: Service[] = [];
for (let i = 0; i < charts; i++) {
  const chart = new Chart(app, `team-${i}`);
  const web = new Deployment(chart, `web-${i}`, { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] });
  deployments.push(web);
  services.push(new Service(chart, `svc-${i}`, { selects: web, ports: [{ port: 80, targetPort: 'http' }] }));
}
const internals = (object: object): { props: object; metadata: { labels: object } } => object as never;
process.stdout.write(JSON.stringify({
  deploymentProps: distinctClasses(deployments.map((d) => internals(d).props)),
  serviceProps: distinctClasses(services.map((s) => internals(s).props)),
  deploymentLabels: distinctClasses(deployments.map((d) => internals(d).metadata.labels)),
  serviceLabels: distinctClasses(services.map((s) => internals(s).metadata.labels)),
  emptyObjectsShareClasses: emptyObjectsShareClasses(),
}));
