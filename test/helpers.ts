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
