import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import * as YAML from 'yaml';
import { describeProblem } from '../../lib/problems';
import { validateObject, Violation } from '../../lib/import/check/validate';
import { KubeObject } from '../../lib/diff/types';
import { BUNDLED_SCHEMA, KubernetesSchema } from '../../lib/kubernetes/schema';
import { REPO } from '../helpers';
import { FIXTURES } from './helpers';

/** A violation as berth prints it, without the construct path: `spec.size must be an integer, got "3" — use 3 ...`. */
const text = (v: Violation) => `${v.severity}: ${describeProblem({ path: '', ...v })}`;

const QUANTITY = {
  'x-kubernetes-int-or-string': true,
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
};

/** A structural CRD schema with one field per rule. */
const CRD_SCHEMA = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } },
    spec: {
      type: 'object',
      required: ['size', 'version'],
      properties: {
        size: { type: 'integer', minimum: 1, maximum: 9 },
        version: { type: 'string', pattern: '^v[0-9]+\\.[0-9]+' },
        mode: { type: 'string', enum: ['Fast', 'Safe'] },
        replicas: { type: 'integer', default: 1 },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        storage: QUANTITY,
        enabled: { type: 'boolean' },
        hosts: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', maxItems: 3 },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 }, port: { type: 'integer' } } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
        anything: { 'x-kubernetes-preserve-unknown-fields': true },
        pruned: { type: 'object' },
        note: { type: 'string', nullable: true },
        created: { type: 'string', format: 'date-time' },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        match: { type: 'object', properties: { exact: { type: 'string' }, prefix: { type: 'string' } }, oneOf: [{ required: ['exact'] }, { required: ['prefix'] }] },
      },
    },
  },
};

const VALID = { apiVersion: 'example.com/v1', kind: 'Store', metadata: { name: 'store', labels: { app: 'x' } }, spec: { size: 3, version: 'v3.5' } };
const crd = (spec: Record<string, unknown>, metadata: Record<string, unknown> = VALID.metadata) =>
  validateObject({ ...VALID, metadata, spec: { ...VALID.spec, ...spec } }, CRD_SCHEMA, { dialect: 'crd' }).map(text);

