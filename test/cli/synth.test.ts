import * as fs from 'fs';
import * as path from 'path';
import { berth, readTree, REPO, tempDir } from '../helpers';

/** A project made by `berth init`, with its main.ts replaced. */
function project(main?: string): string {
  const dir = path.join(tempDir(), 'app');
  expect(berth(['init', dir], REPO).code).toBe(0);
  if (main !== undefined) fs.writeFileSync(path.join(dir, 'main.ts'), main);
  return dir;
}

const BROKEN = `
import { App, Chart, ReplicationController, Service } from 'berth';
const app = new App();
const chart = new Chart(app, 'shop');
const web = new ReplicationController(chart, 'web', {
  replicas: -2,
  containers: [{ name: 'web', image: 'Nginx', ports: [{ containerPort: 80 }] }],
});
new Service(chart, 'web-svc', { selects: web, ports: [{ port: 80, targetPort: 'http' }] });
new Service(chart, 'orphan', { selector: { app: 'nothing' }, ports: [{ port: 99999 }] });
app.synth();
`;

describe('berth synth', () => {
  test('synthesizes the bundled guestbook from cdk8s.yaml', () => {
    const out = path.join(tempDir(), 'out');
    const result = berth(['synth', '--output', out], REPO);
    expect(result.code).toBe(0);
    // the guestbook's redis and php images are Docker images with probes: the appc target says what it cannot
    // express (a warning per field, never an error, nothing else on stderr)
    for (const line of result.stderr.trimEnd().split('\n')) expect(line).toMatch(/^warning: \[guestbook\/[a-z/, -]+\] containers\[0\]\.\w+ .* appc/);
    const tree = readTree(out);
    expect(result.stdout).toContain(`synthesized ${Object.keys(tree).length} files to`);
    expect(Object.keys(tree)).toEqual(['appc/guestbook/frontend.pod.json', 'appc/guestbook/redis-master.pod.json', 'appc/guestbook/redis-slave.pod.json', 'guestbook.k8s.yaml']);
    expect(tree['guestbook.k8s.yaml'].match(/^kind: ReplicationController$/gm)).toHaveLength(3);
    expect(tree['guestbook.k8s.yaml'].match(/^kind: Service$/gm)).toHaveLength(3);
  });

  test('a second synth is byte-identical', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const first = readTree(path.join(dir, 'dist'));
    expect(berth(['synth'], dir).code).toBe(0);
    expect(readTree(path.join(dir, 'dist'))).toEqual(first);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.berth-'))).toEqual([]);
  });

  test('every mistake is reported with its construct path, exit 1, and the previous output is kept', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const before = readTree(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'main.ts'), BROKEN);
    const result = berth(['synth'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('synth failed: 5 problems (nothing was written)');
    for (const line of [
      '[shop/web] containers[0].image must have a lowercase repository name, got "Nginx"',
      '[shop/web] replicas must be a non-negative integer, got -2 — use 0 or more',
      '[shop/web-svc] ports[0].targetPort must name a container port of every selected pod, but shop/web has no named ports, got "http"',
      '[shop/orphan] ports[0].port must be an integer from 1 to 65535, got 99999',
      '[shop/orphan] selector must match the labels of at least one pod template of the app, got {"app":"nothing"}',
    ]) expect(result.stderr).toContain(line);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  test('--verbose shows the stack trace', () => {
    const dir = project(BROKEN);
    const result = berth(['synth', '--verbose'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  test('--stdout prints the manifests and writes nothing', () => {
    const dir = project();
    const result = berth(['synth', '--stdout'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('--output overrides cdk8s.yaml', () => {
    const dir = project();
    expect(berth(['synth', '-o', 'manifests'], dir).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'manifests'))).toEqual(['app.k8s.yaml', 'appc']);
  });

  test('a plain cdk8s app hosting a berth construct synthesizes, and its errors print without a stack trace', () => {
    const dir = project(`
import { App, Chart } from 'cdk8s';
import { Pod } from 'berth';
const app = new App();
const chart = new Chart(app, 'plain');
new Pod(chart, 'web', { containers: [{ name: 'web', image: process.env.IMAGE ?? 'nginx' }] });
app.synth();
`);
    // the project depends on cdk8s itself, as a cdk8s user's project would
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(REPO, 'node_modules', 'cdk8s'), path.join(dir, 'node_modules', 'cdk8s'), 'dir');
    expect(berth(['synth'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'dist', 'plain.k8s.yaml'), 'utf8')).toContain('kind: Pod');
    const bad = berth(['synth'], dir, { IMAGE: 'Nginx' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[plain/web] containers[0].image must have a lowercase repository name, got "Nginx"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  test('the app runs with a small young generation, a sized thread pool and a kept malloc heap, unless the environment sets its own', () => {
    const dir = project(`import * as fs from 'fs';\nimport { App } from 'berth';\nfs.writeFileSync('env.json', JSON.stringify([process.env.NODE_OPTIONS, process.env.GLIBC_TUNABLES]));\nnew App().synth();\n`);
    const seen = (env: NodeJS.ProcessEnv): string[] => {
      expect(berth(['synth'], dir, env).code).toBe(0);
      return JSON.parse(fs.readFileSync(path.join(dir, 'env.json'), 'utf8')) as string[];
    };
    const tunables = 'glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=33554432';
    expect(seen({ NODE_OPTIONS: '', GLIBC_TUNABLES: '' })).toEqual(['--max-semi-space-size=4 --v8-pool-size=0', tunables]);
    expect(seen({ NODE_OPTIONS: '--no-warnings', GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })).toEqual(['--no-warnings --max-semi-space-size=4 --v8-pool-size=0', `glibc.malloc.arena_max=2:${tunables}`]);
    expect(seen({ NODE_OPTIONS: '--max-semi-space-size=16 --v8-pool-size=2', GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=0' })).toEqual(['--max-semi-space-size=16 --v8-pool-size=2', 'glibc.malloc.trim_threshold=0:glibc.malloc.mmap_threshold=33554432']);
  });

  test('an app that crashes exits 1 with its error', () => {
    const dir = project(`throw new TypeError('boom');\n`);
    const result = berth(['synth'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TypeError: boom');
  });

  test.each([
    [['synth', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['synth', 'extra'], /Unexpected argument 'extra'/],
    [['nope'], /unknown command "nope"/],
  ])('usage error %p exits 2', (args, message) => {
    const result = berth(args, REPO);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test('a cdk8s.yaml that is not YAML, or not a mapping of strings, is a usage error naming the place', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: [unclosed\n');
    expect(berth(['synth'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('cdk8s.yaml is not valid YAML: unexpected end of the stream within a flow collection in "cdk8s.yaml" (2:1)') });
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: 3\n');
    expect(berth(['synth'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('cdk8s.yaml: "app" must be a string, got 3') });
  });

  test('no cdk8s.yaml is a usage error', () => {
    const result = berth(['synth'], tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no cdk8s.yaml here');
  });

  test('--help and --version', () => {
    expect(berth(['--help'], REPO).stdout).toContain('synth');
    expect(berth(['synth', '--help'], REPO).stdout).toContain('--stdout');
    expect(berth(['--version'], REPO).stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version}\n`);
  });
});
