import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/** The berth package directory, found upward from this file (works from `build/lib` and from `lib` alike). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'berth') return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('berth: cannot find its own package.json');
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}
