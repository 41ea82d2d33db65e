import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { packageRoot } from '../package-root';
import { UsageError } from '../cli/usage';

/** What a source spec names, before it is read. Same syntax as cdk8s-cli: `k8s`, `k8s@1.32`, a file, `name:=file`. */
export type SourceSpec =
  | { readonly type: 'k8s'; readonly spec: string; readonly name: string; readonly version: string }
  | { readonly type: 'file'; readonly spec: string; readonly name?: string; readonly file: string }
  | { readonly type: 'stdin'; readonly spec: string; readonly name?: string }
  | { readonly type: 'url'; readonly spec: string; readonly name?: string; readonly url: string }
  | { readonly type: 'cluster'; readonly spec: string; readonly name: string };

/** Kubernetes versions whose schema ships in the package (`schemas/kubernetes-vX.Y.Z.definitions.json`). */
export function bundledKubernetesVersions(): string[] {
  return fs
    .readdirSync(path.join(packageRoot(), 'schemas'))
    .map((f) => /^kubernetes-v(\d+\.\d+\.\d+)\.definitions\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => compareVersions(b, a));
}

export function bundledKubernetesSchema(version: string): string {
  return path.join(packageRoot(), 'schemas', `kubernetes-v${version}.definitions.json`);
}

export function parseSourceSpec(spec: string): SourceSpec {
  const split = spec.indexOf(':=');
  const name = split > 0 ? spec.slice(0, split) : undefined;
  const what = split > 0 ? spec.slice(split + 2) : spec;
  if (name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(`import name "${name}" must be letters, digits, ".", "_" or "-" (it names the output file)`);
  }
  if (what === '') throw new UsageError(`import source "${spec}" names no file`);
  const k8s = /^k8s(?:@(.+))?$/.exec(what);
  if (k8s) return { type: 'k8s', spec, name: name ?? 'k8s', version: resolveKubernetesVersion(k8s[1]) };
  if (what === 'cluster') return { type: 'cluster', spec, name: name ?? 'cluster' };
  if (what === '-') return { type: 'stdin', spec, name };
  if (/^https?:\/\//.test(what)) return { type: 'url', spec, name, url: what };
  return { type: 'file', spec, name, file: what };
}

/** `k8s` is the newest bundled version; `k8s@1.32` and `k8s@1.32.0` pick one; anything else lists what exists. */
function resolveKubernetesVersion(asked: string | undefined): string {
  const available = bundledKubernetesVersions();
  if (asked === undefined) return available[0];
  const wanted = asked.replace(/^v/, '');
  const found = available.find((v) => v === wanted || v.startsWith(`${wanted}.`));
  if (!found) throw new UsageError(`k8s@${asked} is not bundled (no network is used) — use one of: ${available.map((v) => `k8s@${v.replace(/\.0$/, '')}`).join(', ')}, or import the cluster's schema with "cluster" or an OpenAPI file`);
  return found;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Parsed documents of a source text: JSON fast-pathed (OpenAPI files are megabytes), YAML with all documents. */
export function parseDocuments(text: string, label: string): unknown[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return [JSON.parse(text)];
    } catch {
      // YAML flow mappings also start with "{"; fall through to the YAML parser.
    }
  }
  // Duplicate keys: the last wins, as with JSON.parse and the API server's YAML reader; not worth failing an import.
  const documents = YAML.parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const errors = list.flatMap((d) => d.errors);
  if (errors.length > 0) {
    const e = errors[0];
    const line = e.linePos?.[0];
    throw new ImportSourceError(`${label}${line ? `:${line.line}:${line.col}` : ''} is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  return list.map((d) => d.toJS({ maxAliasCount: -1 }));
}

/** A source that cannot be read at all (missing file, bad YAML, unreachable cluster): exit 1, nothing written. */
export class ImportSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSourceError';
  }
}
