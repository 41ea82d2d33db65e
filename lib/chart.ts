import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';

export interface ChartProps extends cdk8s.ChartProps {}

/**
 * A chart: one output file (`<chart>.k8s.yaml`) and a default namespace and labels for the objects below it.
 * It is cdk8s's Chart, so cdk8s and cdk8s-plus constructs can share it with berth's.
 */
export class Chart extends cdk8s.Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    startChildIndex(this);
  }
}

/**
 * The object that maps a chart's child ids to its children, made before constructs would make it as `{}`.
 *
 * Every `{}` starts from one hidden class, and V8 records each key first added to one as a transition of that class;
 * past ~1,500 of them it records no more, and from then on an object built from `{}` gets a class of its own
 * whenever its keys take a path not recorded yet. constructs makes a node's child index on its first child, keyed by
 * the child's id: 3,000 charts whose first children have different ids used up the transitions, and rendering their
 * objects (whose labels and metadata are built from `{}`) took twice as long per object as in one chart. A chart's
 * index starts from this class instead; lookups, `in`, `delete` and `Object.values` treat it as they treat `{}`.
 */
class ChildIndex {}

function startChildIndex(chart: Construct): void {
  const node = chart.node as unknown as { _children?: object };
  if ('_children' in node && node._children === undefined) node._children = new ChildIndex();
}
