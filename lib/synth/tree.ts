import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { childrenOf } from './construct-internals';

/**
 * Every construct under a root in the order of `root.node.findAll()` (pre-order, children as `node.children` lists
 * them), and where each chart's subtree lies in that list. A synth needs the whole list for the rules, the applyset
 * labels, the file plan and the appc target, and each chart's subtree for its objects: walking the tree for each of
 * those cost ~40 ms apiece at 10,000 services.
 */
export class TreeListing {
  public readonly all: readonly IConstruct[];
  /** [start, end) in `all` of the root's and every chart's subtree. */
  private readonly ranges = new Map<IConstruct, readonly [number, number]>();

  public constructor(root: IConstruct) {
    const all: IConstruct[] = [];
    // An explicit stack rather than recursion: a tree thousands of levels deep lists like any other.
    const stack: Array<{ construct: IConstruct; children: readonly IConstruct[]; next: number; start: number }> = [];
    const enter = (construct: IConstruct) => {
      stack.push({ construct, children: childrenOf(construct), next: 0, start: all.length });
      all.push(construct);
    };
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.children.length) {
        enter(top.children[top.next++]);
        continue;
      }
      stack.pop();
      if (top.construct === root || Chart.isChart(top.construct)) this.ranges.set(top.construct, [top.start, all.length]);
    }
    this.all = all;
  }

  /** `construct.node.findAll()`: a slice of the listing for the root and charts, a walk of its own for the rest. */
  public subtree(construct: IConstruct): readonly IConstruct[] {
    const range = this.ranges.get(construct);
    return range ? this.all.slice(range[0], range[1]) : construct.node.findAll();
  }
}
