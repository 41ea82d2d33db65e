/**
 * Helpers for unit-testing constructs without snapshots of whole files:
 *
 *   const objects = synth(chart);
 *   expect(findObject(objects, 'Service', 'redis-master').spec.ports).toEqual([...]);
 */
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Problem, SynthError } from './lib/problems';
import { collectProblems } from './lib/synth/rules';

/** A rendered Kubernetes object, as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [key: string]: any;
}

/**
 * The objects of a chart (or of every chart of an app) as plain JSON, in output order. Validates the whole app
 * first and throws a SynthError with every problem, as `berth synth` would.
 */
export function synth(scope: Chart | Cdk8sApp): KubeObject[] {
  const errors = problemsOf(scope).filter((p) => p.severity === 'error');
  if (errors.length) throw new SynthError(errors);
  const charts = Chart.isChart(scope) ? [scope] : (scope as Cdk8sApp).charts;
  return charts.flatMap((chart) => chart.toJson() as KubeObject[]);
}

/** Every problem (errors and warnings) in the app that holds `scope`. */
export function problemsOf(scope: IConstruct): Problem[] {
  return collectProblems(scope.node.root);
}

/** The one object of this kind and name; throws with the names that exist when there is none. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const names = objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    throw new Error(`no ${kind} named "${name}"; ${kind} objects: ${names.length ? names.join(', ') : 'none'}`);
  }
  return found;
}

/** Every object of a kind, in output order. */
export function findObjects(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind);
}
