import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { App, AppcImage, Chart, NamedPod, Pod, ReplicationController, SynthError } from 'berth';
import { markPodSource } from '../../constructs/pod-source';
import { Guestbook } from '../../examples/guestbook/guestbook';
import { validateArchive } from '../../lib/appc/aci/read';
import { validateManifestText } from '../../lib/appc/check';
import { THREAD_AFTER } from '../../lib/synth/file-sink';
import { SynthReport } from '../../lib/synth/report';
import { readTree, tempDir } from '../helpers';
import { actool, findFiles } from './helpers';

/** Synthesizes an app in-process, capturing the report the CLI would print (warnings, messages). */
function synthApp(build: (app: App) => void, options: { strict?: boolean } = {}): { outdir: string; report: SynthReport } {
  const outdir = path.join(tempDir(), 'dist');
  const reportFile = path.join(tempDir(), 'report.json');
  const previous = process.env.BERTH_REPORT;
  process.env.BERTH_REPORT = reportFile;
  try {
    const app = new App({ outdir, strict: options.strict });
    build(app);
    try {
      app.synth();
    } catch (error) {
      if (!(error instanceof SynthError)) throw error;
    }
  } finally {
    if (previous === undefined) delete process.env.BERTH_REPORT;
    else process.env.BERTH_REPORT = previous;
  }
  return { outdir, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SynthReport };
}

function webImage(scope: Construct, props: Partial<ConstructorParameters<typeof AppcImage>[2]> = {}): AppcImage {
  return new AppcImage(scope, 'web-image', {
    name: 'example.com/web',
    version: '1.0.0',
    app: { exec: ['/bin/web', '--port=8080'], user: '1000', group: '1000', environment: { MODE: 'prod' }, ports: [{ name: 'http', port: 8080 }] },
    files: { '/bin/web': { content: '#!/bin/sh\nexec httpd\n', mode: 0o755 } },
    ...props,
  });
}

