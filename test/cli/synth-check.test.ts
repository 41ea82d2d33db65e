import * as fs from 'fs';
import * as path from 'path';
import { berth, readTree, REPO, tempDir } from '../helpers';

function project(): string {
  const dir = path.join(tempDir(), 'app');
  expect(berth(['init', dir], REPO).code).toBe(0);
  return dir;
}

describe('berth synth --check', () => {
  test('is 0 on a fresh synth and writes nothing', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const before = readTree(path.join(dir, 'dist'));
    const result = berth(['synth', '--check'], dir);
    expect(result).toMatchObject({ code: 0, stdout: 'dist/ is up to date\n', stderr: '' });
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('.berth-'))).toEqual([]);
  });

  test('is 1 after a construct prop changes, names the changed object and shows a short diff', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const before = readTree(path.join(dir, 'dist'));
    const main = path.join(dir, 'chart.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('replicas: 2', 'replicas: 5'));
    const result = berth(['synth', '--check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dist/ is stale');
    expect(result.stderr).toContain('  changed dist/app.k8s.yaml\n    changed Deployment web\n');
    expect(result.stderr).toContain('-  replicas: 2\n+  replicas: 5');
    expect(result.stderr).not.toContain('\u001b['); // no colour when not on a TTY
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  test('--json for machines: added, removed and changed objects', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const main = path.join(dir, 'chart.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace("new Service(this, 'web-service'", "new Service(this, 'api'").replace("metadata: { name: 'web' }, ", ''));
    const result = berth(['synth', '--check', '--json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      upToDate: false,
      output: 'dist',
      files: [{
        file: 'app.k8s.yaml',
        change: 'changed',
        objects: [
          { change: 'added', apiVersion: 'v1', kind: 'Service', namespace: null, name: 'api' },
          { change: 'removed', apiVersion: 'v1', kind: 'Service', namespace: null, name: 'web' },
        ],
      }],
    });
  });

  test('a missing output directory is stale', () => {
    const dir = project();
    const result = berth(['synth', '--check', '--quiet'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('added dist/app.k8s.yaml');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  test('--json on a normal synth and on a failure', () => {
    const dir = project();
    const ok = berth(['synth', '--json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, output: 'dist', files: ['app.k8s.yaml', 'appc/app/web.pod.json'] });
    fs.writeFileSync(path.join(dir, 'chart.ts'), fs.readFileSync(path.join(dir, 'chart.ts'), 'utf8').replace('replicas: 2', 'replicas: -1'));
    const bad = berth(['synth', '--json'], dir);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toEqual([expect.objectContaining({ path: 'app/web', field: 'replicas', value: -1, severity: 'error' })]);
  });
});
