/**
 * `x instanceof cls` by the prototype chain, as for any class. cdk8s's ApiObject defines `Symbol.hasInstance` as
 * "is any ApiObject", and a subclass inherits it: without this, every cdk8s-plus object would be `instanceof
 * Service`. berth's object classes restore the usual meaning with it.
 */
export function isPlainInstance(cls: Function, x: unknown): boolean {
  return Function.prototype[Symbol.hasInstance].call(cls, x);
}
