import { App, Chart, Deployment, Service } from '../../index';
import { ServiceSpec } from './spec';

/** The workload with berth's constructs, spread round-robin over `charts` charts (1: all in one chart). */
export function buildBerth(app: App, specs: readonly ServiceSpec[], charts = 1): void {
  const scopes = Array.from({ length: charts }, (_, i) => new Chart(app, charts === 1 ? 'bench' : `bench-${i}`));
  specs.forEach((spec, i) => {
    const chart = scopes[i % charts];
    const deployment = new Deployment(chart, spec.name, {
      replicas: 2,
      labels: { app: spec.name },
      containers: [{
        name: 'app',
        image: spec.image,
        ports: [{ name: 'http', containerPort: spec.port }],
        env: [{ name: 'SERVICE_NAME', value: spec.name }, { name: 'LOG_LEVEL', value: 'info' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10 },
      }],
    });
    new Service(chart, `${spec.name}-svc`, { metadata: { name: spec.name }, selects: deployment, ports: [{ port: 80, targetPort: 'http' }] });
  });
}
