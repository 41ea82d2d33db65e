import { App } from 'cdk8s';
import { buildCdk8sPlus } from '../workloads/cdk8s-plus';
import { serviceSpecs } from '../workloads/spec';
import { Measurement } from './index';

export const cdk8sPlus: Measurement = ({ n, charts }) => {
  const specs = serviceSpecs(n);
  return (outdir) => {
    const app = new App({ outdir });
    buildCdk8sPlus(app, specs, charts);
    app.synth();
  };
};
