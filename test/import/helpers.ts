import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generate, GenerateResult } from '../../lib/import/generate';
import { parseDocuments } from '../../lib/import/sources';
import { CliResult, REPO } from '../helpers';

export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import');
export const CRDS = fs.readdirSync(path.join(FIXTURES, 'crds')).filter((f) => f.endsWith('.yaml')).sort();

/** Generates from a fixture file (relative to test/fixtures/import) in-process, as `berth import FILE` would. */
export function generateFixture(file: string, options: { name?: string; prefix?: string } = {}): GenerateResult {
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  return generate([{ source: file, documents: parseDocuments(text, file) }], { prefix: options.prefix ?? '', command: `berth import ${file}`, name: options.name, openApiName: path.basename(file, path.extname(file)) });
}

/** The text of the one generated file whose path ends with `suffix`. */
export function textOf(result: GenerateResult, suffix: string): string {
  const file = result.files.find((f) => f.path.endsWith(suffix));
  if (!file) throw new Error(`no generated file ends with ${suffix}: ${result.files.map((f) => f.path).join(', ')}`);
  return file.text;
}

/** The declaration `export interface NAME { ... }` (or class/type) as printed, for focused assertions. */
export function declaration(text: string, keyword: 'interface' | 'class' | 'type' | 'function', name: string): string {
  const start = text.indexOf(`export ${keyword} ${name}${keyword === 'function' ? '(' : keyword === 'type' ? ' =' : ' '}`);
  if (start < 0) throw new Error(`no ${keyword} ${name}`);
  const end = keyword === 'type' ? text.indexOf(';\n', start) + 2 : text.indexOf('\n}\n', start) + 3;
  return text.slice(start, end);
}

/** The built CLI, run without blocking this process (the test server answers it). */
export function run(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'berth.js'), ...args], { cwd, env: { ...process.env, KUBECONFIG: '' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
