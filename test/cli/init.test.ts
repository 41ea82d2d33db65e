import * as fs from 'fs';
import * as path from 'path';
import { berth, REPO, tempDir } from '../helpers';

describe('berth init', () => {
  test('scaffolds an app that synthesizes at once, offline, before any npm install', () => {
    const dir = path.join(tempDir(), 'my-shop');
    const init = berth(['init', dir], REPO);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('next: cd ');
    expect(fs.readdirSync(dir).sort()).toEqual(['.gitignore', 'cdk8s.yaml', 'chart.ts', 'jest.config.js', 'main.ts', 'package.json', 'test', 'tsconfig.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({
      name: 'my-shop',
      dependencies: { berth: expect.stringMatching(/^\^\d+\.\d+\.\d+$/), constructs: expect.any(String) },
      devDependencies: { typescript: expect.any(String), jest: expect.any(String), 'ts-jest': expect.any(String) },
    });
    // clean under --strict: nothing either target drops (appc included), so a CI job can use --strict at once
    const synth = berth(['synth', '--strict'], dir);
    expect(synth).toMatchObject({ code: 0, stderr: '' });
    expect(fs.existsSync(path.join(dir, 'dist', 'appc', 'my-shop', 'web.pod.json'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'dist', 'my-shop.k8s.yaml'), 'utf8')).toContain('kind: Deployment');
  });

  test('scaffolds a construct library', () => {
    const dir = path.join(tempDir(), 'lib');
    const init = berth(['init', '--library', '@team/web', dir], REPO);
    expect(init.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@team/web', main: 'lib/index.js', types: 'lib/index.d.ts', files: ['lib/**/*.js', 'lib/**/*.d.ts'] });
    expect(Object.keys(manifest.peerDependencies)).toEqual(['berth', 'constructs']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ strict: true, declaration: true, outDir: 'lib' });
    expect(fs.readFileSync(path.join(dir, 'test', 'web-service.test.ts'), 'utf8')).toContain("from 'berth/testing'");
  });

  test.each([
    [['init', '--library', 'Bad Name'], 'needs an npm package name'],
    [['init', '--library', 'x', '--name', 'y'], 'not both'],
    [['init', 'a', 'b'], 'at most one directory'],
  ])('usage error for %p', (args, message) => {
    const result = berth(args, tempDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
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
    expect(fs.readFileSync(path.join(dir, 'main.ts'), 'utf8')).toContain("new AppChart(app, 'web-shop')");
  });
});
