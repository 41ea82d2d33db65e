import * as fs from 'fs';
import * as path from 'path';
import { App, AppcImage, AppcImageProps, Chart } from 'berth';
import { problemsOf } from 'berth/testing';
import { validateManifest } from '../../lib/appc/check';
import { manifestJson } from '../../lib/appc/types';
import { tempDir } from '../helpers';

function chart(): Chart {
  return new Chart(new App(), 'test');
}

function image(props: Partial<AppcImageProps> = {}): AppcImage {
  return new AppcImage(chart(), 'image', { name: 'example.com/web', ...props });
}

function problems(props: Partial<AppcImageProps>): string[] {
  const i = image(props);
  return problemsOf(i).map((p) => `${p.severity} ${p.field}: ${p.message}`);
}

describe('AppcImage', () => {
  test('defaults', () => {
    const i = image();
    expect(i.manifest).toMatchSnapshot();
    expect(i.manifest).toEqual({
      acKind: 'ImageManifest',
      acVersion: '0.8.11',
      name: 'example.com/web',
      labels: [{ name: 'os', value: 'linux' }, { name: 'arch', value: 'amd64' }],
    });
    expect(i.imageReference).toBe('example.com/web');
    expect(i.fileBase).toBe('example.com_web');
    expect(i.imageId).toMatch(/^sha512-[0-9a-f]{128}$/);
    expect(problemsOf(i)).toEqual([]);
  });

  test('version: a label, part of the reference and the file name', () => {
    const i = image({ version: '2.1.0' });
    expect(i.manifest.labels?.[0]).toEqual({ name: 'version', value: '2.1.0' });
    expect(i.imageReference).toBe('example.com/web:2.1.0');
    expect(i.fileBase).toBe('example.com_web-2.1.0');
  });

  test('os, arch and labels', () => {
    expect(image({ os: 'linux', arch: 'aarch64', labels: { channel: 'stable' } }).manifest.labels).toEqual([
      { name: 'os', value: 'linux' }, { name: 'arch', value: 'aarch64' }, { name: 'channel', value: 'stable' },
    ]);
  });

  test('app: every field in the spec\'s order, with defaults for user, group, port protocol and count', () => {
    const i = image({
      app: {
        exec: ['/bin/web'],
        eventHandlers: { preStart: ['/bin/migrate'], postStop: ['/bin/cleanup'] },
        supplementaryGIDs: [10],
        workingDirectory: '/srv',
        environment: { MODE: 'prod' },
        mountPoints: [{ name: 'data', path: '/data', readOnly: true }],
        ports: [{ name: 'http', port: 80 }],
        isolators: [{ name: 'resource/memory', value: { limit: '1Gi' } }],
        userAnnotations: { team: 'web' },
        userLabels: { tier: 'frontend' },
      },
    });
    expect(i.manifest.app).toEqual({
      exec: ['/bin/web'],
      eventHandlers: [{ name: 'pre-start', exec: ['/bin/migrate'] }, { name: 'post-stop', exec: ['/bin/cleanup'] }],
      user: '0',
      group: '0',
      supplementaryGIDs: [10],
      workingDirectory: '/srv',
      environment: [{ name: 'MODE', value: 'prod' }],
      mountPoints: [{ name: 'data', path: '/data', readOnly: true }],
      ports: [{ name: 'http', protocol: 'tcp', port: 80, count: 1, socketActivated: false }],
      isolators: [{ name: 'resource/memory', value: { limit: '1Gi' } }],
      userAnnotations: { team: 'web' },
      userLabels: { tier: 'frontend' },
    });
    expect(Object.keys(JSON.parse(JSON.stringify(i.manifest.app)))).toEqual(['exec', 'eventHandlers', 'user', 'group', 'supplementaryGIDs', 'workingDirectory', 'environment', 'mountPoints', 'ports', 'isolators', 'userAnnotations', 'userLabels']);
    // The synth checks the manifest object itself before writing it: it must read exactly as its JSON text does.
    expect(validateManifest(i.manifest, 'ImageManifest')).toEqual(validateManifest(JSON.parse(manifestJson(i.manifest)), 'ImageManifest'));
  });

  test('dependencies: an AppcImage of the app is pinned by ID and size; others by name and labels', () => {
    const c = chart();
    const base = new AppcImage(c, 'base', { name: 'example.com/base', version: '1', files: { '/etc/os-release': 'ID=base\n' } });
    const app = new AppcImage(c, 'app', { name: 'example.com/app', dependencies: [base, { imageName: 'example.com/tools', labels: { version: '2' } }] });
    expect(app.manifest.dependencies).toEqual([
      { imageName: 'example.com/base', imageID: base.imageId, labels: base.manifest.labels, size: base.buildArchive().tarSize },
      { imageName: 'example.com/tools', labels: [{ name: 'version', value: '2' }] },
    ]);
    expect(problemsOf(c)).toEqual([]);
  });

  test('annotations and pathWhitelist', () => {
    const i = image({ annotations: { authors: 'web team', homepage: 'https://example.com' }, pathWhitelist: ['/bin/web'] });
    expect(i.manifest.annotations).toEqual([{ name: 'authors', value: 'web team' }, { name: 'homepage', value: 'https://example.com' }]);
    expect(i.manifest.pathWhitelist).toEqual(['/bin/web']);
  });

  test('rootfs and files: the directory\'s tree, inline files win; changing a byte changes the ID', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'etc'));
    fs.writeFileSync(path.join(dir, 'etc/motd'), 'from dir\n');
    const fromDir = image({ rootfs: dir });
    const overridden = image({ rootfs: dir, files: { '/etc/motd': 'inline\n' } });
    expect(fromDir.imageId).not.toBe(overridden.imageId);
    expect(image({ rootfs: dir }).imageId).toBe(fromDir.imageId);
  });

  test('compression: none gives the plain tar with the same ID', () => {
    const gz = image();
    const plain = image({ compression: 'none' });
    expect(plain.imageId).toBe(gz.imageId);
    expect(Buffer.from(plain.buildArchive().archive).subarray(257, 262).toString()).toBe('ustar');
  });

  test.each([
    ['fails: a name that is not an AC Identifier', { name: 'Example.com/Web' }, 'error manifest.name: must be an AC Identifier'],
    ['fails: a label named "name"', { labels: { name: 'x' } }, 'error manifest.labels[2].name: must not be "name"'],
    ['fails: an os appc does not know', { os: 'windows' }, 'error manifest.labels[0].value: must be one of darwin, freebsd, linux'],
    ['fails: a GOARCH arch', { arch: 'arm64' }, 'error manifest.labels[1].value: must be one of amd64'],
    ['fails: an empty user', { app: { user: '' } }, 'error manifest.app.user: must not be empty'],
    ['fails: a relative working directory', { app: { workingDirectory: 'srv' } }, 'error manifest.app.workingDirectory: must be an absolute path'],
    ['fails: a bad environment name', { app: { environment: { '1X': 'a' } } }, 'error manifest.app.environment[0].name: must be an environment variable name'],
    ['fails: a port out of range', { app: { ports: [{ name: 'p', port: 70000 }] } }, 'error manifest.app.ports[0].port: must be from 1 to 65535'],
    ['fails: a bad isolator value', { app: { isolators: [{ name: 'resource/cpu', value: { limit: 'lots' } }] } }, 'error manifest.app.isolators[0].value.limit: must be a quantity'],
    ['fails: an unknown isolator (actool rejects it in an app)', { app: { isolators: [{ name: 'example.com/x', value: 1 }] } }, 'error manifest.app.isolators[0].name: is not an isolator of appc 0.8.11'],
    ['fails: a quantity with "K", which actool rejects', { app: { isolators: [{ name: 'resource/memory', value: { limit: '512K' } }] } }, 'error manifest.app.isolators[0].value.limit: uses the suffix "K"'],
    ['fails: a created annotation that is not RFC 3339', { annotations: { created: 'yesterday' } }, 'error manifest.annotations[0].value: must be an RFC 3339 date-time'],
    ['fails: a relative pathWhitelist entry', { pathWhitelist: ['bin'] }, 'error manifest.pathWhitelist[0]: must be an absolute path'],
    ['fails: a dependency with a bad image ID', { dependencies: [{ imageName: 'example.com/base', imageId: 'sha256-abc' }] }, 'error manifest.dependencies[0].imageID: must use the sha512 algorithm'],
    ['fails: a rootfs that does not exist', { rootfs: '/nonexistent/berth-rootfs' }, 'error rootfs: must be an existing directory'],
    ['fails: a file path that is not absolute', { files: { 'etc/motd': 'x' } }, 'error files["etc/motd"]: must be a normalized absolute path'],
  ] as Array<[string, Partial<AppcImageProps>, string]>)('%s', (_name, props, expected) => {
    expect(problems(props)).toEqual([expect.stringContaining(expected)]);
  });
});
