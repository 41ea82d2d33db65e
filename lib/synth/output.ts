import * as fs from 'fs';
import * as path from 'path';

/**
 * A fresh staging directory beside `outdir` (same filesystem, so the final rename is atomic). A failed synth
 * removes it and never touches `outdir`.
 */
export function makeStagingDir(outdir: string): string {
  const parent = path.dirname(path.resolve(outdir));
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `.berth-staging-${path.basename(outdir)}-`));
}

/** Replaces `outdir` by `staging` in one rename; the previous output survives until the new one is in place. */
export function replaceDirectory(staging: string, outdir: string): void {
  const target = path.resolve(outdir);
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const retired = `${staging}-previous`;
  fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(retired, target);
    throw error;
  }
  fs.rmSync(retired, { recursive: true, force: true });
}

export function removeDirectory(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
