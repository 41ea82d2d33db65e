import { App, AppProps } from '../../index';
import { buildBerth } from '../workloads/berth';
import { serviceSpecs } from '../workloads/spec';
import { Measurement } from './index';

/** berth as users run it: `new App()`, the workload, `app.synth()`. */
function berthApp(props: AppProps): Measurement {
  return ({ n, charts }) => {
    const specs = serviceSpecs(n);
    return (outdir) => {
      const app = new App({ ...props, outdir });
      buildBerth(app, specs, charts);
      app.synth();
    };
  };
}

/** The default: the Kubernetes YAML and the appc target (a pod manifest per pod, and its warnings). */
export const berth = berthApp({});

/** A cluster-only project: the YAML alone, what cdk8s-plus and the plain anchors write. */
export const berthK8s = berthApp({ appc: false });
