import { App, AppProps } from '../../index';
import { buildBerth } from '../workloads/berth';
import { serviceSpecs } from '../workloads/spec';
import { Measurement } from './index';

/**
 * berth as users run it: `new App()`, the workload, `app.synth()`. App renders the appc target (a pod.json per pod)
 * beside the YAML by default; when App has a prop that turns it off, add `export const berthK8s = berthApp({ appc:
 * false })`, its entry in MEASUREMENTS and a row in plan.ts.
 */
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

export const berth = berthApp({});
