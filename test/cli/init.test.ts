import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { berth, REPO, tempDir } from '../helpers';

const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

describe('berth init', () => {
  test('scaffolds a project that type-checks under strict tsc and synthesizes at once, offline', () => {
    const dir = path.join(tempDir(), 'my-shop');
    const init = berth(['init', dir], REPO);
    expect(init.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'cdk8s.yaml', 'main.ts', 'node_modules', 'package.json', 'tsconfig.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'my-shop', dependencies: { berth: expect.stringMatching(/^\^\d+\.\d+\.\d+$/) } });
    const tsc = spawnSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const synth = spawnSync(path.join(dir, 'node_modules', '.bin', 'berth'), ['synth'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(synth.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'my-shop.k8s.yaml'), 'utf8')).toContain('kind: Deployment');
  });

  test('refuses a directory that is not empty', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.ts'), '// mine\n');
    const result = berth(['init', dir], REPO);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty');
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toBe('// mine\n');
  });

  test('--name sets the project and chart name', () => {
    const dir = path.join(tempDir(), 'x');
    expect(berth(['init', dir, '--name', 'Web Shop'], REPO).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain("new Chart(app, 'web-shop')");
  });
});
