import * as cdk8s from 'cdk8s';
import { Construct } from 'constructs';
import { App, Chart } from '../../index';
import { Measurement } from './index';

/** A chain of `n` ConfigMaps, each depending on the one before: synth must order them without recursing n deep. */
function chain(makeChart: (outdir: string) => { app: cdk8s.App; chart: Construct }): Measurement {
  return ({ n }) => (outdir) => {
    const { app, chart } = makeChart(outdir);
    let previous: Construct | undefined;
    for (let i = 0; i < n; i++) {
      const configMap = new cdk8s.ApiObject(chart, `cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { index: String(i) } });
      if (previous) configMap.node.addDependency(previous);
      previous = configMap;
    }
    app.synth();
  };
}

export const berthChain = chain((outdir) => {
  const app = new App({ outdir });
  return { app, chart: new Chart(app, 'chain') };
});

export const cdk8sChain = chain((outdir) => {
  const app = new cdk8s.App({ outdir });
  return { app, chart: new cdk8s.Chart(app, 'chain') };
});
