import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { packageRoot, packageVersion } from '../package-root';
import { toDnsLabel } from '../validation/names';
import { Io, UsageError } from './usage';

export const INIT_HELP = `Usage: berth init [dir] [options]

Creates a berth project (cdk8s.yaml, main.ts, tsconfig.json, package.json) in dir (default: the current
directory, which must be empty). The project synthesizes at once, offline: node_modules/berth links to the
berth that ran init until you run npm install.

Options:
  --name NAME   project and chart name (default: the directory name)
  -h, --help    show this help
`;

export async function initCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('init takes at most one directory');
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  const name = toDnsLabel(values.name ?? path.basename(dir)).slice(0, 63) || 'app';
  if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f !== '.git')) throw new UsageError(`${dir} is not empty; init only creates new projects`);
  const written = scaffold(path.join(packageRoot(), 'templates', 'app'), dir, { name, berthVersion: packageVersion() });
  linkBerth(dir);
  io.out(`created ${name} in ${path.relative(io.cwd, dir) || '.'}:\n${written.map((f) => `  ${f}\n`).join('')}\nnext: cd ${path.relative(io.cwd, dir) || '.'} && npx berth synth\n`);
  return 0;
}

/** Copies a template directory, replacing `{{key}}` placeholders; `gitignore` becomes `.gitignore` (npm drops dotfiles). */
export function scaffold(template: string, dir: string, values: Readonly<Record<string, string>>): string[] {
  const written: string[] = [];
  for (const file of fs.readdirSync(template).sort()) {
    const source = path.join(template, file);
    if (fs.statSync(source).isDirectory()) {
      written.push(...scaffold(source, path.join(dir, file), values).map((f) => `${file}/${f}`));
      continue;
    }
    const target = file === 'gitignore' ? '.gitignore' : file;
    const text = fs.readFileSync(source, 'utf8').replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, target), text);
    written.push(target);
  }
  return written;
}

/** Makes `berth` resolvable from the new project without a registry: node_modules/berth and node_modules/.bin/berth. */
function linkBerth(dir: string): void {
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  fs.symlinkSync(packageRoot(), path.join(modules, 'berth'), 'dir');
  fs.symlinkSync(path.join('..', 'berth', 'bin', 'berth.js'), path.join(modules, '.bin', 'berth'));
}
