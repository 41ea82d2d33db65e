import { App, Chart, Deployment, Pod, ReplicationController, Service } from 'berth';
import { synth } from 'berth/testing';
import { Guestbook } from '../../../examples/guestbook/guestbook';
import { KubernetesSchema } from '../../../lib/kubernetes/schema';

const schema = KubernetesSchema.bundled();

describe('Kubernetes schema', () => {
  test('every guestbook object validates', () => {
    for (const object of synth(new Guestbook(new App(), 'guestbook'))) expect([object.kind, schema.validate(object)]).toEqual([object.kind, []]);
  });

  test('every construct with every prop validates', () => {
    const chart = new Chart(new App(), 'all', { namespace: 'ns', labels: { team: 'a' } });
    const container = {
      name: 'web',
      image: 'nginx:1.27',
      command: ['nginx'],
      args: ['-g', 'daemon off;'],
      workingDir: '/srv',
      env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' as const }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
      volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }],
      livenessProbe: { httpGet: { path: '/', port: 'http', httpHeaders: [{ name: 'X', value: 'y' }] }, initialDelaySeconds: 3 },
      readinessProbe: { exec: { command: ['true'] } },
      startupProbe: { grpc: { port: 80 } },
      securityContext: { runAsUser: 1, runAsGroup: 1, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      imagePullPolicy: 'Always' as const,
    };
    const pod = {
      labels: { app: 'web' },
      podAnnotations: { 'example.com/a': 'b' },
      containers: [container],
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
      volumes: [{ name: 'data', emptyDir: { medium: 'Memory' as const, sizeLimit: '64Mi' } }, { name: 's', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'c' } }, { name: 'p', persistentVolumeClaim: { claimName: 'p' } }, { name: 'h', hostPath: { path: '/tmp' } }],
      securityContext: { fsGroup: 1, supplementalGroups: [2] },
      nodeSelector: { disk: 'ssd' },
      serviceAccountName: 'web',
      hostname: 'web',
      subdomain: 'web',
      terminationGracePeriodSeconds: 10,
    };
    new Pod(chart, 'pod', { ...pod, labels: { app: 'pod' }, restartPolicy: 'Never' });
    new ReplicationController(chart, 'rc', { ...pod, labels: { app: 'rc' }, replicas: 2, minReadySeconds: 1 });
    const deployment = new Deployment(chart, 'dep', { ...pod, replicas: 2, strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: '10%' }, revisionHistoryLimit: 2, progressDeadlineSeconds: 60, minReadySeconds: 1 });
    new Service(chart, 'svc', { selects: deployment, type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }] });
    new Service(chart, 'headless', { selects: deployment, clusterIP: 'None', publishNotReadyAddresses: true });
    new Service(chart, 'external', { type: 'ExternalName', externalName: 'example.com' });
    const objects = synth(chart);
    expect(objects).toHaveLength(6);
    for (const object of objects) expect([object.kind, object.metadata.name, schema.validate(object)]).toEqual([object.kind, object.metadata.name, []]);
  });

  test('the strict schema catches a misspelt field and a wrong type', () => {
    const errors = schema.validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { prots: [], selector: { app: 1 } } });
    expect(errors).toEqual(expect.arrayContaining([{ path: '/spec', message: 'unknown field "prots"' }, { path: '/spec/selector/app', message: 'must be string' }]));
    expect(schema.validate({ apiVersion: 'v9', kind: 'Nope' })).toEqual([{ path: '', message: 'unknown apiVersion/kind v9/Nope' }]);
  });
});
