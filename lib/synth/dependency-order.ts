import { IConstruct } from 'constructs';
import { inObjectKeyOrder } from './object-key-order';

/**
 * The order cdk8s's `DependencyGraph(scope).topology()` gives — every construct after what it depends on, ties in
 * tree order — computed in linear time without recursion.
 *
 * cdk8s checks each new edge for a cycle with an unmemoized search and visits the graph recursively without
 * marking what it has seen, so long dependency chains overflow the stack and wide ones take quadratic time. The
 * result here is the same list: a post-order walk that skips finished vertices emits exactly what the unmemoized
 * walk emits (a finished vertex's whole subtree has already been emitted), and the roots are taken in the same
 * order (vertices without inbound edges, in the order of a plain object keyed by construct path, as cdk8s keeps
 * them).
 *
 * Constructs are told apart by identity, not by path: computing a construct's path allocates, and a large app has
 * tens of thousands of them.
 */
export function dependencyOrder(constructs: readonly IConstruct[]): readonly IConstruct[] {
  const inObjectOrder = inPathObjectOrder(constructs);
  // Most apps declare no dependencies at all: then the order is the roots' order, and no graph is needed.
  if (!inObjectOrder.some((c) => dependenciesOf(c).length > 0)) return inObjectOrder;
  const vertices = buildGraph(inObjectOrder);
  const order: IConstruct[] = [];
  const state = new Map<Vertex, 'open' | 'done'>();
  for (const root of vertices) {
    if (root.inbound === 0) visit(root, state, order);
  }
  // Every vertex of an acyclic graph is reachable from a root: any left lies on a cycle or behind one, and a walk
  // from each of them meets the cycle.
  for (const vertex of vertices) {
    if (!state.has(vertex)) visit(vertex, state, order);
  }
  return order;
}

const NONE: readonly IConstruct[] = [];

/**
 * `construct.node.dependencies`, without building a list for a construct that never had a dependency (nearly
 * all): the getter allocates one on every call, and a render asks for each construct's several times. A
 * `constructs` whose node keeps dependencies elsewhere gets the getter.
 */
export function dependenciesOf(construct: IConstruct): readonly IConstruct[] {
  const node = construct.node as unknown as { _dependencies?: unknown };
  if ('_dependencies' in node && node._dependencies === undefined) return NONE;
  return construct.node.dependencies;
}

interface Vertex {
  readonly construct: IConstruct;
  readonly outbound: Vertex[];
  inbound: number;
}

function buildGraph(constructs: readonly IConstruct[]): Vertex[] {
  const byConstruct = new Map<IConstruct, Vertex>();
  const vertices: Vertex[] = [];
  for (const construct of constructs) {
    const vertex: Vertex = { construct, outbound: [], inbound: 0 };
    byConstruct.set(construct, vertex);
    vertices.push(vertex);
  }
  for (const source of vertices) {
    // `node.dependencies` is a set: each pair gives one edge, as in cdk8s's Set of children
    for (const dependency of dependenciesOf(source.construct)) {
      const target = byConstruct.get(dependency);
      if (!target) continue; // outside the scope: cdk8s renders a chart's own objects only
      source.outbound.push(target);
      target.inbound++;
    }
  }
  return vertices;
}

/**
 * cdk8s keeps its vertices in a plain object keyed by construct path, and takes the roots in that object's order.
 * Only a construct directly under the root can have an array-index path (any deeper path has a "/").
 */
function inPathObjectOrder(constructs: readonly IConstruct[]): readonly IConstruct[] {
  return inObjectKeyOrder(constructs, (construct) => (construct.node.scope?.node.scope ? '' : construct.node.path));
}

/** Iterative post-order from `root`; throws on a cycle, naming it as cdk8s does. */
function visit(root: Vertex, state: Map<Vertex, 'open' | 'done'>, order: IConstruct[]): void {
  if (state.get(root) === 'done') return;
  const stack: Array<{ vertex: Vertex; next: number }> = [{ vertex: root, next: 0 }];
  state.set(root, 'open');
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.vertex.outbound.length) {
      const child = top.vertex.outbound[top.next++];
      const seen = state.get(child);
      if (seen === 'done') continue;
      if (seen === 'open') throw cycleError(stack.map((s) => s.vertex), child);
      state.set(child, 'open');
      stack.push({ vertex: child, next: 0 });
    } else {
      stack.pop();
      state.set(top.vertex, 'done');
      order.push(top.vertex.construct);
    }
  }
}

function cycleError(path: Vertex[], repeated: Vertex): Error {
  const cycle = [...path.slice(path.indexOf(repeated)), repeated];
  return new Error(`Dependency cycle detected: ${cycle.map((v) => v.construct.node.path).join(' => ')}`);
}