describe('validateObject, CRD schemas (structural)', () => {
  test('a valid object has no violations', () => {
    expect(crd({ mode: 'Safe', port: 'http', storage: '1Gi', hosts: ['a', 'b'], ports: [{ name: 'a', port: 1 }, { name: 'b', port: 1 }] })).toEqual([]);
  });

  test.each([
    ['wrong type, with the fix', { size: '3' }, 'error: spec.size must be an integer, got "3" — use 3 (a number, no quotes)'],
    ['a number where a string belongs', { version: 3.5 }, 'error: spec.version must be a string, got 3.5 — use "3.5"'],
    ['a boolean as a string', { enabled: 'true' }, 'error: spec.enabled must be a boolean, got "true" — use true (no quotes)'],
    ['below the minimum', { size: 0 }, 'error: spec.size must be at least 1, got 0 — use 1 or more'],
    ['above the maximum', { size: 10 }, 'error: spec.size must be at most 9, got 10 — use 9 or less'],
    ['pattern', { version: '3.5' }, 'error: spec.version must match the pattern ^v[0-9]+\\.[0-9]+, got "3.5"'],
    ['enum, in the wrong case', { mode: 'fast' }, 'error: spec.mode must be one of "Fast" or "Safe", got "fast" — use "Fast"'],
    ['enum', { mode: 'Slow' }, 'error: spec.mode must be one of "Fast" or "Safe", got "Slow"'],
    ['int-or-string: a float', { port: 80.5 }, 'error: spec.port must be an integer or a string, got 80.5 — use "80.5"'],
    ['int-or-string: a boolean', { port: true }, 'error: spec.port must be an integer or a string, got true'],
    ['quantity: not one', { storage: '1 GB' }, 'error: spec.storage must be a quantity such as "100m", "0.5", "128Mi" or "1G", got "1 GB"'],
    ['quantity: a float (a CRD quantity is an integer or a string)', { storage: 0.5 }, 'error: spec.storage must be an integer or a quantity string such as "100m", "0.5", "128Mi" or "1G", got 0.5 — use "0.5"'],
    ['a set with a repeat', { hosts: ['a', 'b', 'a'] }, 'error: spec.hosts[2] repeats spec.hosts[0], got "a" — entries of this list are unique: remove the repeat'],
    ['too many items', { hosts: ['a', 'b', 'c', 'd'] }, 'error: spec.hosts must have at most 3 items, got "4 items"'],
    ['a list map with a repeated key', { ports: [{ name: 'a', port: 1 }, { name: 'a', port: 2 }] }, 'error: spec.ports[1] has the same name as spec.ports[0], got {"name":"a"} — entries of this list are unique by name: merge them or change one'],
    ['a list map item without its key', { ports: [{ port: 1 }] }, 'error: spec.ports[0].name is required'],
    ['an empty string where minLength is 1', { ports: [{ name: '' }] }, 'error: spec.ports[0].name must not be empty, got ""'],
    ['a map value of the wrong type', { labels: { a: 1 } }, 'error: spec.labels.a must be a string, got 1 — use "1"'],
    ['an unknown field, near a known one', { sise: 3 }, 'error: spec.sise is not a field of the schema (the API server would drop it) — use size'],
    ['an unknown field in other words', { Size: 3 }, 'error: spec.Size is not a field of the schema (the API server would drop it) — use size'],
    ['a field of an object that lists none', { pruned: { a: 1 } }, 'error: spec.pruned.a is not a field of the schema (the API server would drop it) — remove it: the schema lists no fields here'],
    ['null where null is not allowed', { mode: null }, 'warning: spec.mode is null, which the API server drops (the schema does not allow null) — leave it out'],
    ['format date-time', { created: 'yesterday' }, 'error: spec.created must be an RFC 3339 date-time such as "2024-05-01T12:00:00Z", got "yesterday"'],
    ['an embedded resource without kind', { template: { apiVersion: 'v1' } }, 'error: spec.template is an embedded resource: it must have apiVersion and kind'],
    ['oneOf of required fields: none', { match: {} }, 'error: spec.match must set one of: exact, prefix'],
    ['oneOf of required fields: both', { match: { exact: 'a', prefix: 'b' } }, 'error: spec.match must set only one of: exact, prefix, got ["exact","prefix"] — keep one of exact, prefix'],
  ])('%s', (_, spec, expected) => {
    expect(crd(spec)).toEqual([expected]);
  });

  test.each([
    ['date-time', ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.123+02:00', '2024-05-01t12:00', '2024-05-01 12:00:00'], ['yesterday', '2024-05-01', '12:00:00Z']],
    ['date', ['2024-05-01'], ['2024-5-1', '2024-05-01T00:00:00Z']],
    ['byte', ['', 'YWJj', 'YWJjZA==', 'YWJj\nZGVm'], ['abc', 'YWJjZA=', '$$$$']],
    ['uuid', ['123e4567-e89b-12d3-a456-426614174000', '123E4567E89B12D3A456426614174000'], ['123e4567', 'not-a-uuid']],
    ['ipv4', ['10.0.0.1'], ['10.0.0', '::1', '256.0.0.1']],
    ['ipv6', ['fd00::1', '::ffff:10.0.0.1'], ['10.0.0.1', 'fd00:::1']],
    ['cidr', ['10.0.0.0/16', 'fd00::/8'], ['10.0.0.0', '10.0.0.0/33', 'x/8']],
    ['password', ['anything'], []],
  ])('format %s', (format, good, bad) => {
    const schema = { type: 'object', properties: { v: { type: 'string', format } } };
    for (const v of good) expect([v, validateObject({ v }, schema, { dialect: 'crd' })]).toEqual([v, []]);
    for (const v of bad) expect([v, validateObject({ v }, schema, { dialect: 'crd' }).length]).toEqual([v, 1]);
  });

  test('a missing required field, unless the schema defaults it; every problem at once', () => {
    const object = { ...VALID, spec: { mode: 'x' } };
    expect(validateObject(object, CRD_SCHEMA, { dialect: 'crd' }).map(text)).toEqual([
      'error: spec.mode must be one of "Fast" or "Safe", got "x"',
      'error: spec.size is required',
      'error: spec.version is required',
    ]);
    // `replicas` is required nowhere, but a required field with a default is fine: the API server fills it in first
    const defaulted = { ...CRD_SCHEMA.properties.spec, required: ['size', 'version', 'replicas'] };
    expect(validateObject({ size: 1, version: 'v1.0' }, defaulted, { dialect: 'crd' })).toEqual([]);
  });

  test('open where the schema says so: preserve-unknown-fields, additionalProperties, nullable', () => {
    expect(crd({ config: { known: 'a', other: { deep: [1] } }, anything: [1, 'two', { three: null }], note: null, labels: { a: 'b' } })).toEqual([]);
    expect(crd({ config: { known: 1 } })).toEqual(['error: spec.config.known must be a string, got 1 — use "1"']);
  });

  test('metadata is ObjectMeta whatever the CRD lists, with the CRD\'s own rules on name; the name is a DNS subdomain', () => {
    expect(crd({}, { name: 'store', namespace: 'prod', labels: { a: 'b' }, annotations: { c: 'd' } })).toEqual([]);
    expect(crd({}, { name: 'Store_1' })).toEqual(['error: metadata.name must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, got "Store_1"']);
    expect(crd({}, { name: 'a-name-longer-than-twenty' })).toEqual(['error: metadata.name must be at most 20 characters, got "a-name-longer-than-twenty"']);
  });

  test('a schema validateObject cannot fully read is checked as far as it goes, never throws', () => {
    const odd = { type: 'object', properties: { a: { type: 'date' }, b: { $ref: '#/nowhere' }, c: { type: 'string', pattern: '(?i)abc' }, d: { items: [{ type: 'string' }] } } };
    expect(validateObject({ a: 1, b: 2, c: 'x', d: ['s', 2] }, odd, { dialect: 'crd' })).toEqual([]);
    expect(validateObject('not an object', CRD_SCHEMA, { dialect: 'crd' }).map(text)).toEqual(['error: must be an object, got "not an object"']);
  });

  test('the Istio protobuf oneof shape reads as "only one of"', () => {
    const schema = {
      type: 'object',
      properties: { exact: { type: 'string' }, prefix: { type: 'string' }, regex: { type: 'string' } },
      oneOf: [{ not: { anyOf: [{ required: ['exact'] }, { required: ['prefix'] }, { required: ['regex'] }] } }, { required: ['exact'] }, { required: ['prefix'] }, { required: ['regex'] }],
    };
    expect(validateObject({}, schema, { dialect: 'crd' })).toEqual([]);
    expect(validateObject({ exact: 'a' }, schema, { dialect: 'crd' })).toEqual([]);
    expect(validateObject({ exact: 'a', regex: 'b' }, schema, { dialect: 'crd' }).map(text)).toEqual(['error: must set only one of: exact, prefix, regex, got ["exact","regex"] — keep one of exact, regex']);
  });

  test.each([
    ['etcd', 'crds/operator.etcd.io_etcdclusters.yaml', { size: 3, version: 'v3.5.17', storageSpec: { accessModes: 'ReadWriteOnce', volumeSizeRequest: '1Gi' } }, []],
    ['etcd, without the required quantity', 'crds/operator.etcd.io_etcdclusters.yaml', { size: 3, version: 'v3.5.17', storageSpec: {} }, ['error: spec.storageSpec.volumeSizeRequest is required']],
    ['ServiceMonitor', 'crds/monitoring.coreos.com_servicemonitors.yaml', { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http', scheme: 'HTTP', interval: '30s' }] }, []],
    ['ServiceMonitor, a bad enum and interval', 'crds/monitoring.coreos.com_servicemonitors.yaml', { selector: {}, endpoints: [{ port: 'http', scheme: 'ftp', interval: '30 seconds' }] }, [
      'error: spec.endpoints[0].scheme must be one of "http", "https", "HTTP" or "HTTPS", got "ftp"',
      'error: spec.endpoints[0].interval must match the pattern ^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$, got "30 seconds"',
    ]],
  ])('a real CRD: %s', (_, file, spec, expected) => {
    const doc = YAML.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const version = doc.spec.versions.find((v: { storage: boolean }) => v.storage);
    const object = { apiVersion: `${doc.spec.group}/${version.name}`, kind: doc.spec.names.kind, metadata: { name: 'x' }, spec };
    expect(validateObject(object, version.schema.openAPIV3Schema, { dialect: 'crd' }).map(text)).toEqual(expected);
  });
});

const BUILTIN: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', labels: { a: 'b' } }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', annotations: { 'x.io/y': 'z' } }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 't' }], rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', args: ['date'], resources: { requests: { cpu: 0.1, memory: '10Mi' } } }] } } } } } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', replicas: 3, selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], volumeMounts: [{ name: 'data', mountPath: '/data' }], livenessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 10 } }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'x', namespace: 'y' }] },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' }, type: 'Opaque', data: { a: 'YWJj' }, stringData: { b: 'c' } },
];

