/**
 * An image layout directory (docs/appc.md §4.1): exactly a regular file `manifest` and a directory `rootfs`,
 * nothing else at the top, and a valid ImageManifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AppcIssue } from '../check/issues';
import { validateManifestText } from '../check';

export function validateLayout(dir: string): AppcIssue[] {
  const issues: AppcIssue[] = [];
  const error = (where: string, message: string): void => void issues.push({ path: where, message, severity: 'error' });
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (e) {
    error('layout', `cannot be read: ${(e as Error).message}`);
    return issues;
  }
  for (const name of names) if (name !== 'manifest' && name !== 'rootfs') error(`layout:${name}`, 'is not allowed: a layout holds only "manifest" and "rootfs/"');
  const rootfs = path.join(dir, 'rootfs');
  if (!names.includes('rootfs')) error('layout', 'has no "rootfs" directory');
  else if (!fs.lstatSync(rootfs).isDirectory()) error('layout:rootfs', 'must be a directory');
  const manifest = path.join(dir, 'manifest');
  if (!names.includes('manifest')) error('layout', 'has no "manifest" file');
  else if (!fs.lstatSync(manifest).isFile()) error('layout:manifest', 'must be a regular file');
  else issues.push(...validateManifestText(fs.readFileSync(manifest, 'utf8'), 'ImageManifest').issues);
  return issues;
}
