import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../package-root';

/**
 * A directory to append to NODE_PATH when running an app, holding `berth` and `constructs`: an app made by
 * `berth init` synthesizes before `npm install` has run, and an installed project's own node_modules still win
 * (Node consults NODE_PATH only after every node_modules up the tree).
 *
 * When berth itself lives in a node_modules directory (an npm install), that directory already holds both.
 * From a source checkout, links are made inside `scratch` (removed with it).
 */
export function fallbackModulesDir(scratch: string): string {
  const root = packageRoot();
  const parent = path.dirname(root);
  if (path.basename(parent) === 'node_modules' && fs.existsSync(path.join(parent, 'constructs'))) return parent;
  const dir = path.join(scratch, 'node_modules');
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(root, path.join(dir, 'berth'), 'dir');
  fs.symlinkSync(path.dirname(require.resolve('constructs/package.json', { paths: [root] })), path.join(dir, 'constructs'), 'dir');
  return dir;
}
