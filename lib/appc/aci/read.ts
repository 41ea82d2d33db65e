/**
 * Reading and checking an `.aci` (docs/appc.md §4.1–4.2): compression detected by magic bytes, the tar walked with
 * tar-stream's extract, and the spec's layout rules applied to the entries — exactly `manifest` and `rootfs/…`, an
 * explicit `rootfs` directory, no duplicates — then the manifest checked as an ImageManifest. Every failure is an
 * issue; nothing here throws.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as path from 'path';
import { Readable } from 'stream';
import type * as TarStream from 'tar-stream';
import { gunzipSync } from 'zlib';
import { AppcIssue } from '../check/issues';
import { validateManifestText } from '../check';

/**
 * tar-stream, with its stream stack, loads on the first archive read: every app loads this module (berth exports
 * `validateArchive`), and a synth reads no archive (~9 ms of each `berth synth` here).
 */
let loadedTarStream: typeof TarStream | undefined;
function tarStream(): typeof TarStream {
  return (loadedTarStream ??= require('tar-stream') as typeof TarStream);
}

export type Compression = 'gzip' | 'bzip2' | 'xz' | 'none';

export interface ArchiveReport {
  readonly issues: AppcIssue[];
  readonly compression?: Compression;
  /** `sha512-` of the uncompressed tar, when it could be decompressed. */
  readonly imageId?: string;
  /** The manifest entry's text, when there is exactly one. */
  readonly manifest?: string;
}

const LIMIT = 1 << 30;

export function detectCompression(input: Uint8Array): Compression | undefined {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 3 && bytes.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (bytes.length >= 6 && bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'none';
  return undefined;
}

export async function validateArchive(input: Uint8Array): Promise<ArchiveReport> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const issues: AppcIssue[] = [];
  const error = (where: string, message: string): void => void issues.push({ path: where, message, severity: 'error' });
  const compression = detectCompression(bytes);
  if (!compression) {
    error('archive', 'is not an image archive: expected a tar (plain, gzip, bzip2 or xz)');
    return { issues };
  }
  let data: Buffer;
  try {
    data = decompress(bytes, compression);
  } catch (e) {
    error('archive', `cannot be decompressed (${compression}): ${(e as Error).message}`);
    return { issues, compression };
  }
  const imageId = `sha512-${createHash('sha512').update(data).digest('hex')}`;
  let entries: ArchiveEntry[];
  try {
    entries = await readEntries(data);
  } catch (e) {
    error('archive', `is not a readable tar: ${(e as Error).message}`);
    return { issues, compression, imageId };
  }
  const manifest = checkEntries(entries, error);
  if (manifest !== undefined) {
    issues.push(...validateManifestText(manifest, 'ImageManifest').issues);
  }
  return { issues, compression, imageId, ...(manifest !== undefined ? { manifest } : {}) };
}

function decompress(bytes: Buffer, compression: Compression): Buffer {
  if (compression === 'none') return bytes;
  if (compression === 'gzip') return gunzipSync(bytes, { maxOutputLength: LIMIT });
  // Node has no bzip2 or xz; like actool (which runs xz), use the system's tools when they are there.
  const tool = compression === 'xz' ? 'xz' : 'bzip2';
  const result = spawnSync(tool, ['-dc'], { input: bytes, maxBuffer: LIMIT, timeout: 60_000 });
  if (result.error) throw new Error(`${tool} is needed to read this archive: ${result.error.message}`);
  if (result.status !== 0) throw new Error(result.stderr.toString('utf8').trim() || `${tool} exited with ${result.status}`);
  return result.stdout;
}

export interface ArchiveEntry {
  readonly name: string;
  readonly type: string;
  readonly body?: Uint8Array;
}

/** Every entry of a tar, with the bodies of entries named like a manifest (the only ones the rules read). */
export function readEntries(data: Uint8Array): Promise<ArchiveEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ArchiveEntry[] = [];
    const extract = tarStream().extract();
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      const keep = path.posix.normalize(header.name).replace(/\/+$/, '') === 'manifest';
      stream.on('data', (chunk: unknown) => {
        if (keep) chunks.push(chunk as Buffer);
      });
      stream.on('end', () => {
        entries.push({ name: header.name, type: header.type ?? 'file', ...(keep ? { body: Buffer.concat(chunks) } : {}) });
        next();
      });
      stream.on('error', reject);
    });
    extract.on('finish', () => resolve(entries));
    extract.on('error', reject);
    Readable.from([data]).on('error', reject).pipe(extract);
  });
}

/** Applies the layout rules to the entries; returns the manifest text when there is exactly one manifest file. */
function checkEntries(entries: readonly ArchiveEntry[], error: (where: string, message: string) => void): string | undefined {
  const seen = new Set<string>();
  const manifests: ArchiveEntry[] = [];
  let rootfs = false;
  for (const entry of entries) {
    if (entry.type === 'pax-header' || entry.type === 'pax-global-header') continue;
    const where = `archive:${entry.name}`;
    if (entry.name.startsWith('/')) {
      error(where, 'must be a relative path (archives hold "manifest" and "rootfs/…", never absolute paths)');
      continue;
    }
    const name = path.posix.normalize(entry.name).replace(/\/+$/, '');
    if (name === '.' || name === '') continue;
    if (name === '..' || name.startsWith('../')) {
      error(where, 'must stay inside the image (no "..")');
      continue;
    }
    if (seen.has(name)) error(where, 'is a duplicate entry: every path may appear once');
    seen.add(name);
    if (name === 'manifest') {
      if (entry.type !== 'file') error(where, 'must be a regular file');
      else manifests.push(entry);
    } else if (name === 'rootfs') {
      if (entry.type !== 'directory') error(where, 'must be a directory');
      else rootfs = true;
    } else if (!name.startsWith('rootfs/')) {
      error(where, 'is not allowed: an image holds only "manifest" and "rootfs/"');
    }
  }
  if (manifests.length === 0) error('archive', 'has no "manifest" file');
  if (!rootfs) error('archive', 'has no "rootfs" directory entry (readers such as actool require the directory itself, not only files below it)');
  return manifests.length === 1 ? Buffer.from(manifests[0].body!).toString('utf8') : undefined;
}
