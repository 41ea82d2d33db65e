import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../helpers';

export interface ActoolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real actool (Debian appc-spec 0.8.11), time-bounded. */
export function actool(...args: string[]): ActoolResult {
  const result = spawnSync('actool', args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes data to a fresh temp file and returns its path. */
export function tempFile(name: string, data: string | Buffer): string {
  const file = path.join(tempDir('berth-appc-'), name);
  fs.writeFileSync(file, data);
  return file;
}

/** Every file under dir (recursively) whose name ends with one of the suffixes. */
export function findFiles(dir: string, ...suffixes: string[]): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(full, ...suffixes));
    else if (suffixes.some((s) => entry.name.endsWith(s))) out.push(full);
  }
  return out.sort();
}
