import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { berth, REPO, tempDir } from '../helpers';

/**
 * Issue 9's check, as a new user would do it: scaffold a construct library, test and pack it; pack the redis
 * example package the same way; install both tarballs into a fresh app from `berth init`, use the constructs,
 * synth, and run the app's tests. npm installs come from the cache `npm ci` filled (--prefer-offline).
 */
function sh(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const npmInstall = (cwd: string, ...specs: string[]): string => sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], cwd);
// A library develops against berth as a devDependency and keeps `berth: ^x.y.z` as its peer dependency.
const npmInstallDev = (cwd: string, spec: string): string => npmInstall(cwd, '--save-dev', spec);
const npmPack = (cwd: string, into: string): string => path.join(into, sh('npm', ['pack', '--silent', '--pack-destination', into], cwd).trim().split('\n').pop()!);

const CHART = `import { Construct } from 'constructs';
import { Chart, ChartProps } from 'berth';
import { WebService } from '@team/web';
import { Redis } from '@guestbook/redis';

export class AppChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    new WebService(this, 'web', { image: 'nginx:1.27', containerPort: 80 });
    new Redis(this, 'redis', { replicas: 3 });
  }
}
`;

describe('construct packages', () => {
  test('scaffold a library, test and pack it, and use it (with the redis example package) in a fresh app', () => {
    const work = tempDir('berth-library-');
    const berthTarball = npmPack(REPO, work);

    const library = path.join(work, 'web');
    const init = berth(['init', '--library', '@team/web', library], REPO);
    expect(init.code).toBe(0);
    expect(fs.readdirSync(library).sort()).toEqual(['.gitignore', 'README.md', 'constructs', 'index.ts', 'jest.config.js', 'package.json', 'test', 'tsconfig.json']);
    const manifest = JSON.parse(fs.readFileSync(path.join(library, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@team/web', types: 'lib/index.d.ts', peerDependencies: { berth: expect.any(String), constructs: expect.any(String) } });
    npmInstallDev(library, berthTarball);
    sh('npm', ['test'], library);
    const libraryTarball = npmPack(library, work);
    expect(JSON.parse(fs.readFileSync(path.join(library, 'package.json'), 'utf8')).peerDependencies.berth).toMatch(/^\^/);
    const listing = sh('tar', ['-tzf', libraryTarball], work);
    expect(listing).toContain('package/lib/index.d.ts');
    expect(listing).toContain('package/lib/constructs/web-service.js');
    expect(listing).not.toMatch(/web-service\.ts$/m);

    const redis = path.join(work, 'redis');
    fs.cpSync(path.join(REPO, 'examples', 'redis'), redis, { recursive: true, filter: (src) => !src.includes('node_modules') && !/\/lib$/.test(src) });
    npmInstallDev(redis, berthTarball);
    sh('npm', ['test'], redis);
    const redisTarball = npmPack(redis, work);

    const app = path.join(work, 'app');
    expect(berth(['init', app], REPO).code).toBe(0);
    npmInstall(app, berthTarball, libraryTarball, redisTarball);
    fs.writeFileSync(path.join(app, 'chart.ts'), CHART);
    sh(path.join(app, 'node_modules', '.bin', 'berth'), ['synth'], app); // the installed berth, from the tarball
    const yaml = fs.readFileSync(path.join(app, 'dist', 'app.k8s.yaml'), 'utf8');
    for (const name of ['web', 'redis-master', 'redis-slave']) expect(yaml).toContain(`  name: ${name}\n`);
    sh('npm', ['test'], app);
  });
});
