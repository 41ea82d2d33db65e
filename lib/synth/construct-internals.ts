import { IConstruct, IValidation } from 'constructs';

/**
 * Two reads of `constructs`' private fields for the loops of a synth that visit every construct, each falling back to
 * the public way when the fields are not as in the constructs version this was written against (10.x).
 */
interface NodeInternals {
  readonly _children?: Readonly<Record<string, IConstruct>>;
  readonly _validations?: readonly IValidation[];
}

const NO_CHILDREN: readonly IConstruct[] = Object.freeze([]);

/**
 * `construct.node.children`. A leaf has no children object at all (constructs makes one on the first child), and the
 * public getter would copy an empty one: at 20,000 objects, an allocation each for nothing.
 */
export function childrenOf(construct: IConstruct): readonly IConstruct[] {
  const node = construct.node as unknown as NodeInternals;
  if ('_children' in node && node._children === undefined) return NO_CHILDREN;
  return construct.node.children;
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