describe('appc target', () => {
  test('guestbook: one pod manifest per workload (not per replica), each valid for berth and actool', () => {
    const { outdir, report } = synthApp((app) => new Guestbook(app, 'guestbook'));
    expect(report.ok).toBe(true);
    const pods = findFiles(path.join(outdir, 'appc'), '.pod.json');
    expect(pods.map((f) => path.relative(outdir, f))).toEqual(['appc/guestbook/frontend.pod.json', 'appc/guestbook/redis-master.pod.json', 'appc/guestbook/redis-slave.pod.json']);
    for (const file of pods) {
      expect(actool('validate', file)).toMatchObject({ code: 0, stderr: '' });
      expect(validateManifestText(fs.readFileSync(file, 'utf8')).issues.filter((i) => i.severity === 'error')).toEqual([]);
    }
    const frontend = JSON.parse(fs.readFileSync(path.join(outdir, 'appc/guestbook/frontend.pod.json'), 'utf8'));
    expect(frontend.apps[0].app.isolators).toEqual([
      { name: 'resource/cpu', value: { request: '100m', limit: '500m' } },
      { name: 'resource/memory', value: { request: '100Mi', limit: '256Mi' } },
    ]);
    // What appc cannot express is a warning naming the construct path and the field.
    expect(report.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'guestbook/frontend', field: 'containers[0].readinessProbe', severity: 'warning' }),
    ]));
  });

  test('two synths give the same bytes', () => {
    const build = (app: App): void => {
      const chart = new Chart(app, 'shop');
      const image = webImage(chart);
      new Pod(chart, 'web', { containers: [{ name: 'web', image: image.imageReference }] });
    };
    const [a, b] = [synthApp(build), synthApp(build)];
    expect(readTree(a.outdir)).toEqual(readTree(b.outdir));
    expect(a.report.messages).toEqual(b.report.messages);
  });

  test('many pods (written by a thread past the first files): every manifest, the same bytes twice; a later failure leaves nothing', () => {
    const pods = THREAD_AFTER * 2;
    const build = (app: App): void => {
      for (const chart of ['a', 'b'].map((id) => new Chart(app, id))) {
        for (let i = 0; i < pods / 2; i++) new Pod(chart, `${chart.node.id}-web-${i}`, { containers: [{ name: 'web', image: `nginx:1.${i}`, command: ['nginx'] }] });
      }
    };
    const [a, b] = [synthApp(build), synthApp(build)];
    const tree = readTree(a.outdir);
    expect(Object.keys(tree).filter((file) => file.endsWith('.pod.json'))).toHaveLength(pods);
    expect(JSON.parse(tree['appc/b/b-web-7.pod.json']).apps[0].image.labels).toContainEqual({ name: 'version', value: '1.7' });
    expect(readTree(b.outdir)).toEqual(tree);

    // a target after appc fails: the staging directory, thread-written files and all, is gone and the output untouched
    const outdir = a.outdir;
    const app = new App({ outdir });
    build(app);
    app.addTarget({ name: 'broken', render: () => { throw new Error('the broken target failed'); } });
    expect(() => app.synth()).toThrow('the broken target failed');
    expect(readTree(outdir)).toEqual(tree);
    expect(fs.readdirSync(path.dirname(outdir)).filter((name) => name.startsWith('.berth-staging'))).toEqual([]);
  });

  test('--strict turns the warnings into errors and writes nothing', () => {
    const { outdir, report } = synthApp((app) => new Guestbook(app, 'guestbook'), { strict: true });
    expect(report.ok).toBe(false);
    expect(report.problems.find((p) => p.field === 'containers[0].readinessProbe')).toMatchObject({ severity: 'error', message: expect.stringContaining('an error under --strict') });
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('an AppcImage: archive, manifest and ID written and printed; a pod runs it by reference, pinned by ID', async () => {
    let image!: AppcImage;
    const { outdir, report } = synthApp((app) => {
      const chart = new Chart(app, 'shop');
      image = webImage(chart);
      new ReplicationController(chart, 'web', { replicas: 3, containers: [{ name: 'web', image: image.imageReference, env: [{ name: 'LOG', value: 'debug' }], ports: [{ name: 'http', containerPort: 8080 }] }] });
    });
    expect(report.ok).toBe(true);
    const base = path.join(outdir, 'appc/images/example.com_web-1.0.0');
    const id = fs.readFileSync(`${base}.aci.id`, 'utf8').trim();
    expect(id).toMatch(/^sha512-[0-9a-f]{128}$/);
    expect(report.messages).toEqual([`appc image example.com/web:1.0.0: ${id} (appc/images/example.com_web-1.0.0.aci)`]);
    const archive = fs.readFileSync(`${base}.aci`);
    expect((await validateArchive(archive)).imageId).toBe(id);
    expect(actool('validate', `${base}.aci`)).toMatchObject({ code: 0, stderr: '' });
    expect(actool('cat-manifest', `${base}.aci`).stdout.trim()).toBe(JSON.stringify(JSON.parse(fs.readFileSync(`${base}.manifest.json`, 'utf8'))));
    const pod = JSON.parse(fs.readFileSync(path.join(outdir, 'appc/shop/web.pod.json'), 'utf8'));
    expect(pod.apps[0].image).toEqual({ id, name: 'example.com/web', labels: [{ name: 'version', value: '1.0.0' }, { name: 'os', value: 'linux' }, { name: 'arch', value: 'amd64' }] });
    // The image's app is the base the container's fields are merged over.
    expect(pod.apps[0].app).toMatchObject({ exec: ['/bin/web', '--port=8080'], user: '1000', group: '1000', environment: [{ name: 'MODE', value: 'prod' }, { name: 'LOG', value: 'debug' }] });
    expect(pod.apps[0].app.ports.map((p: { name: string }) => p.name)).toEqual(['web-http']); // the container's port replaces the image's 8080
    expect(report.problems.filter((p) => p.field === 'containers[0].command')).toEqual([]); // the image's exec is known
    expect(actool('validate', path.join(outdir, 'appc/shop/web.pod.json')).code).toBe(0);
    // The Kubernetes YAML runs the same reference.
    expect(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).toContain('image: example.com/web:1.0.0');
    expect(image.imageId).toBe(id);
  });

  test('a pod source with several pods (like etcd members) gets one file per pod and each warning once', () => {
    const { outdir, report } = synthApp((app) => {
      const chart = new Chart(app, 'store');
      const members = new Construct(chart, 'members') as Construct & { podsToRender(): readonly NamedPod[] };
      const pod = (i: number): NamedPod => ({ name: `m-${i}`, pod: { labels: { member: String(i) }, annotations: {}, spec: { containers: [{ name: 'etcd', image: 'quay.io/coreos/etcd:v3.4.23', command: ['etcd', `--name=m-${i}`], livenessProbe: { tcpSocket: { port: 2379 } } }] } } });
      members.podsToRender = () => [pod(0), pod(1), pod(2)];
      markPodSource(members);
    });
    expect(findFiles(path.join(outdir, 'appc/store'), '.pod.json').map((f) => path.basename(f))).toEqual(['m-0.pod.json', 'm-1.pod.json', 'm-2.pod.json']);
    expect(report.problems.filter((p) => p.field === 'containers[0].livenessProbe')).toHaveLength(1);
  });

  test('fails: a pod whose appc manifest would break the spec is a synth error naming the construct', () => {
    const { outdir, report } = synthApp((app) => {
      const chart = new Chart(app, 'shop');
      // Valid Kubernetes, but both ports become the appc port name "web-a-b", which must be unique in the pod.
      new Pod(chart, 'web', { containers: [
        { name: 'web', image: 'nginx:1', command: ['nginx'], ports: [{ name: 'a-b', containerPort: 80 }] },
        { name: 'web-a', image: 'nginx:1', command: ['nginx'], ports: [{ name: 'b', containerPort: 81 }] },
      ] });
    });
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ path: 'shop/web', field: 'appc PodManifest apps[1].app.ports[0].name', value: 'web-a-b' }),
    ]);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('fails: two AppcImages with the same reference', () => {
    const { report } = synthApp((app) => {
      const chart = new Chart(app, 'shop');
      webImage(chart);
      new AppcImage(chart, 'again', { name: 'example.com/web', version: '1.0.0' });
    });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ path: 'shop/again', field: 'name', message: expect.stringContaining('another AppcImage') })]);
  });
});
