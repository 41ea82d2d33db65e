import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { openFileSink, startWriter, WriterThread } from '../../../lib/synth/file-sink';
import { readTree, tempDir } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../..');

function expected(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`charts/c${i % 7}/pod-${i}.json`] = `{"pod":${i}}\n`;
  return files;
}

describe('openFileSink', () => {
  test.each([0, 5, 1_000])('writes the same files whether a thread takes over after %i', (threadAfter) => {
    const dir = tempDir();
    const sink = openFileSink(dir, { threadAfter });
    for (const [file, text] of Object.entries(expected(200))) sink.write(file, text);
    sink.write('app.yaml', 'a: 1\n');
    sink.write('app.yaml', '---\nb: 2\n', { append: true });
    sink.write('bytes.aci', new Uint8Array([0, 1, 2, 255]));
    sink.close();
    expect(readTree(dir)).toEqual({ ...expected(200), 'app.yaml': 'a: 1\n---\nb: 2\n', 'bytes.aci': '\u0000\u0001\u0002\u00ff' });
    expect(() => sink.write('late.json', '{}')).toThrow('cannot write late.json: the output is already closed');
  });

  test.each([0, 1_000])('makes missing directories at any depth and writes into ones that exist (thread after %i)', (threadAfter) => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'there', 'already'), { recursive: true });
    const sink = openFileSink(dir, { threadAfter });
    sink.write('deep/er/still/a.json', '{}');
    sink.write('deep/er/b.json', '{}');
    sink.write('there/already/c.json', '{}');
    sink.write('there/d.json', '{}');
    sink.close();
    expect(readTree(dir)).toEqual({ 'deep/er/still/a.json': '{}', 'deep/er/b.json': '{}', 'there/already/c.json': '{}', 'there/d.json': '{}' });
  });

  test('the thread starts without the app\'s node options: `-r berth/register` would load a TypeScript loader into it', () => {
    const dir = tempDir();
    const log = path.join(dir, 'preloaded.log');
    const preload = path.join(dir, 'preload.js');
    fs.writeFileSync(preload, `require('fs').appendFileSync(${JSON.stringify(log)}, require('worker_threads').isMainThread ? 'main\\n' : 'thread\\n');`);
    const script = `const { openFileSink, startWriter } = require(${JSON.stringify(path.join(ROOT, 'lib/synth/file-sink.ts'))});
      const sink = openFileSink(${JSON.stringify(path.join(dir, 'out'))}, { writer: startWriter() });
      sink.write('a.json', '{}');
      sink.close();`;
    execFileSync(process.execPath, ['-r', path.join(ROOT, 'bin/register.js'), '-r', preload, '-e', script], { timeout: 30_000 });
    expect(fs.readFileSync(path.join(dir, 'out', 'a.json'), 'utf8')).toBe('{}'); // written by the thread
    expect(fs.readFileSync(log, 'utf8')).toBe('main\n');
  });

  test('a writer started ahead takes every file from the first; one left unused is discarded', () => {
    const dir = tempDir();
    const posted = jest.spyOn(WriterThread.prototype, 'post');
    const writer = startWriter();
    const sink = openFileSink(dir, { threadAfter: 1_000, writer });
    expect(writer.take()).toBeUndefined(); // the sink has it
    for (const [file, text] of Object.entries(expected(20))) sink.write(file, text);
    sink.write('app.yaml', 'a: 1\n');
    sink.write('app.yaml', '---\nb: 2\n', { append: true });
    sink.close();
    expect(readTree(dir)).toEqual({ ...expected(20), 'app.yaml': 'a: 1\n---\nb: 2\n' });
    expect(posted).toHaveBeenCalledTimes(22); // all through the thread, none in line
    posted.mockRestore();

    const unused = startWriter();
    unused.discard();
    expect(unused.take()).toBeUndefined();
  });

  test('pieces of a large file are written in line beside the thread, in order with whatever the thread has of it', () => {
    const dir = tempDir();
    const posted = jest.spyOn(WriterThread.prototype, 'post');
    const sink = openFileSink(dir, { writer: startWriter() });
    const pieces = Array.from({ length: 30 }, (_, i) => `---\nn: ${i} ${'x'.repeat(i * 1000)}\n`);
    sink.write('small.yaml', 'a: 1\n');
    pieces.forEach((piece, i) => {
      sink.write('big.yaml', piece, { append: i > 0, chunk: true });
      if (i % 7 === 0) sink.write(`between-${i}.yaml`, `i: ${i}\n`);
    });
    expect(posted).toHaveBeenCalledTimes(1 + 5); // small.yaml and the files between: none of the pieces
    sink.write('big.yaml', '---\nby: thread\n', { append: true }); // the thread adds to it...
    sink.write('big.yaml', '---\nlast: piece\n', { append: true, chunk: true }); // ...and a piece follows that
    sink.write('small.yaml', 'anew: 1\n', { chunk: true }); // written anew in line, after the thread's write of it
    sink.close();
    posted.mockRestore();
    const tree = readTree(dir);
    expect(tree['big.yaml']).toBe(`${pieces.join('')}---\nby: thread\n---\nlast: piece\n`);
    expect(tree['small.yaml']).toBe('anew: 1\n');
    expect(tree['between-28.yaml']).toBe('i: 28\n');
  });

  test.each([0, 3, 1_000])('a file written in chunks, in line or in a thread (after %i files), is whole and in order', (threadAfter) => {
    const dir = tempDir();
    const sink = openFileSink(dir, { threadAfter });
    for (const name of ['a', 'b', 'c']) sink.write(`${name}.json`, '{}'); // with threadAfter 3, all.yaml starts the thread
    const chunks = ['naïve: ü\n', '---\nbig: ' + 'x'.repeat(200_000) + '\n', ...Array.from({ length: 20 }, (_, i) => `---\nn: ${i} €\n`)];
    chunks.forEach((chunk, i) => sink.write('all.yaml', chunk, { append: i > 0 }));
    sink.write('other.yaml', 'o: 1\n');
    sink.write('all.yaml', 'again: true\n'); // not appended: written anew
    sink.write('all.yaml', '---\nmore: 1\n', { append: true });
    sink.write('other.yaml', '---\no: 2\n', { append: true });
    sink.close();
    expect(readTree(dir)).toEqual({ 'a.json': '{}', 'b.json': '{}', 'c.json': '{}', 'all.yaml': 'again: true\n---\nmore: 1\n', 'other.yaml': 'o: 1\n---\no: 2\n' });

    const wholeDir = tempDir();
    const whole = openFileSink(wholeDir, { threadAfter });
    chunks.forEach((chunk, i) => whole.write('all.yaml', chunk, { append: i > 0 }));
    whole.close();
    expect(fs.readFileSync(path.join(wholeDir, 'all.yaml'), 'utf8')).toBe(chunks.join(''));
  });

  test.each([0, 1_000])('bytes are written as they were when given: the caller may reuse its buffer (thread after %i)', (threadAfter) => {
    const dir = tempDir();
    const sink = openFileSink(dir, { threadAfter });
    const shared = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 20; i++) {
      const used = shared.write(`file ${i}\n`, 0);
      sink.write(`f${i}.txt`, shared.subarray(0, used));
      shared.fill(0x78); // what a reused buffer would hold next
    }
    sink.close();
    const tree = readTree(dir);
    for (let i = 0; i < 20; i++) expect(tree[`f${i}.txt`]).toBe(`file ${i}\n`);
  });

  test.each([0, 1_000])('close() throws the first failed write, with its code (thread after %i)', (threadAfter) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file where a directory is needed');
    const sink = openFileSink(dir, { threadAfter });
    let thrown: NodeJS.ErrnoException | undefined;
    try {
      sink.write('ok.json', '{}');
      sink.write('blocker/inside.json', '{}');
      sink.write('later.json', '{}');
      sink.close();
    } catch (error) {
      thrown = error as NodeJS.ErrnoException;
    }
    expect(thrown?.code).toBe('EEXIST'); // as fs.mkdirSync(recursive) reports a file in the way, in line or in the thread
    expect(thrown?.message).toContain('blocker');
  });

  test('abort() returns only when nothing is writing: the directory can be removed for good', () => {
    const dir = tempDir();
    const sink = openFileSink(dir, { threadAfter: 0 });
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 2_000; i++) sink.write(`d${i % 50}/f${i}.txt`, big);
    sink.abort();
    fs.rmSync(dir, { recursive: true, force: true });
    const until = Date.now() + 300;
    while (Date.now() < until) expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('openFileSink, after a failed close', () => {
  test('abort() (as the synth calls it on any error) returns quietly', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const sink = openFileSink(dir, { threadAfter: 0 });
    sink.write('blocker/inside.json', '{}');
    expect(() => sink.close()).toThrow();
    expect(() => sink.abort()).not.toThrow();
  });
});
