import { ServiceSpec } from './spec';

/**
 * The objects berth emits for the workload, as plain data: what raw serialization costs with no framework. With
 * berth's applyset label as `labels`, `Yaml.stringify` of them is byte for byte berth's YAML.
 */
export function plainObjects(specs: readonly ServiceSpec[], labels: Readonly<Record<string, string>> = {}): object[] {
  return specs.flatMap((spec) => [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { app: spec.name, ...labels }, name: spec.name },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: spec.name } },
        template: {
          metadata: { labels: { app: spec.name } },
          spec: {
            containers: [{
              env: [{ name: 'SERVICE_NAME', value: spec.name }, { name: 'LOG_LEVEL', value: 'info' }],
              image: spec.image,
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10 },
              name: 'app',
              ports: [{ containerPort: spec.port, name: 'http' }],
              readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
              resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
            }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'Service', metadata: { ...(Object.keys(labels).length ? { labels } : {}), name: spec.name }, spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: spec.name } } },
  ]);
}
