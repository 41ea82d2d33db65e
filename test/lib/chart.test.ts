import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { App, Chart } from '../../index';

/** Every operation constructs does on a node's child index, on a berth chart and a cdk8s chart alike. */
function childOperations(chart: Construct): unknown[] {
  const seen: unknown[] = [];
  const attempt = (fn: () => unknown): void => {
    try {
      seen.push(fn());
    } catch (error) {
      seen.push(`throws: ${(error as Error).message.replace(/\[.*\]/, '[chart]')}`);
    }
  };
  for (const id of ['web', 'db', 'toString', 'hasOwnProperty', 'Web']) attempt(() => new Construct(chart, id).node.id);
  attempt(() => new Construct(chart, 'web')); // a second "web"
  attempt(() => new Construct(chart, 'constructor')); // found on the prototype, as with {}
  seen.push(chart.node.children.map((c) => c.node.id));
  seen.push(chart.node.tryFindChild('db')?.node.path, chart.node.tryFindChild('nope'), chart.node.tryFindChild('valueOf') !== undefined);
  seen.push(chart.node.tryRemoveChild('db'), chart.node.tryRemoveChild('db'), chart.node.tryRemoveChild('nope'));
  seen.push(chart.node.children.map((c) => c.node.id), chart.node.findAll().map((c) => c.node.path));
  return seen;
}

describe('Chart', () => {
  // berth's chart starts its child index itself (a V8 shape matter, see lib/chart.ts): nothing else may change.
  test('its children behave exactly as under a cdk8s chart: order, lookups, duplicates, removal', () => {
    const berth = childOperations(new Chart(new App(), 'same'));
    const plain = childOperations(new cdk8s.Chart(new cdk8s.App(), 'same'));
    expect(berth).toEqual(plain);
    expect(berth).toContain('throws: There is already a Construct with name \'web\' in Chart [chart]');
  });

  test('a chart without children lists none and finds none', () => {
    const chart = new Chart(new App(), 'empty');
    expect(chart.node.children).toEqual([]);
    expect(chart.node.tryFindChild('x')).toBeUndefined();
  });
});
