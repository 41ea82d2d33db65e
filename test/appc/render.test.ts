import type { Container, PodModel, PodSpecProps } from '../../lib/../constructs/pod-model';
import { validateManifest } from '../../lib/appc/check';
import { renderPod } from '../../lib/appc/render/pod';
import { dockerImage } from '../../lib/appc/render/image';
import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES } from '../../lib/appc/spec';
import { manifestJson, PodManifest } from '../../lib/appc/types';
import { Problem, ProblemList } from '../../lib/problems';
import { actool, tempFile } from './helpers';

const web = (extra: Partial<Container> = {}): Container => ({ name: 'web', image: 'nginx:1.25', command: ['nginx', '-g', 'daemon off;'], ...extra });

function render(spec: PodSpecProps, meta: Partial<PodModel> = {}): { manifest: PodManifest; problems: readonly Problem[] } {
  const problems = new ProblemList('app/web');
  const manifest = renderPod({ labels: { app: 'web' }, annotations: {}, ...meta, spec }, () => undefined, problems);
  // Whatever berth renders must pass its own validator (errors only: warnings such as a missing image ID are expected).
  const parsedBack = validateManifest(JSON.parse(manifestJson(manifest)));
  expect(parsedBack.issues.filter((i) => i.severity === 'error')).toEqual([]);
  // The synth checks the rendered object itself (lib/appc/target.ts): it must read exactly as its text does.
  expect(validateManifest(manifest)).toEqual(parsedBack);
  // ... and the real actool, unless the case is an error case (berth then writes nothing).
  if (!problems.all.some((p) => p.severity === 'error')) expect(actool('validate', tempFile('pod.json', manifestJson(manifest)))).toMatchObject({ code: 0, stderr: '' });
  return { manifest, problems: problems.all };
}

const app = (spec: PodSpecProps) => render(spec).manifest.apps[0];
const isolator = (spec: PodSpecProps, name: string): unknown => app(spec).app?.isolators?.find((i) => i.name === name)?.value;
const fields = (problems: readonly Problem[]) => problems.map((p) => `${p.severity} ${p.field}`);

