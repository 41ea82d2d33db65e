import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO, tempDir } from './helpers';

/**
 * The package as a user gets it: `npm pack`, installed into a fresh project from the tarball (dependencies come
 * from the npm cache that `npm ci` filled, so no network is needed), compiled under strict tsc and synthesized.
 */
const run = (command: string, args: string[], options: SpawnSyncOptions): string => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return String(result.stdout);
};

const SNIPPET = `import { App, Chart, ReplicationController, Service } from 'berth';

const app = new App();
const chart = new Chart(app, 'guestbook');
const master = new ReplicationController(chart, 'redis-master', {
  replicas: 1,
  labels: { app: 'redis', role: 'master', tier: 'backend' },
  containers: [{
    name: 'master',
    image: 'redis:2.8',
    ports: [{ name: 'redis', containerPort: 6379 }],
    resources: { requests: { cpu: '100m', memory: '100Mi' } },
  }],
});
new Service(chart, 'redis-master-service', { selects: master, ports: [{ port: 6379, targetPort: 'redis' }] });
app.synth();
`;

const PLAIN_CDK8S = `import { App, Chart } from 'cdk8s';
import { Deployment } from 'berth';
import { findObject, synth } from 'berth/testing';

const app = new App();
const chart = new Chart(app, 'plain');
new Deployment(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
if (findObject(synth(chart), 'Deployment', 'web').spec.replicas !== 1) throw new Error('berth/testing disagrees');
app.synth();
`;

describe('npm package', () => {
  test('installs from npm pack, compiles the issue snippet under strict tsc and synthesizes; plain cdk8s hosts berth', () => {
    const work = tempDir('berth-pack-');
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO }).trim().split('\n').pop()!;
    const project = path.join(work, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball), 'cdk8s@2', `typescript@${require('typescript/package.json').version}`], { cwd: project });
    fs.writeFileSync(path.join(project, 'main.ts'), SNIPPET);
    fs.writeFileSync(path.join(project, 'plain.ts'), PLAIN_CDK8S);
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'commonjs', target: 'ES2022', moduleResolution: 'node10', types: [], noUnusedLocals: true }, include: ['*.ts'] }));
    run(process.execPath, [path.join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project });

    fs.writeFileSync(path.join(project, 'cdk8s.yaml'), 'app: node -r berth/register main.ts\n');
    run(path.join(project, 'node_modules', '.bin', 'berth'), ['synth'], { cwd: project });
    const yaml = fs.readFileSync(path.join(project, 'dist', 'guestbook.k8s.yaml'), 'utf8');
    expect(yaml).toContain('kind: ReplicationController');
    expect(yaml).toContain('name: redis-master-service');

    run(path.join(project, 'node_modules', '.bin', 'berth'), ['synth', '--app', 'node -r berth/register plain.ts', '-o', 'plain'], { cwd: project });
    expect(fs.readFileSync(path.join(project, 'plain', 'plain.k8s.yaml'), 'utf8')).toContain('kind: Deployment');
  });
});
