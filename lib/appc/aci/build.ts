/**
 * Reproducible ACI images (docs/appc.md §4): `manifest` first, then `rootfs/` and its tree in walk order (each
 * directory's entries sorted by name), every entry owned by root:root (0:0) with one fixed mtime, directories 0755,
 * files 0644 or 0755 (kept executable when the source is), symlinks kept as links. The image ID is `sha512-` of
 * the uncompressed tar; the gzip form has a zero header timestamp and a fixed OS byte, so it only depends on the
 * tar bytes and zlib's deflate.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { TarEntry, writeTar } from './tar';

/** A file given inline instead of from a directory. (Public types use Uint8Array: consumers need no Node typings.) */
export interface InlineFile {
  readonly content: string | Uint8Array;
  /** @default 0o644 */
  readonly mode?: number;
}

export interface AciInput {
  /** The manifest bytes exactly as they go into the archive. */
  readonly manifest: string;
  /** A directory whose contents become `rootfs/`. @default - none */
  readonly rootfsDir?: string;
  /** Files placed in `rootfs/` by absolute path inside the image; they win over files of `rootfsDir`. @default - none */
  readonly files?: Readonly<Record<string, string | InlineFile>>;
  /** @default 'gzip' */
  readonly compression?: 'gzip' | 'none';
  /** @default new Date(0) */
  readonly mtime?: Date;
}

export interface BuiltAci {
  /** The `.aci` bytes (gzip unless asked otherwise); a Node Buffer at run time. */
  readonly archive: Uint8Array;
  /** `sha512-` + 128 hex digits of the uncompressed tar. */
  readonly imageId: string;
  /** Uncompressed tar size in bytes (a dependency's `size`). */
  readonly tarSize: number;
}

/** A rootfs entry that cannot go into a reproducible image (a socket, a device, an unreadable path). */
export class RootfsError extends Error {}

export function buildAci(input: AciInput): BuiltAci {
  const tree = new Map<string, TarEntry>();
  if (input.rootfsDir) walk(input.rootfsDir, '', tree);
  for (const [target, file] of Object.entries(input.files ?? {})) addInline(tree, target, file);
  const entries: TarEntry[] = [
    { name: 'manifest', type: 'file', mode: 0o644, body: Buffer.from(input.manifest, 'utf8') },
    { name: 'rootfs', type: 'directory', mode: 0o755 },
    ...sortTree(tree),
  ];
  const tar = writeTar(entries, { mtime: input.mtime ?? new Date(0) });
  const imageId = `sha512-${createHash('sha512').update(tar).digest('hex')}`;
  const archive = (input.compression ?? 'gzip') === 'gzip' ? reproducibleGzip(tar) : tar;
  return { archive, imageId, tarSize: tar.length };
}

/** Node's zlib writes MTIME 0 already; the OS byte is set to 3 (Unix) so the bytes do not depend on the build host. */
export function reproducibleGzip(data: Uint8Array): Uint8Array {
  const gz = gzipSync(data, { level: 9 });
  gz.writeUInt32LE(0, 4);
  gz[9] = 3;
  return gz;
}

function walk(dir: string, prefix: string, tree: Map<string, TarEntry>): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort(byBytes);
  } catch (error) {
    throw new RootfsError(`cannot read ${prefix || '/'}: ${(error as Error).message}`);
  }
  for (const name of names) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = fs.lstatSync(full);
    if (stat.isDirectory()) {
      tree.set(rel, { name: `rootfs/${rel}`, type: 'directory', mode: 0o755 });
      walk(full, rel, tree);
    } else if (stat.isFile()) {
      // Hard links are stored as plain copies: a link entry depends on which path the walk reached first.
      tree.set(rel, { name: `rootfs/${rel}`, type: 'file', mode: stat.mode & 0o111 ? 0o755 : 0o644, body: fs.readFileSync(full) });
    } else if (stat.isSymbolicLink()) {
      tree.set(rel, { name: `rootfs/${rel}`, type: 'symlink', mode: 0o777, linkname: fs.readlinkSync(full) });
    } else {
      throw new RootfsError(`/${rel} is a ${describe(stat)}, which berth does not put into images (only files, directories and symlinks)`);
    }
  }
}

function addInline(tree: Map<string, TarEntry>, target: string, file: string | InlineFile): void {
  const rel = path.posix.normalize(target).replace(/^\/+/, '');
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (!tree.has(dir)) tree.set(dir, { name: `rootfs/${dir}`, type: 'directory', mode: 0o755 });
  }
  const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
  tree.set(rel, { name: `rootfs/${rel}`, type: 'file', mode: mode ?? 0o644, body: typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content) });
}

/** Walk order: a directory, then its entries by name (byte order), recursively — the same for any build host. */
function sortTree(tree: Map<string, TarEntry>): TarEntry[] {
  const compare = (a: string, b: string): number => {
    const pa = a.split('/');
    const pb = b.split('/');
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return byBytes(pa[i], pb[i]);
    return pa.length - pb.length;
  };
  return [...tree.keys()].sort(compare).map((key) => tree.get(key)!);
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function describe(stat: fs.Stats): string {
  if (stat.isSocket()) return 'socket';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  return 'special file';
}
