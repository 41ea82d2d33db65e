import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { ServiceSpec } from './spec';

/** The same workload with cdk8s-plus's L2 constructs: the anchor. */
export function buildCdk8sPlus(app: App, specs: readonly ServiceSpec[], charts = 1): void {
  const scopes = Array.from({ length: charts }, (_, i) => new Chart(app, charts === 1 ? 'bench' : `bench-${i}`));
  specs.forEach((spec, i) => {
    const deployment = new kplus.Deployment(scopes[i % charts], spec.name, {
      replicas: 2,
      containers: [{
        name: 'app',
        image: spec.image,
        ports: [{ name: 'http', number: spec.port }],
        envVariables: { SERVICE_NAME: kplus.EnvValue.fromValue(spec.name), LOG_LEVEL: kplus.EnvValue.fromValue('info') },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
        },
        readiness: kplus.Probe.fromHttpGet('/ready', { port: spec.port }),
        liveness: kplus.Probe.fromHttpGet('/healthz', { port: spec.port }),
        securityContext: { ensureNonRoot: false },
      }],
    });
    deployment.exposeViaService({ name: spec.name, ports: [{ port: 80, targetPort: spec.port }] });
  });
}
