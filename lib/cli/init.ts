import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { packageRoot, packageVersion } from '../package-root';
import { toDnsLabel } from '../validation/names';
import { Io, UsageError } from './usage';

export const INIT_HELP = `Usage: berth init [dir] [options]

Creates a berth project in dir (default: the current directory, which must be empty).

  berth init [dir]                     an app: cdk8s.yaml, main.ts, chart.ts, a test, strict tsconfig,
                                       package.json; it synthesizes at once, offline
  berth init --library NAME [dir]      a construct package: constructs/ with a sample construct, jest tests
                                       using berth/testing, a tsconfig emitting .js + .d.ts, berth and
                                       constructs as peer dependencies, ready for npm pack

\`berth synth\` runs an app even before npm install: it makes its own berth and constructs resolvable as a
fallback (NODE_PATH), which the project's own node_modules override once installed.

Options:
  --name NAME       app name, also the chart name (default: the directory name)
  --library NAME    create a construct package named NAME
  -h, --help        show this help
`;

export async function initCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, library: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('init takes at most one directory');
  if (values.library !== undefined && values.name !== undefined) throw new UsageError('give --library NAME or --name NAME, not both');
  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  const kind = values.library !== undefined ? 'library' : 'app';
  const name = kind === 'library' ? packageName(values.library!) : toDnsLabel(values.name ?? path.basename(dir)).slice(0, 63) || 'app';
  if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f !== '.git')) throw new UsageError(`${dir} is not empty; init only creates new projects`);
  const written = scaffold(path.join(packageRoot(), 'templates', kind), dir, { name, ...templateVersions() });
  const where = path.relative(io.cwd, dir) || '.';
  const next = kind === 'library' ? 'npm install && npm test && npm pack' : 'berth synth';
  io.out(`created ${kind} ${name} in ${where}:\n${written.map((f) => `  ${f}\n`).join('')}\nnext: ${where === '.' ? '' : `cd ${where} && `}${next}\n`);
  return 0;
}

/** An npm package name: lowercase, optionally scoped. */
function packageName(name: string): string {
  if (!/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(name) || name.length > 214) {
    throw new UsageError(`--library needs an npm package name such as "redis-constructs" or "@team/redis", got "${name}"`);
  }
  return name;
}

/**
 * The versions a scaffold pins: berth's own, and the tool versions berth itself is built and tested with, so a
 * new project installs what is known to work together (and what the npm cache already holds).
 */
function templateVersions(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  const all: Record<string, string> = { ...manifest.devDependencies, ...manifest.dependencies };
  const pick = (name: string, fallback: string): string => all[name] ?? fallback;
  return {
    berthVersion: packageVersion(),
    constructs: pick('constructs', '^10.0.0'),
    typescript: pick('typescript', '~5.9.0'),
    jest: pick('jest', '^29.7.0'),
    'ts-jest': pick('ts-jest', '^29.4.0'),
    '@types/jest': pick('@types/jest', '^29.5.0'),
  };
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
    const text = fs.readFileSync(source, 'utf8').replace(/\{\{([\w@/.-]+)\}\}/g, (all, key: string) => values[key] ?? all);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, target), text);
    written.push(target);
  }
  return written;
}