describe('validateObject, OpenAPI definitions (the built-in API)', () => {
  const definitions = JSON.parse(fs.readFileSync(path.join(REPO, 'schemas', BUNDLED_SCHEMA), 'utf8')).definitions;
  const deployment = (spec: Record<string, unknown>) =>
    validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec }, { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' }, { dialect: 'openapi', definitions }).map(text);
  const template = (container: Record<string, unknown>) => ({ selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...container }] } } });

  test('a valid Deployment; IntOrString and Quantity take numbers and strings', () => {
    expect(deployment({ replicas: 2, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, ...template({ resources: { limits: { cpu: 0.5, memory: '128Mi' } }, ports: [{ containerPort: 80 }] }) })).toEqual([]);
  });

  test.each([
    ['a misspelt field', { replica: 2, ...template({}) }, ['error: spec.replica is not a field of the schema — use replicas']],
    ['a quantity that is not one', template({ resources: { limits: { cpu: 'lots' } } }), ['error: spec.template.spec.containers[0].resources.limits.cpu must be a quantity such as "100m", "0.5", "128Mi" or "1G", got "lots"']],
    ['int-or-string of the wrong type', { strategy: { rollingUpdate: { maxSurge: true } }, ...template({}) }, ['error: spec.strategy.rollingUpdate.maxSurge must be a string or an integer, got true']],
    ['a missing required field', { template: {} }, ['error: spec.selector is required']],
  ])('%s', (_, spec, expected) => {
    expect(deployment(spec)).toEqual(expected);
  });

  test.each(BUILTIN.map((o) => [o.kind, o] as const))('a realistic %s passes, as with the bundled ajv schema (closed objects)', (_, object) => {
    const id = Object.keys(definitions).find((k) => (definitions[k]['x-kubernetes-group-version-kind'] ?? []).some((g: { group: string; version: string; kind: string }) => `${g.group ? `${g.group}/` : ''}${g.version}` === object.apiVersion && g.kind === object.kind));
    expect([KubernetesSchema.bundled().validate(object), validateObject(object, { $ref: `#/definitions/${id}` }, { dialect: 'openapi', definitions })]).toEqual([[], []]);
  });
});

