import { Construct } from 'constructs';
import { Deployment, ResourceRequirements, Service } from 'berth';

export interface WebServiceProps {
  /** Container image to run. */
  readonly image: string;
  /** @default 2 */
  readonly replicas?: number;
  /** Port the container listens on. @default 8080 */
  readonly containerPort?: number;
  /** Port the Service listens on. @default 80 */
  readonly port?: number;
  /** @default - 100m CPU and 128Mi memory requested, 256Mi memory limit */
  readonly resources?: ResourceRequirements;
}

/** A replicated web server behind a Service of the same name (the construct id, below the chart). */
export class WebService extends Construct {
  public readonly deployment: Deployment;
  public readonly service: Service;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    this.deployment = new Deployment(this, 'Resource', {
      replicas: props.replicas ?? 2,
      labels: { app: id },
      containers: [{
        name: 'web',
        image: props.image,
        ports: [{ name: 'http', containerPort: props.containerPort ?? 8080 }],
        resources: props.resources ?? { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/', port: 'http' } },
      }],
    });
    this.service = new Service(this, 'Service', {
      metadata: { name: this.deployment.name },
      selects: this.deployment,
      ports: [{ port: props.port ?? 80, targetPort: 'http' }],
    });
  }
}
