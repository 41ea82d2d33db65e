import { Construct } from 'constructs';
import { Chart, ChartProps, Deployment, Service } from 'berth';

/** The app's one chart: everything it deploys, in one `<chart>.k8s.yaml`. */
export class AppChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    const web = new Deployment(this, 'web', {
      replicas: 2,
      labels: { app: 'web' },
      containers: [{
        name: 'web',
        image: 'nginx:1.27',
        // The image's own entrypoint, spelled out: appc runs the command given here, not the Docker image's.
        command: ['nginx', '-g', 'daemon off;'],
        ports: [{ name: 'http', containerPort: 80 }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      }],
    });
    new Service(this, 'web-service', { metadata: { name: 'web' }, selects: web, ports: [{ port: 80, targetPort: 'http' }] });
  }
}
