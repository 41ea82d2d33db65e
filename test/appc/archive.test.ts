import { spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tar from 'tar-stream';
import { bzip2Available, xzAvailable } from './tools';
import { gunzipSync } from 'zlib';
import { AciInput, buildAci, RootfsError } from '../../lib/appc/aci/build';
import { validateLayout } from '../../lib/appc/aci/layout';
import { readEntries, validateArchive } from '../../lib/appc/aci/read';
import { TarEntry, writeTar } from '../../lib/appc/aci/tar';
import { tempDir } from '../helpers';
import { actool, tempFile } from './helpers';

/** buildAci with the archive as a Buffer (the public type is Uint8Array, so consumers need no Node typings). */
const aci = (input: AciInput) => {
  const built = buildAci(input);
  return { ...built, archive: Buffer.from(built.archive) };
};

const MANIFEST = `${JSON.stringify({ acKind: 'ImageManifest', acVersion: '0.8.11', name: 'example.com/hello', labels: [{ name: 'version', value: '1.0.0' }, { name: 'os', value: 'linux' }, { name: 'arch', value: 'amd64' }], app: { exec: ['/bin/hello'], user: '0', group: '0' } })}\n`;
const FILES = { '/bin/hello': { content: '#!/bin/sh\necho hello\n', mode: 0o755 }, '/etc/motd': 'hi\n' };

describe('reproducible .aci', () => {
  test('building twice gives identical bytes and image IDs; the ID is sha512 of the uncompressed tar', () => {
    const first = aci({ manifest: MANIFEST, files: FILES });
    const second = aci({ manifest: MANIFEST, files: FILES });
    expect(first.archive.equals(second.archive)).toBe(true);
    expect(first.imageId).toBe(second.imageId);
    const tarBytes = gunzipSync(first.archive);
    expect(first.imageId).toBe(`sha512-${createHash('sha512').update(tarBytes).digest('hex')}`);
    expect(first.imageId).toMatch(/^sha512-[0-9a-f]{128}$/);
    expect(first.tarSize).toBe(tarBytes.length);
    // The uncompressed form is the same tar, so it has the same ID.
    const plain = aci({ manifest: MANIFEST, files: FILES, compression: 'none' });
    expect(plain.archive.equals(tarBytes)).toBe(true);
    expect(plain.imageId).toBe(first.imageId);
  });

  test('the ID matches what the system tools compute (gzip -dc | sha512sum)', () => {
    const file = tempFile('hello.aci', aci({ manifest: MANIFEST, files: FILES }).archive);
    const shell = spawnSync('sh', ['-c', `gzip -dc "${file}" | sha512sum`], { encoding: 'utf8', timeout: 30_000 });
    expect(`sha512-${shell.stdout.split(' ')[0]}`).toBe(aci({ manifest: MANIFEST, files: FILES }).imageId);
  });

  test('the gzip header has no timestamp and a fixed OS byte', () => {
    const { archive } = aci({ manifest: MANIFEST, files: FILES });
    expect([...archive.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(archive.readUInt32LE(4)).toBe(0);
    expect(archive[9]).toBe(3);
  });

  test('entries: manifest first, then rootfs in walk order, root-owned, fixed mtime and modes', async () => {
    const rootfs = tempDir();
    fs.mkdirSync(path.join(rootfs, 'usr/bin'), { recursive: true });
    fs.writeFileSync(path.join(rootfs, 'usr/bin/tool'), 'x', { mode: 0o750 });
    fs.writeFileSync(path.join(rootfs, 'usr-notes'), 'y', { mode: 0o600 });
    fs.symlinkSync('usr/bin/tool', path.join(rootfs, 'tool'));
    const { archive } = aci({ manifest: MANIFEST, rootfsDir: rootfs, files: { '/etc/motd': 'hi' } });
    const headers = await listHeaders(gunzipSync(archive));
    expect(headers.map((h) => [h.name, h.type, h.mode?.toString(8), h.linkname ?? undefined])).toEqual([
      ['manifest', 'file', '644', undefined],
      ['rootfs/', 'directory', '755', undefined],
      ['rootfs/etc/', 'directory', '755', undefined],
      ['rootfs/etc/motd', 'file', '644', undefined],
      ['rootfs/tool', 'symlink', '777', 'usr/bin/tool'],
      ['rootfs/usr/', 'directory', '755', undefined],
      ['rootfs/usr/bin/', 'directory', '755', undefined],
      ['rootfs/usr/bin/tool', 'file', '755', undefined],
      ['rootfs/usr-notes', 'file', '644', undefined],
    ]);
    for (const h of headers) {
      expect([h.uid, h.gid, h.uname, h.gname, h.mtime?.getTime()]).toEqual([0, 0, 'root', 'root', 0]);
    }
  });

  test('names that do not fit ustar (long, non-ASCII) are written with PAX headers and read back', async () => {
    const long = `/${'deep/'.repeat(40)}file`;
    const { archive } = aci({ manifest: MANIFEST, files: { [long]: 'x', '/etc/café': 'y' } });
    const names = (await listHeaders(gunzipSync(archive))).map((h) => h.name);
    expect(names).toContain(`rootfs${long}`);
    expect(names).toContain('rootfs/etc/café');
    const file = tempFile('pax.aci', archive);
    expect(actool('validate', file)).toMatchObject({ code: 0 });
  });

  test('actool validates the archive (gzip and plain) and cat-manifest prints the manifest bytes', () => {
    for (const compression of ['gzip', 'none'] as const) {
      const file = tempFile('hello.aci', aci({ manifest: MANIFEST, files: FILES, compression }).archive);
      expect(actool('validate', file)).toMatchObject({ code: 0, stderr: '' });
      const cat = actool('cat-manifest', file);
      expect(cat.code).toBe(0);
      expect(cat.stdout.startsWith(MANIFEST)).toBe(true); // the stored bytes, then actool's own newline
    }
  });

  test('a rootfs with a fifo cannot become an image', () => {
    const rootfs = tempDir();
    const made = spawnSync('mkfifo', [path.join(rootfs, 'pipe')]);
    expect(made.status).toBe(0);
    expect(() => aci({ manifest: MANIFEST, rootfsDir: rootfs })).toThrow(RootfsError);
    expect(() => aci({ manifest: MANIFEST, rootfsDir: rootfs })).toThrow('/pipe is a fifo');
  });
});

async function listHeaders(data: Buffer): Promise<tar.Header[]> {
  const headers: tar.Header[] = [];
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      headers.push(header);
      stream.on('end', () => next());
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(data);
  await done;
  return headers;
}

const file = (name: string, body = ''): TarEntry => ({ name, type: 'file', mode: 0o644, body: Buffer.from(body) });
const dir = (name: string): TarEntry => ({ name, type: 'directory', mode: 0o755 });
const tarOf = (...entries: TarEntry[]): Buffer => Buffer.from(writeTar(entries, { mtime: new Date(0) }));
const POD = JSON.stringify({ acKind: 'PodManifest', acVersion: '0.8.11', apps: [] });

/** [name, archive bytes, error paths berth reports, whether actool agrees on valid/invalid] */
const ARCHIVES: Array<[string, () => Buffer, string[], boolean]> = [
  ['valid plain tar', () => tarOf(file('manifest', MANIFEST), dir('rootfs'), file('rootfs/x', 'x')), [], true],
  ['valid with ./ prefixes', () => tarOf(dir('.'), file('./manifest', MANIFEST), dir('./rootfs'), file('./rootfs/x')), [], true],
  ['manifest last', () => tarOf(dir('rootfs'), file('rootfs/x'), file('manifest', MANIFEST)), [], true],
  ['no manifest', () => tarOf(dir('rootfs'), file('rootfs/x')), ['archive'], true],
  ['no rootfs directory entry', () => tarOf(file('manifest', MANIFEST), file('rootfs/x')), ['archive'], true],
  ['extra top-level file', () => tarOf(file('manifest', MANIFEST), dir('rootfs'), file('README')), ['archive:README'], true],
  ['rootfs2 (actool only tests the prefix)', () => tarOf(file('manifest', MANIFEST), dir('rootfs'), dir('rootfs2'), file('rootfs2/x')), ['archive:rootfs2/', 'archive:rootfs2/x'], false],
  ['duplicate entry', () => tarOf(file('manifest', MANIFEST), dir('rootfs'), file('rootfs/x'), file('rootfs/x')), ['archive:rootfs/x'], true],
  ['two manifests', () => tarOf(file('manifest', MANIFEST), file('manifest', MANIFEST), dir('rootfs')), ['archive:manifest'], true],
  ['absolute /manifest', () => tarOf(file('/manifest', MANIFEST), dir('rootfs')), ['archive', 'archive:/manifest'], true],
  ['rootfs is a file', () => tarOf(file('manifest', MANIFEST), file('rootfs')), ['archive', 'archive:rootfs'], true],
  ['a PodManifest inside', () => tarOf(file('manifest', POD), dir('rootfs')), ['acKind', 'name'], true],
  ['an invalid ImageManifest inside', () => tarOf(file('manifest', MANIFEST.replace('"user":"0",', '')), dir('rootfs')), ['app.user'], true],
  ['gzip of a valid tar', () => aci({ manifest: MANIFEST }).archive, [], true],
  ['truncated gzip', () => aci({ manifest: MANIFEST }).archive.subarray(0, 100), ['archive'], true],
  ['truncated tar', () => tarOf(file('manifest', MANIFEST), dir('rootfs'), file('rootfs/x', 'x'.repeat(2000))).subarray(0, 1700), ['archive'], true],
  ['random bytes', () => randomBytes(4096), ['archive'], true],
  ['empty file', () => Buffer.alloc(0), ['archive'], true],
  ['zip', () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), ['archive'], true],
];

describe('archive rules (berth validate and actool on the same bytes)', () => {
  test.each(ARCHIVES)('%s', async (_name, make, errors, actoolAgrees) => {
    const bytes = make();
    const report = await validateArchive(bytes);
    expect([...new Set(report.issues.filter((i) => i.severity === 'error').map((i) => i.path))].sort()).toEqual(errors.sort());
    const result = actool('validate', tempFile('case.aci', bytes));
    expect(result.code !== 0).toBe(actoolAgrees ? errors.length > 0 : errors.length === 0);
  });

  test.each([
    ['xz', xzAvailable, ['xz', '-c']],
    ['bzip2', bzip2Available, ['bzip2', '-c']],
  ] as const)('%s-compressed archives are read through the system tool, with the ID of the tar', async (_name, available, command) => {
    if (!available()) return;
    const { archive, imageId } = aci({ manifest: MANIFEST, files: FILES, compression: 'none' });
    const compressed = spawnSync(command[0], command.slice(1), { input: archive, timeout: 30_000 }).stdout;
    const report = await validateArchive(compressed);
    expect(report).toMatchObject({ issues: [], imageId, compression: command[0] });
  });

  test('never throws: random bytes, truncations and flipped bytes of a valid archive', async () => {
    const valid = aci({ manifest: MANIFEST, files: FILES }).archive;
    const plain = gunzipSync(valid);
    const inputs: Buffer[] = [];
    for (let i = 0; i < 60; i++) inputs.push(randomBytes(Math.floor(Math.random() * 3000)));
    for (let i = 0; i < 40; i++) inputs.push(valid.subarray(0, Math.floor(Math.random() * valid.length)));
    for (let i = 0; i < 40; i++) inputs.push(plain.subarray(0, Math.floor(Math.random() * plain.length)));
    for (let i = 0; i < 40; i++) {
      const copy = Buffer.from(i % 2 ? valid : plain);
      copy[Math.floor(Math.random() * copy.length)] ^= 0xff;
      inputs.push(copy);
    }
    for (const input of inputs) {
      const report = await validateArchive(input);
      expect(Array.isArray(report.issues)).toBe(true);
    }
  });

  test('readEntries lists every entry of a tar in order', async () => {
    const entries = await readEntries(tarOf(file('manifest', '{}'), dir('rootfs')));
    expect(entries.map((e) => [e.name, e.type])).toEqual([['manifest', 'file'], ['rootfs/', 'directory']]);
  });
});

describe('image layouts', () => {
  const layout = (setup: (dir: string) => void): string => {
    const root = tempDir();
    setup(root);
    return root;
  };
  const valid = (root: string): void => {
    fs.writeFileSync(path.join(root, 'manifest'), MANIFEST);
    fs.mkdirSync(path.join(root, 'rootfs'));
  };
  test.each([
    ['valid', valid, []],
    ['extra file at the top', (r: string) => { valid(r); fs.writeFileSync(path.join(r, 'README'), 'x'); }, ['layout:README']],
    ['no rootfs', (r: string) => fs.writeFileSync(path.join(r, 'manifest'), MANIFEST), ['layout']],
    ['no manifest', (r: string) => fs.mkdirSync(path.join(r, 'rootfs')), ['layout']],
    ['manifest is a directory', (r: string) => { fs.mkdirSync(path.join(r, 'rootfs')); fs.mkdirSync(path.join(r, 'manifest')); }, ['layout:manifest']],
    ['invalid manifest', (r: string) => { valid(r); fs.writeFileSync(path.join(r, 'manifest'), MANIFEST.replace('example.com/hello', 'Hello')); }, ['name']],
  ] as Array<[string, (dir: string) => void, string[]]>)('%s (and actool agrees)', (_name, setup, errors) => {
    const root = layout(setup);
    expect(validateLayout(root).filter((i) => i.severity === 'error').map((i) => i.path)).toEqual(errors);
    expect(actool('validate', root).code !== 0).toBe(errors.length > 0);
  });
});

describe('loading berth', () => {
  test('loads no tar reader: an app reads no archive, and tar-stream with its streams costs every synth ~9 ms', () => {
    const root = path.resolve(__dirname, '../..');
    const script = "require('./index.ts'); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /node_modules[\\\\/](tar-stream|streamx)[\\\\/]/.test(f))))";
    const child = spawnSync(process.execPath, ['-r', path.join(root, 'bin', 'register.js'), '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual([]);
  });
});
