import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Where measurements write: inside the run's workspace (BENCH_WORKSPACE, set by `npm run bench` and inherited by
 * every child) and kept there until the run ends, or, outside a run, a temporary directory of their own removed at
 * once.
 *
 * Why not remove each measurement's output right after it: on ext4 without a journal (this machine's disk), creating
 * a file skips every inode of its group freed between one second and a minute or more before (`recently_deleted`
 * in the kernel's inode allocator, found with `perf record -g`), one by one, for every file created. So the 20,000
 * files one row removed made the next row's 10,000 file creations take 1.5–4 s instead of 0.2–0.4 s: the bench
 * measured its own clean-up. A second `npm run bench` within minutes of the first still pays for the first one's.
 */
export const WORKSPACE_ENV = 'BENCH_WORKSPACE';

export function measurementDir(prefix: string): string {
  return fs.mkdtempSync(path.join(process.env[WORKSPACE_ENV] || os.tmpdir(), prefix));
}

/**
 * Waits until what the measurements wrote is on disk (`sync`), between two measurements. The kernel writes kept files
 * back within half a minute, which on a 2-core machine would fall into the next measurements (a removed file's pages
 * were simply dropped).
 */
export function settleDisk(): void {
  if (process.env[WORKSPACE_ENV]) spawnSync('sync', { stdio: 'ignore' });
}

export function doneWith(dir: string): void {
  if (!process.env[WORKSPACE_ENV]) fs.rmSync(dir, { recursive: true, force: true });
}

/** Makes the run's workspace for this process and its children; `remove` deletes it and everything in it. */
export function openWorkspace(): { readonly dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-run-'));
  process.env[WORKSPACE_ENV] = dir;
  const remove = (): void => {
    process.off('SIGINT', interrupted);
    delete process.env[WORKSPACE_ENV];
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = (): void => {
    remove();
    process.exit(130);
  };
  process.on('SIGINT', interrupted); // Ctrl-C leaves no gigabyte of outputs behind
  return { dir, remove };
}
