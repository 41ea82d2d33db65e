import { App, Chart, Deployment, Service } from 'berth';

const app = new App();
const chart = new Chart(app, '{{name}}');

const web = new Deployment(chart, 'web', {
  replicas: 2,
  labels: { app: 'web' },
  containers: [{
    name: 'web',
    image: 'nginx:1.27',
    ports: [{ name: 'http', containerPort: 80 }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/', port: 'http' } },
  }],
});
new Service(chart, 'web-service', { metadata: { name: 'web' }, selects: web, ports: [{ port: 80, targetPort: 'http' }] });

app.synth();
