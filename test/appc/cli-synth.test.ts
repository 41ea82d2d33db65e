import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { berth, readTree, REPO, tempDir } from '../helpers';
import { actool, findFiles } from './helpers';

const MAIN = `
import { App, AppcImage, Chart, Deployment } from 'berth';
const app = new App();
const chart = new Chart(app, 'shop');
const image = new AppcImage(chart, 'web-image', {
  name: 'example.com/shop/web',
  version: '1.2.0',
  app: { exec: ['/bin/web'], user: '1000', group: '1000', ports: [{ name: 'http', port: 8080 }] },
  rootfs: 'rootfs',
  annotations: { authors: 'shop team' },
});
new Deployment(chart, 'web', {
  replicas: 4,
  containers: [{ name: 'web', image: image.imageReference, ports: [{ name: 'http', containerPort: 8080 }], resources: { requests: { cpu: '250m' } }, securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } }],
});
app.synth();
`;

function project(): string {
  const dir = path.join(tempDir(), 'shop');
  expect(berth(['init', dir], REPO).code).toBe(0);
  fs.writeFileSync(path.join(dir, 'main.ts'), MAIN);
  fs.mkdirSync(path.join(dir, 'rootfs/bin'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'rootfs/bin/web'), '#!/bin/sh\nexec busybox httpd -f -p 8080\n', { mode: 0o755 });
  return dir;
}

describe('berth synth → appc, end to end through the CLI', () => {
  test('writes pods and images, prints the image ID (the sha512 of the uncompressed tar), and everything validates', () => {
    const dir = project();
    const result = berth(['synth'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = fs.readFileSync(path.join(dir, 'dist/appc/images/example.com_shop_web-1.2.0.aci.id'), 'utf8').trim();
    expect(result.stdout).toContain(`appc image example.com/shop/web:1.2.0: ${id} (appc/images/example.com_shop_web-1.2.0.aci)`);
    const archive = fs.readFileSync(path.join(dir, 'dist/appc/images/example.com_shop_web-1.2.0.aci'));
    expect(id).toBe(`sha512-${createHash('sha512').update(gunzipSync(archive)).digest('hex')}`);

    const files = findFiles(path.join(dir, 'dist/appc'), '.pod.json', '.aci', '.manifest.json');
    expect(files.map((f) => path.relative(path.join(dir, 'dist'), f))).toEqual([
      'appc/images/example.com_shop_web-1.2.0.aci',
      'appc/images/example.com_shop_web-1.2.0.manifest.json',
      'appc/shop/web.pod.json',
    ]);
    for (const file of files) {
      expect(actool('validate', file)).toMatchObject({ code: 0, stderr: '' });
      expect(berth(['validate', file], dir)).toMatchObject({ code: 0 });
    }
    expect(actool('cat-manifest', files[0]).code).toBe(0);
    const pod = JSON.parse(fs.readFileSync(files[2], 'utf8'));
    expect(pod.apps[0].image.id).toBe(id);
    expect(pod.apps[0].app.isolators).toEqual([
      { name: 'resource/cpu', value: { request: '250m' } },
      { name: 'os/linux/capabilities-retain-set', value: { set: ['CAP_NET_BIND_SERVICE'] } },
    ]);
  });

  test('a second synth is byte-identical, archives included', () => {
    const dir = project();
    expect(berth(['synth'], dir).code).toBe(0);
    const first = readTree(path.join(dir, 'dist'));
    expect(berth(['synth'], dir).code).toBe(0);
    expect(readTree(path.join(dir, 'dist'))).toEqual(first);
  });

  test('--strict fails on what appc cannot express, naming the construct and field', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, 'main.ts'), MAIN.replace("resources: { requests: { cpu: '250m' } }", "resources: { requests: { cpu: '250m' } }, readinessProbe: { tcpSocket: { port: 8080 } }"));
    const lax = berth(['synth'], dir);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('warning: [shop/web] containers[0].readinessProbe cannot be expressed in appc');
    const strict = berth(['synth', '--strict', '--output', 'strict-out'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('[shop/web] containers[0].readinessProbe cannot be expressed in appc');
    expect(fs.existsSync(path.join(dir, 'strict-out'))).toBe(false);
  });
});
