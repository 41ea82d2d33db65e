import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { AciInput, buildAci } from '../../lib/appc/aci/build';
import { run } from '../../lib/cli/main';
import { Io } from '../../lib/cli/usage';
import { berth, REPO, tempDir } from '../helpers';

/** buildAci with the archive as a Buffer (the public type is Uint8Array, so consumers need no Node typings). */
const aci = (input: AciInput) => {
  const built = buildAci(input);
  return { ...built, archive: Buffer.from(built.archive) };
};

const IMAGE = { acKind: 'ImageManifest', acVersion: '0.8.11', name: 'example.com/web', app: { exec: ['/bin/web'], user: '0', group: '0' } };
const BAD_POD = {
  acKind: 'PodManifest',
  acVersion: '0.8.11',
  apps: [{ name: 'Web', image: { id: 'sha512-nothex' }, app: { user: '0', group: '0', isolators: [{ name: 'resource/cpu', value: { limit: '1' } }, { name: 'resource/memory', value: { limit: 'lots' } }] } }],
};

function write(name: string, data: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, data);
  return file;
}

/** Runs the command in-process (for the many fuzz inputs); the CLI binary is tested below. */
async function runInProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), cwd: REPO, isTTY: false };
  const code = await run(['validate', ...args], io);
  return { code, out, err };
}

describe('berth validate', () => {
  test('a valid manifest: exit 0, one line', () => {
    const file = write('image.json', JSON.stringify(IMAGE));
    const result = berth(['validate', file], REPO);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${file}: valid ImageManifest\n`);
  });

  test('an invalid manifest: exit 1, every problem with its JSON path', () => {
    const file = write('pod.json', JSON.stringify(BAD_POD));
    const result = berth(['validate', file], REPO);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: invalid PodManifest: 3 problems`);
    expect(result.stdout).toContain('  error apps[0].name: must be an AC Name');
    expect(result.stdout).toContain('  error apps[0].image.id: must be "sha512-" followed by lowercase hex digits, got "sha512-nothex"');
    expect(result.stdout).toContain('  error apps[0].app.isolators[1].value.limit: must be a quantity');
  });

  test('--json prints one object with every problem', () => {
    const file = write('pod.json', JSON.stringify(BAD_POD));
    const result = berth(['validate', file, '--json'], REPO);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ file, kind: 'PodManifest', valid: false });
    expect(json.problems.map((p: { path: string }) => p.path)).toEqual(['apps[0].name', 'apps[0].image.id', 'apps[0].app.isolators[1].value.limit']);
    expect(json.problems[2]).toEqual({ path: 'apps[0].app.isolators[1].value.limit', message: expect.any(String), value: 'lots', severity: 'error' });
  });

  test('an .aci: detected by its bytes, valid with its image ID', () => {
    const built = aci({ manifest: JSON.stringify(IMAGE), files: { '/bin/web': { content: 'x', mode: 0o755 } } });
    const file = write('web.aci', built.archive);
    const result = berth(['validate', file, '--json'], REPO);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ file, kind: 'aci', valid: true, imageId: built.imageId, problems: [] });
  });

  test('a layout directory', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest'), JSON.stringify(IMAGE));
    fs.mkdirSync(path.join(dir, 'rootfs'));
    expect(berth(['validate', dir], REPO)).toMatchObject({ code: 0 });
    fs.writeFileSync(path.join(dir, 'extra'), '');
    const result = berth(['validate', dir, 'layout'], REPO);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error layout:extra: is not allowed');
  });

  test('a kind given on the command line wins over acKind', () => {
    const file = write('image.json', JSON.stringify(IMAGE));
    const result = berth(['validate', file, 'PodManifest'], REPO);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error acKind: must be "PodManifest", got "ImageManifest"');
  });

  test.each([
    [['validate'], 'missing <file>'],
    [['validate', 'x.json', 'Pod'], 'unknown kind "Pod"'],
    [['validate', 'a', 'b', 'c'], 'too many arguments'],
    [['validate', '/nonexistent/berth.json'], 'no such file or directory'],
    [['validate', 'x', '--bogus'], 'Unknown option'],
  ])('usage errors exit 2: %j', (args, message) => {
    const result = berth(args, REPO);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('--help', () => {
    const result = berth(['validate', '--help'], REPO);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Usage: berth validate <file> [ImageManifest|PodManifest|aci|layout]');
  });

  test('never throws: random bytes, truncated archives and mangled JSON all give exit 0 or 1 with a report', async () => {
    const archive = aci({ manifest: JSON.stringify(IMAGE) }).archive;
    const text = JSON.stringify(BAD_POD);
    const inputs: Buffer[] = [Buffer.alloc(0), Buffer.from('null'), Buffer.from('[]'), Buffer.from('{"acKind":{}}'), Buffer.from('\u0000\u0001')];
    for (let i = 0; i < 40; i++) inputs.push(randomBytes(1 + Math.floor(Math.random() * 2048)));
    for (let i = 0; i < 30; i++) inputs.push(archive.subarray(0, Math.floor(Math.random() * archive.length)));
    for (let i = 0; i < 30; i++) inputs.push(Buffer.from(text.slice(0, Math.floor(Math.random() * text.length))));
    for (let i = 0; i < 30; i++) {
      const chars = [...text];
      chars[Math.floor(Math.random() * chars.length)] = String.fromCharCode(32 + Math.floor(Math.random() * 90));
      inputs.push(Buffer.from(chars.join('')));
    }
    const dir = tempDir();
    for (const [i, input] of inputs.entries()) {
      const file = path.join(dir, `input-${i}`);
      fs.writeFileSync(file, input);
      for (const kind of [[], ['aci'], ['PodManifest']]) {
        const result = await runInProcess([file, '--json', ...kind]);
        expect([0, 1]).toContain(result.code);
        expect(result.err).toBe('');
        expect(JSON.parse(result.out).problems).toEqual(expect.any(Array));
      }
    }
  });
});
