/**
 * The fast YAML emitter against cdk8s.Yaml.stringify on 20,000 documents shaped like cdk8s's toJson() of a
 * Deployment (one container: ports, env, resources, probes) and its Service.
 *
 *   node -r ./bin/register.js bench/yaml-emit.ts [documents]
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { Yaml } from 'cdk8s';
import { stringifyDocuments } from '../lib/synth/yaml-emit';

function deployment(i: number): unknown {
  const name = `web-${i}-c8a1f2d3`;
  const labels = { 'app.kubernetes.io/name': `web-${i}`, 'app.kubernetes.io/part-of': 'shop', tier: 'frontend' };
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: 'http' }, initialDelaySeconds: delay, periodSeconds: 10, failureThreshold: 3 });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { ...labels }, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/name': `web-${i}` } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          automountServiceAccountToken: false,
          containers: [{
            name: 'web',
            image: `registry.example.com/shop/web:1.${i % 40}.${i % 7}`,
            imagePullPolicy: 'IfNotPresent',
            args: ['--listen=:8080', '--metrics-port=9090', '--log-format=json'],
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'FEATURE_CHECKOUT', value: 'on' },
              { name: 'CACHE_TTL_SECONDS', value: '300' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
            ],
            resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
            livenessProbe: probe('/healthz', 10),
            readinessProbe: probe('/ready', 5),
            securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
          }],
          securityContext: { fsGroup: 2000 },
        },
      },
    },
  };
}

function service(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `web-${i}-c8a1f2d3`, namespace: 'shop', labels: { 'app.kubernetes.io/name': `web-${i}` } },
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': `web-${i}` },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090 }],
    },
  };
}

interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly out: string;
}

/** One timed run, from a collected heap so that neither pays for the other's garbage. */
function time(fn: () => string): Run {
  gc();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const out = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1e3, out };
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const count = Number(process.argv[2] ?? 20_000);
const docs = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? deployment(i >> 1) : service(i >> 1)));

// Warm both up (JIT) on a slice, then alternate runs and keep the fastest of each: on a busy machine the minimum is
// the least disturbed. CPU time is printed too (it includes the collector's threads).
const warm = docs.slice(0, 1000);
for (let i = 0; i < 3; i++) {
  Yaml.stringify(...warm);
  stringifyDocuments(warm);
}
let theirs: Run | undefined;
let ours: Run | undefined;
for (let i = 0; i < 3; i++) {
  const a = time(() => Yaml.stringify(...docs));
  const b = time(() => stringifyDocuments(docs));
  if (!theirs || a.ms < theirs.ms) theirs = a;
  if (!ours || b.ms < ours.ms) ours = b;
}
if (ours!.out !== theirs!.out) throw new Error('stringifyDocuments differs from cdk8s.Yaml.stringify on the benchmark documents');

const row = (name: string, run: Run) => `${name.padEnd(22)}${run.ms.toFixed(0).padStart(7)} ms${run.cpuMs.toFixed(0).padStart(9)} ms`;
console.log(`${count} documents, ${(theirs!.out.length / 1e6).toFixed(1)} MB of YAML`);
console.log(`${''.padEnd(22)}${'wall'.padStart(10)}${'cpu'.padStart(12)}`);
console.log(row('cdk8s.Yaml.stringify', theirs!));
console.log(row('stringifyDocuments', ours!));
console.log(`${'speed-up'.padEnd(22)}${(theirs!.ms / ours!.ms).toFixed(1).padStart(9)}x${(theirs!.cpuMs / ours!.cpuMs).toFixed(1).padStart(11)}x`);
