import { ApiObject, ApiObjectMetadata, IAnyProducer, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ensureAppRules } from '../lib/synth/app-rules';

/** What a rendered object is made of before its spec: the rest of cdk8s's ApiObject props. */
export interface RenderedObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ApiObjectMetadata;
}

/**
 * A berth object (a workload, a Service) that is its own cdk8s ApiObject, not a holder of one: a construct fewer per
 * object is a tenth of the build time and memory of a large app. Its `spec` is rendered at synth time, so what is
 * added after construction is included.
 */
export abstract class RenderedObject extends ApiObject {
  /**
   * `instanceof` by the prototype chain, as for any class: cdk8s's ApiObject makes it "is any ApiObject" for every
   * subclass, so that every cdk8s-plus object would be `instanceof Service`.
   */
  public static override [Symbol.hasInstance]<T>(this: { readonly prototype: T }, x: unknown): x is T {
    return Function.prototype[Symbol.hasInstance].call(this, x);
  }

  /** The object's namespace, as cdk8s set it (given, or the chart's). */
  public readonly namespace?: string;

  protected constructor(scope: Construct, id: string, props: RenderedObjectProps) {
    // The spec's producer is made before the object (whose constructor takes the props) and pointed at it right
    // after: one small object each, where `Lazy.any({ produce: () => this.renderSpec() })` cost a closure, its
    // context and a producer object.
    const spec = new RenderedObject.DeferredSpec();
    // Written out, not `{ ...props, spec }`: V8 (Node 20) gives an object made by a spread and then a key a hidden
    // class of its own, so 20,000 objects had 20,000 shapes and every read of their props missed its inline cache.
    const objectProps: { apiVersion: string; kind: string; metadata?: ApiObjectMetadata; spec: unknown } = { apiVersion: props.apiVersion, kind: props.kind, metadata: props.metadata, spec: Lazy.any(spec) };
    super(scope, id, objectProps);
    spec.object = this;
    // cdk8s has copied the metadata into this.metadata, which is what it renders and what addLabel changes; the
    // props would hold the original, unused, for the life of the app
    objectProps.metadata = undefined;
    shareLabelsShape(this.metadata);
    this.namespace = this.metadata.namespace;
    ensureAppRules(this);
  }

  /** The emitted Kubernetes object, which is this construct itself: the escape hatch for fields berth does not model (`addJsonPatch`). */
  public get resource(): ApiObject {
    return this;
  }

  /** The Kubernetes `spec` of the object, rendered at synth time. */
  protected abstract renderSpec(): unknown;

  /** The spec's producer: declared in the class so that it may call the protected renderSpec. */
  private static readonly DeferredSpec = class implements IAnyProducer {
    public object?: RenderedObject;

    public produce(): unknown {
      return this.object!.renderSpec();
    }
  };
}

/**
 * cdk8s builds an object's labels as `{ ...chart.labels, ...labels }` and copies them with a spread: a shape of their
 * own for every object (see above), read by the rules, the applyset label and rendering. A copy made key by key
 * shares one shape with every labels map of the same keys. Skipped if cdk8s's metadata is not shaped as expected.
 */
function shareLabelsShape(metadata: unknown): void {
  const internals = metadata as { labels?: unknown };
  const labels = internals.labels;
  if (typeof labels === 'object' && labels !== null && Object.getPrototypeOf(labels) === Object.prototype) internals.labels = Object.assign({}, labels);
}
