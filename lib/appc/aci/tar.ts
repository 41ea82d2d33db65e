/**
 * A synchronous tar writer over tar-stream's own header encoder. berth's synth is synchronous (cdk8s renders
 * synchronously) while tar-stream's `pack()` emits through an asynchronous stream loop, so the archive is laid out
 * here exactly as `pack()` lays it out — ustar headers from `headers.encode`, a PAX header when a name does not fit
 * ustar, bodies padded to 512 bytes, two zero blocks at the end, no record padding — with tar-stream encoding every
 * header byte. `headers.js` is not in tar-stream's `exports`, so it is loaded by file path; tests read every archive
 * back through tar-stream's public `extract()` and through actool.
 */
import * as path from 'path';

export interface TarEntry {
  /** Path inside the archive, without a leading `/` (`rootfs/etc/hosts`). */
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly mode: number;
  readonly body?: Uint8Array;
  readonly linkname?: string;
}

/** Owner, group and time every entry gets: what makes the bytes independent of who builds and when. */
export interface TarStamp {
  readonly mtime: Date;
}

interface HeaderFields {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: Date;
  type: string;
  linkname?: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
}

interface TarHeaders {
  encode(fields: HeaderFields): Buffer | null;
  encodePax(fields: { name: string; linkname?: string }): Buffer;
}

let headers: TarHeaders | undefined;
function tarHeaders(): TarHeaders {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  headers ??= require(path.join(path.dirname(require.resolve('tar-stream/package')), 'headers.js')) as TarHeaders;
  return headers;
}

const BLOCK = 512;

export function writeTar(entries: readonly TarEntry[], stamp: TarStamp): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const entry of entries) {
    const body = entry.type === 'file' ? (entry.body ?? new Uint8Array(0)) : new Uint8Array(0);
    const fields: HeaderFields = {
      name: entry.type === 'directory' ? `${entry.name}/` : entry.name,
      mode: entry.mode,
      uid: 0,
      gid: 0,
      size: body.length,
      mtime: stamp.mtime,
      type: entry.type,
      ...(entry.linkname ? { linkname: entry.linkname } : {}),
      uname: 'root',
      gname: 'root',
      devmajor: 0,
      devminor: 0,
    };
    const header = tarHeaders().encode(fields);
    if (header) chunks.push(header);
    else chunks.push(...paxHeaders(fields));
    chunks.push(body, padding(body.length));
  }
  chunks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(chunks);
}

/** A name or link target that ustar cannot hold (long, or not ASCII): a PAX header carries it, as pack() does. */
function paxHeaders(fields: HeaderFields): Buffer[] {
  const pax = tarHeaders().encodePax({ name: fields.name, ...(fields.linkname ? { linkname: fields.linkname } : {}) });
  const paxEntry = tarHeaders().encode({ ...fields, name: 'PaxHeader', size: pax.length, type: 'pax-header', ...(fields.linkname ? { linkname: 'PaxHeader' } : {}) });
  const entry = tarHeaders().encode({ ...fields, name: 'PaxHeader', ...(fields.linkname ? { linkname: 'PaxHeader' } : {}) });
  if (!paxEntry || !entry) throw new Error(`cannot encode the tar header of ${JSON.stringify(fields.name)}`);
  return [paxEntry, pax, padding(pax.length), entry];
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}
