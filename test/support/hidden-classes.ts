/**
 * Run by test/lib/hidden-classes.test.ts as `node --allow-natives-syntax -r ./bin/register.js` (V8's `%HaveSameMap`
 * is only callable with that flag): builds an app and prints, as JSON, how many hidden classes its objects' props
 * and labels have, whether objects built from `{}` still share one after many charts, and whether problems are
 * whole literals.
 */
import { App, Chart, Deployment, Service } from '../../index';
import { ProblemList } from '../../lib/problems';

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

/**
 * A problem with a fix (or a value) has the class of a literal of all its keys: no property array added to a class
 * of four keys (30,000 appc warnings with a fix are kept to the end of a synth of 10,000 pods).
 */
function problemsAreWholeLiterals(): boolean {
  const list = new ProblemList('app/web');
  list.warn('livenessProbe', 'cannot be expressed', { fix: 'check health elsewhere' });
  list.error('image', 'must be lowercase', { value: 'Nginx', fix: 'use "nginx"' });
  const [withFix, withValueAndFix] = list.all;
  return sameMap(withFix, { path: '', field: '', message: '', severity: 'warning', fix: '' }) && sameMap(withValueAndFix, { path: '', field: '', message: '', severity: 'error', value: '', fix: '' });
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
  problemsAreWholeLiterals: problemsAreWholeLiterals(),
}));
