import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'berth.js');

/** A temporary directory removed after the test file; tests never write into the repository. */
export function tempDir(prefix = 'berth-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a script of test/support in a child that may call V8's natives (`%HaveSameMap`, `%DebugPrint`: only with
 * `--allow-natives-syntax`), TypeScript through berth/register, with a time bound.
 */
export function runWithNatives(script: string, args: readonly string[] = []): { readonly stdout: string; readonly stderr: string } {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '-r', path.join(REPO, 'bin', 'register.js'), path.join(REPO, 'test', 'support', script), ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { stdout: child.stdout, stderr: child.stderr };
}

/** Runs the built CLI (bin/berth.js) as a user would, with a time bound. */
export function berth(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `tsc -p dir` with the repository's TypeScript, with a time bound: `output` is what it printed (empty when clean). */
export function compileProject(dir: string, timeoutMs: number): { readonly status: number | null; readonly output: string } {
  const tsc = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', timeout: timeoutMs });
  return { status: tsc.status, output: tsc.stdout + tsc.stderr };
}

/** Every file under a directory with its bytes, for byte-for-byte comparisons of whole output trees. */
export function readTree(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(d, entry.name), rel);
      else tree[rel] = fs.readFileSync(path.join(d, entry.name), 'latin1');
    }
  };
  walk(dir, '');
  return tree;
}
