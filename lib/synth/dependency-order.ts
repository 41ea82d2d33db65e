import { IConstruct } from 'constructs';

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
 */
export function dependencyOrder(constructs: readonly IConstruct[]): IConstruct[] {
  const vertices = buildGraph(constructs);
  const order: IConstruct[] = [];
  const state = new Map<Vertex, 'open' | 'done'>();
  for (const root of vertices) {
    if (root.inbound === 0) visit(root, state, order);
  }
  if (order.length < vertices.length) {
    // every vertex of an acyclic graph is reachable from a root; what is left lies on or behind a cycle
    const stuck = vertices.find((v) => !state.has(v))!;
    visit(stuck, state, order);
  }
  return order;
}

interface Vertex {
  readonly construct: IConstruct;
  readonly outbound: Vertex[];
  readonly targets: Set<Vertex>;
  inbound: number;
}

function buildGraph(constructs: readonly IConstruct[]): Vertex[] {
  // A plain object keyed by path, as cdk8s keeps its vertices: its iteration order (integer-like keys first) is
  // the order of the roots, so it is part of the output order.
  const byPath: Record<string, Vertex> = {};
  for (const construct of constructs) byPath[construct.node.path] = { construct, outbound: [], targets: new Set(), inbound: 0 };
  for (const construct of constructs) {
    const source = byPath[construct.node.path];
    for (const dependency of construct.node.dependencies) {
      const target = byPath[dependency.node.path];
      if (!target) continue; // outside the scope: cdk8s renders a chart's own objects only
      if (source.targets.has(target)) continue;
      source.targets.add(target);
      source.outbound.push(target);
      target.inbound++;
    }
  }
  return Object.values(byPath);
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
