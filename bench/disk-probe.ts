import * as fs from 'fs';
import * as path from 'path';
import { doneWith, measurementDir, settleDisk } from './workspace';

/** Files the probe creates: enough to average out one slow call, few enough to take ~0.05 s on a quiet disk. */
export const PROBE_FILES = 1_000;

/**
 * How long creating a small file takes on the workspace's disk right now, in µs, probed before each group. The rows
 * that write thousands of files (k8s + appc: 10,000 pod manifests; 3,000 charts: 3,000 YAML files and directories)
 * depend on it as much as on berth: on this machine's disk (ext4 without a journal) creating a file is several times
 * slower for minutes after many files were removed (see workspace.ts). The figure beside each group says whether
 * its rows ran on a quiet disk. Its files are kept until the run ends, like every measurement's.
 */
export function probeFileCreation(files = PROBE_FILES): number {
  const dir = measurementDir('berth-bench-probe-');
  try {
    const start = performance.now();
    for (let i = 0; i < files; i++) fs.writeFileSync(path.join(dir, `f${i}.json`), '{}\n');
    return ((performance.now() - start) * 1000) / files;
  } finally {
    doneWith(dir);
    settleDisk();
  }
}
