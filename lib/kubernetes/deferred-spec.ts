import { IAnyProducer } from 'cdk8s';

export const RENDER_SPEC = Symbol('berth.renderSpec');

/** An object that renders its own `spec` at synth time (a berth workload or Service). */
export interface SpecSource {
  [RENDER_SPEC](): unknown;
}

/**
 * The `spec` of an object that is its own ApiObject, rendered at synth time so that what is added after
 * construction is included. It is made before the object (whose constructor takes the props) and pointed at it
 * right after: one small object per workload, where `Lazy.any({ produce: () => this.renderSpec() })` cost a
 * closure, its context and a producer object.
 */
export class DeferredSpec implements IAnyProducer {
  public source?: SpecSource;

  public produce(): unknown {
    return this.source![RENDER_SPEC]();
  }
}
