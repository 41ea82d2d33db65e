import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { validateLayout } from '../appc/aci/layout';
import { detectCompression, validateArchive } from '../appc/aci/read';
import { AppcIssue, hasErrors, ManifestKind, validateManifestText } from '../appc/check';
import { painter } from './style';
import { Io, UsageError } from './usage';

export const VALIDATE_HELP = `Usage: berth validate <file> [ImageManifest|PodManifest|aci|layout] [options]

Checks an appc (App Container 0.8.11) manifest, image archive (.aci) or image layout directory against the
spec, and prints every problem with its JSON path. Without a kind, a directory is a layout, a tar (plain,
gzip, bzip2, xz) is an image archive, and JSON is a manifest of its own acKind.

Options:
      --json   print one JSON object: {"file","kind","valid","imageId"?,"problems":[{"path","message","value"?,"severity"}]}
  -h, --help   show this help

Exit codes: 0 valid (warnings allowed), 1 invalid, 2 usage error (bad arguments, unreadable file).
`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Kind = ManifestKind | 'aci' | 'layout';
const KINDS: readonly Kind[] = ['ImageManifest', 'PodManifest', 'aci', 'layout'];

export interface ValidationResult {
  readonly kind?: Kind;
  readonly issues: readonly AppcIssue[];
  readonly imageId?: string;
}

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help) {
    io.out(VALIDATE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('missing <file>');
  if (positionals.length > 2) throw new UsageError(`too many arguments: ${positionals.slice(2).join(' ')}`);
  const [file, kindArg] = positionals;
  const kind = kindArg === undefined ? undefined : KINDS.find((k) => k.toLowerCase() === kindArg.toLowerCase());
  if (kindArg !== undefined && !kind) throw new UsageError(`unknown kind "${kindArg}": use ${KINDS.join(', ')}`);
  const full = path.resolve(io.cwd, file);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${file}: no such file or directory`);

  const result = await validatePath(full, stat.isDirectory(), kind);
  const valid = !hasErrors(result.issues);
  if (values.json) {
    io.out(`${JSON.stringify({ file, kind: result.kind ?? null, valid, ...(result.imageId ? { imageId: result.imageId } : {}), problems: result.issues })}\n`);
  } else {
    printText(io, file, result, valid);
  }
  return valid ? 0 : 1;
}

/** Validates a path as the given kind (or the detected one); any failure becomes an issue, never an exception. */
export async function validatePath(file: string, isDirectory: boolean, kind?: Kind): Promise<ValidationResult> {
  try {
    if (isDirectory || kind === 'layout') {
      if (!isDirectory) return { kind: 'layout', issues: [issue('layout', 'must be a directory')] };
      return { kind: 'layout', issues: validateLayout(file) };
    }
    const bytes = fs.readFileSync(file);
    if (kind === 'aci' || (kind === undefined && detectCompression(bytes))) {
      const report = await validateArchive(bytes);
      return { kind: 'aci', issues: report.issues, ...(report.imageId && !hasErrors(report.issues) ? { imageId: report.imageId } : {}) };
    }
    const text = bytes.toString('utf8');
    if (kind === undefined && !/^\s*[{[]/.test(text)) {
      return { issues: [issue('', 'is neither JSON (a manifest) nor a tar archive (an image); give the kind to check it as one')] };
    }
    const report = validateManifestText(text, kind);
    return { kind: report.kind, issues: report.issues };
  } catch (error) {
    return { kind, issues: [issue('', `cannot be read: ${(error as Error).message}`)] };
  }
}

function issue(where: string, message: string): AppcIssue {
  return { path: where, message, severity: 'error' };
}

function printText(io: Io, file: string, result: ValidationResult, valid: boolean): void {
  const paint = painter(io.isTTY);
  const kind = result.kind === 'aci' ? 'image archive' : result.kind === 'layout' ? 'image layout' : (result.kind ?? 'appc file');
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const head = valid ? `${paint.green('valid')} ${kind}` : `${paint.red('invalid')} ${kind}: ${errors} problem${errors === 1 ? '' : 's'}`;
  io.out(`${file}: ${head}${result.imageId ? ` (image ID ${result.imageId})` : ''}\n`);
  for (const i of result.issues) {
    const got = 'value' in i ? `, got ${JSON.stringify(i.value)}` : '';
    const label = i.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    io.out(`  ${label} ${i.path || '(document)'}: ${i.message}${got}\n`);
  }
}