describe('pod model → PodManifest', () => {
  test('defaults: one app per container, image by name and labels, the pod labels as userLabels', () => {
    const { manifest, problems } = render({ containers: [web()] });
    expect(manifest).toEqual({
      acVersion: '0.8.11',
      acKind: 'PodManifest',
      apps: [{
        name: 'web',
        image: { name: 'nginx', labels: [{ name: 'version', value: '1.25' }, { name: 'os', value: 'linux' }, { name: 'arch', value: 'amd64' }] },
        app: { exec: ['nginx', '-g', 'daemon off;'], user: '0', group: '0' },
      }],
      userLabels: { app: 'web' },
    });
    expect(problems).toEqual([]);
    expect(Object.keys(JSON.parse(manifestJson(manifest)))).toEqual(['acVersion', 'acKind', 'apps', 'userLabels']);
  });

  test('a Docker image without command: warned, since the app would have no exec (appc replaces the image\'s app)', () => {
    const { manifest, problems } = render({ containers: [web({ command: undefined })] });
    expect(manifest.apps[0].app?.exec).toBeUndefined();
    expect(fields(problems)).toEqual(['warning containers[0].command']);
  });

  test('image references: untagged means latest, a registry port and a digest cannot be expressed', () => {
    expect(app({ containers: [web({ image: 'redis' })] }).image.labels?.[0]).toEqual({ name: 'version', value: 'latest' });
    const { manifest, problems } = render({ containers: [web({ image: `registry.local:5000/team/app:2@sha256:${'a'.repeat(64)}` })] });
    expect(manifest.apps[0].image).toMatchObject({ name: 'registry.local/team/app', labels: [{ name: 'version', value: '2' }, expect.anything(), expect.anything()] });
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringContaining('is not an AC Identifier'), expect.stringContaining('pins a digest')]));
  });

  test('command and args become exec; $(VAR) is expanded from literal env vars, $$ escapes', () => {
    const { manifest, problems } = render({
      containers: [web({ command: ['/bin/run', '--name=$(NAME)'], args: ['$(GREETING)', '$$(NAME)', '$(MISSING)'], env: [{ name: 'NAME', value: 'db' }, { name: 'GREETING', value: 'hi $(NAME)' }] })],
    });
    expect(manifest.apps[0].app?.exec).toEqual(['/bin/run', '--name=db', 'hi db', '$(NAME)', '$(MISSING)']);
    expect(manifest.apps[0].app?.environment).toEqual([{ name: 'NAME', value: 'db' }, { name: 'GREETING', value: 'hi db' }]);
    expect(fields(problems)).toContain('warning containers[0].args[2]');
  });

  test('env: valueFrom and names appc does not allow are warned and left out', () => {
    const { manifest, problems } = render({ containers: [web({ env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'my var', value: 'x' }, { name: 'OK', value: '1' }] })] });
    expect(manifest.apps[0].app?.environment).toEqual([{ name: 'OK', value: '1' }]);
    expect(fields(problems)).toEqual(expect.arrayContaining(['warning containers[0].env[0].valueFrom', 'warning containers[0].env[1].name']));
  });

  test('ports: named by container, lowercase protocol, host ports become pod ports', () => {
    const { manifest } = render({ containers: [web({ ports: [{ name: 'http', containerPort: 80, hostPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] })] });
    expect(manifest.apps[0].app?.ports).toEqual([
      { name: 'web-http', protocol: 'tcp', port: 80, count: 1, socketActivated: false },
      { name: 'web-udp-53', protocol: 'udp', port: 53, count: 1, socketActivated: false },
    ]);
    expect(manifest.ports).toEqual([{ name: 'web-http', hostPort: 8080 }]);
  });

  test.each([
    ['request only stays a request', { requests: { cpu: '250m' } }, { request: '250m' }],
    ['limit only', { limits: { cpu: '1' } }, { limit: '1' }],
    ['both', { requests: { cpu: '100m' }, limits: { cpu: '500m' } }, { request: '100m', limit: '500m' }],
  ])('resources: %s', (_name, resources, expected) => {
    expect(isolator({ containers: [web({ resources })] }, 'resource/cpu')).toEqual(expected);
  });

  test('resources: ephemeral-storage cannot be expressed', () => {
    expect(fields(render({ containers: [web({ resources: { limits: { 'ephemeral-storage': '1Gi', memory: '1Gi' } } })] }).problems)).toContain('warning containers[0].resources.limits.ephemeral-storage');
  });

  const retain = (caps: readonly string[]) => ({ name: 'os/linux/capabilities-retain-set', value: { set: ALL_CAPABILITIES.filter((c) => caps.includes(c)) } });
  test.each([
    ['add keeps the 14 defaults (rkt kept only the added ones)', { add: ['NET_ADMIN'] }, retain([...DEFAULT_CAPABILITIES, 'CAP_NET_ADMIN'])],
    ['drop only is a remove-set', { drop: ['KILL', 'chown'] }, { name: 'os/linux/capabilities-remove-set', value: { set: ['CAP_CHOWN', 'CAP_KILL'] } }],
    ['add and drop is one retain-set, never both', { add: ['NET_ADMIN'], drop: ['KILL'] }, retain([...DEFAULT_CAPABILITIES.filter((c) => c !== 'CAP_KILL'), 'CAP_NET_ADMIN'])],
    ['drop ALL removes the defaults', { drop: ['ALL'] }, { name: 'os/linux/capabilities-remove-set', value: { set: [...DEFAULT_CAPABILITIES] } }],
    ['drop ALL + add keeps only the added', { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, retain(['CAP_NET_BIND_SERVICE'])],
    ['add ALL keeps everything', { add: ['ALL'] }, retain(ALL_CAPABILITIES)],
    ['CAP_ prefix and lowercase are normalized', { add: ['cap_sys_time'] }, retain([...DEFAULT_CAPABILITIES, 'CAP_SYS_TIME'])],
  ])('capabilities: %s', (_name, capabilities, expected) => {
    const isolators = app({ containers: [web({ securityContext: { capabilities } })] }).app?.isolators ?? [];
    expect(isolators.filter((i) => i.name.includes('capabilities'))).toEqual([expected]);
  });

  test('capabilities: an unknown name is warned and left out', () => {
    const { manifest, problems } = render({ containers: [web({ securityContext: { capabilities: { drop: ['FLY'] } } })] });
    expect(manifest.apps[0].app?.isolators).toBeUndefined();
    expect(problems.find((p) => p.value === 'FLY')?.field).toBe('containers[0].securityContext.capabilities');
  });

  test('security: privileged, no privilege escalation, read-only root, users and groups', () => {
    const privileged = app({ containers: [web({ securityContext: { privileged: true } })] }).app?.isolators;
    expect(privileged).toEqual([retain(ALL_CAPABILITIES), { name: 'os/linux/seccomp-retain-set', value: { set: ['@appc.io/all'] } }]);
    const { manifest } = render({
      securityContext: { runAsUser: 1000, runAsGroup: 1000, supplementalGroups: [5], fsGroup: 2000 },
      containers: [web({ securityContext: { runAsUser: 1001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true } })],
    });
    expect(manifest.apps[0]).toMatchObject({ readOnlyRootFS: true, app: { user: '1001', group: '1000', supplementaryGIDs: [5, 2000], isolators: [{ name: 'os/linux/no-new-privileges', value: true }] } });
  });

  test('fails: runAsNonRoot with user 0', () => {
    const { problems } = render({ securityContext: { runAsNonRoot: true }, containers: [web()] });
    expect(problems.find((p) => p.severity === 'error')).toMatchObject({ field: 'containers[0].securityContext.runAsNonRoot', message: expect.stringContaining('runs as user "0"') });
  });

  test('volumes: emptyDir is world-writable like Kubernetes, hostPath is host, mounts are explicit', () => {
    const { manifest } = render({
      volumes: [{ name: 'cache', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }],
      containers: [web({ volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'logs', mountPath: '/logs', readOnly: true }, { name: 'cache', mountPath: '/cache2' }] })],
    });
    expect(manifest.volumes).toEqual([{ name: 'cache', kind: 'empty', mode: '0777', uid: 0, gid: 0 }, { name: 'logs', kind: 'host', source: '/var/log' }]);
    expect(manifest.apps[0].mounts).toEqual([{ volume: 'cache', path: '/cache' }, { volume: 'logs', path: '/logs' }, { volume: 'cache', path: '/cache2' }]);
    expect(manifest.apps[0].app?.mountPoints).toEqual([{ name: 'cache', path: '/cache' }, { name: 'logs', path: '/logs', readOnly: true }, { name: 'cache-2', path: '/cache2' }]);
  });

  test('volumes appc cannot express are warned and left out with their mounts', () => {
    const { manifest, problems } = render({
      volumes: [{ name: 'conf', configMap: { name: 'c' } }, { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }, { name: 'h', hostPath: { path: '/x', type: 'Directory' } }],
      containers: [web({ volumeMounts: [{ name: 'conf', mountPath: '/etc/conf' }, { name: 'mem', mountPath: '/m', subPath: 'a' }] })],
    });
    expect(manifest.volumes?.map((v) => v.name)).toEqual(['mem', 'h']);
    expect(manifest.apps[0].mounts).toBeUndefined();
    expect(fields(problems)).toEqual(expect.arrayContaining([
      'warning volumes[0].configMap', 'warning volumes[1].emptyDir.medium', 'warning volumes[1].emptyDir.sizeLimit', 'warning volumes[2].hostPath.type', 'warning containers[0].volumeMounts[1].subPath',
    ]));
  });

  test('fields appc cannot express are warnings naming the field, never dropped silently', () => {
    const probe = { httpGet: { port: 80 } };
    const { problems } = render({
      initContainers: [web({ name: 'init' })],
      restartPolicy: 'Always',
      serviceAccountName: 'sa',
      nodeSelector: { disk: 'ssd' },
      hostname: 'h',
      subdomain: 's',
      terminationGracePeriodSeconds: 5,
      containers: [web({ livenessProbe: probe, readinessProbe: probe, startupProbe: probe, imagePullPolicy: 'Always' })],
    });
    expect(fields(problems)).toEqual(expect.arrayContaining([
      'warning initContainers', 'warning restartPolicy', 'warning serviceAccountName', 'warning nodeSelector', 'warning hostname', 'warning subdomain',
      'warning terminationGracePeriodSeconds', 'warning containers[0].livenessProbe', 'warning containers[0].readinessProbe', 'warning containers[0].startupProbe',
      'warning containers[0].imagePullPolicy',
    ]));
    expect(problems.every((p) => p.path === 'app/web')).toBe(true);
  });

  test('pod annotations with any keys become userAnnotations', () => {
    expect(render({ containers: [web()] }, { annotations: { 'prometheus.io/Scrape': 'true' } }).manifest.userAnnotations).toEqual({ 'prometheus.io/Scrape': 'true' });
  });

  test('actool accepts a pod that uses every mapping', () => {
    const { manifest } = render({
      securityContext: { runAsUser: 1000, fsGroup: 2000 },
      volumes: [{ name: 'cache', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }],
      containers: [
        web({ ports: [{ name: 'http', containerPort: 80, hostPort: 8080 }], resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } }, securityContext: { capabilities: { add: ['NET_ADMIN'], drop: ['KILL'] }, allowPrivilegeEscalation: false }, volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'logs', mountPath: '/logs', readOnly: true }], env: [{ name: 'A', value: '1' }] }),
        web({ name: 'side', image: 'busybox', command: ['sleep', '1d'], securityContext: { privileged: true } }),
      ],
    });
    expect(actool('validate', tempFile('pod.json', manifestJson(manifest)))).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('dockerImage', () => {
  test('resolves a reference once: pods of one image share a frozen result, and a manifest cannot change it', () => {
    const first = dockerImage('Registry.example.com:5000/team/app:1.2');
    expect(dockerImage('Registry.example.com:5000/team/app:1.2')).toBe(first);
    expect(first.image).toEqual({ name: 'registry.example.com/team/app', labels: [{ name: 'version', value: '1.2' }, { name: 'os', value: 'linux' }, { name: 'arch', value: 'amd64' }] });
    expect(Object.isFrozen(first.image.labels?.[0])).toBe(true);
    expect(app({ containers: [web({ image: 'Registry.example.com:5000/team/app:1.2' })] }).image).toEqual(first.image);
  });
});
