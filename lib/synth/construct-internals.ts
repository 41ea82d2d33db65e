import { IConstruct, IValidation } from 'constructs';

/**
 * Two reads of `constructs`' private fields for the loops of a synth that visit every construct, and a trim of two of
 * its arrays, each falling back to the public way (or doing nothing) when the fields are not as in the constructs
 * version this was written against (10.x).
 */
interface NodeInternals {
  readonly _children?: Readonly<Record<string, IConstruct>>;
  _validations?: IValidation[];
  _scopes?: IConstruct[];
}

/**
 * Gives a node's scope list and validation list exactly the room they use. constructs builds the scope list by a
 * spread and the validation list by a push, and V8 sizes both for growth: 20 and 17 slots where an object three
 * deep with one validation uses 3 and 1. At 20,000 objects that was 6.4 MB of the tree's 55, all promoted into
 * fresh pages (a page fault each, ~13 µs here). Neither list changes once the construct is built (a validation
 * added later makes its own room again).
 */
export function trimNodeArrays(construct: IConstruct): void {
  trimArray(construct.node as unknown as NodeInternals, '_scopes');
  trimArray(construct.node as unknown as NodeInternals, '_validations');
}

/** Replaces the list by an exact copy, only where it is the node's own writable field holding an array. */
function trimArray(node: NodeInternals, key: '_scopes' | '_validations'): void {
  const field = Object.getOwnPropertyDescriptor(node, key);
  if (field?.writable && Array.isArray(field.value)) node[key] = field.value.slice();
}

const NO_CHILDREN: readonly IConstruct[] = Object.freeze([]);

/**
 * `construct.node.children`. A leaf has no children object at all (constructs makes one on the first child), and the
 * public getter would copy an empty one: at 20,000 objects, an allocation each for nothing.
 *
 * The getter is `Object.values(_children)`, and a chart of 20,000 objects has an index of 20,000 keys, which V8 keeps
 * as a hash table: there `Object.values` builds a property descriptor per key (~1 µs each, 20 ms for the chart),
 * where `Object.keys` and a read per key give the same values in the same order in a quarter of the time.
 */
export function childrenOf(construct: IConstruct): readonly IConstruct[] {
  const node = construct.node as unknown as NodeInternals;
  if (!('_children' in node)) return construct.node.children;
  const index = node._children;
  if (index === undefined) return NO_CHILDREN;
  if (typeof index !== 'object' || index === null || Array.isArray(index) || index instanceof Map) return construct.node.children;
  const ids = Object.keys(index);
  const children = new Array<IConstruct>(ids.length);
  for (let i = 0; i < ids.length; i++) children[i] = index[ids[i]];
  return children;
}

/**
 * Whether the construct has a validation other than `ours`, so that `node.validate()` has something to ask (true
 * when the internals cannot tell).
 */
export function hasOtherValidations(construct: IConstruct, ours?: IValidation): boolean {
  const node = construct.node as unknown as NodeInternals;
  if (!('_validations' in node)) return true;
  const validations = node._validations;
  if (validations === undefined) return false;
  if (!Array.isArray(validations)) return true;
  for (const validation of validations) if (validation !== ours) return true;
  return false;
}
