import { spawnSync } from 'child_process';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { timeout: 10_000 }).status === 0;
/** xz and bzip2 come with every Debian image; the tests that need them say so when they are missing. */
export const xzAvailable = (): boolean => has('xz');
export const bzip2Available = (): boolean => has('bzip2');