/** Objects as their projects document them, on every real CRD here: no false alarm, and ajv agrees. */
const REALISTIC: Array<[string, string, Record<string, unknown>]> = [
  ['crds/cert-manager.io_certificates.yaml', 'v1', { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, duration: '2160h', privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' }, usages: ['digital signature', 'key encipherment'] }],
  ['crds/gateway.networking.k8s.io_httproutes.yaml', 'v1', { parentRefs: [{ name: 'gw' }], hostnames: ['web.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-env', value: 'prod' }] }], backendRefs: [{ name: 'web', port: 80, weight: 1 }], filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-a', value: 'b' }] } }] }] }],
  ['crds/networking.istio.io_virtualservices.yaml', 'v1', { hosts: ['web'], http: [{ match: [{ uri: { prefix: '/api' }, headers: { 'x-env': { exact: 'prod' } } }], route: [{ destination: { host: 'web', port: { number: 80 }, subset: 'v1' }, weight: 90 }, { destination: { host: 'web', subset: 'v2' }, weight: 10 }], timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s' } }] }],
  ['crds/monitoring.coreos.com_prometheuses.yaml', 'v1', { replicas: 2, serviceAccountName: 'prometheus', serviceMonitorSelector: { matchLabels: { team: 'web' } }, resources: { requests: { memory: '400Mi', cpu: '500m' } }, retention: '15d', containers: [{ name: 'sidecar', image: 'busybox', ports: [{ containerPort: 8080, name: 'http' }], env: [{ name: 'A', value: 'b' }], resources: { limits: { cpu: '100m' } } }], securityContext: { runAsNonRoot: true, fsGroup: 2000 }, storage: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '40Gi' } }, accessModes: ['ReadWriteOnce'] } } } }],
  ['crds/extensions.istio.io_trafficextensions.yaml', 'v1alpha1', { selector: { matchLabels: { app: 'web' } }, phase: 'AUTHN', priority: 10, wasm: { url: 'oci://x/y:1', pluginConfig: { a: 1 } } }],
];
describe('validateObject on realistic custom resources', () => {
  test.each(REALISTIC)('%s', (file, version, spec) => {
    const doc = YAML.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const v = doc.spec.versions.find((x: { name: string }) => x.name === version);
    const object = { apiVersion: `${doc.spec.group}/${version}`, kind: doc.spec.names.kind, metadata: { name: 'x', namespace: 'y' }, spec };
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(v.schema.openAPIV3Schema);
    validate(object);
    expect([validate.errors ?? [], validateObject(object, v.schema.openAPIV3Schema, { dialect: 'crd' })]).toEqual([[], []]);
  });
});
