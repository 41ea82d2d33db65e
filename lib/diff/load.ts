import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import * as YAML from 'yaml';
import { isRecord } from './fieldset';
import { DiffInputError, KubeObject } from './types';

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * The Kubernetes objects in files and directories (recursively, `.yaml`, `.yml`, `.json`): multi-document YAML,
 * `kind: List` (and `*List`) with items, as `kubectl get -o yaml` prints them. Anything unreadable is an error —
 * never a silently shorter set of objects.
 */
export function loadObjects(inputs: readonly string[], cwd: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const input of inputs) {
    const resolved = path.resolve(cwd, input);
    if (!fs.existsSync(resolved)) throw new DiffInputError(`${input}: no such file or directory`);
    for (const file of manifestFiles(resolved)) objects.push(...parseObjects(fs.readFileSync(file, 'utf8'), path.relative(cwd, file) || file));
  }
  return objects;
}

function manifestFiles(target: string): string[] {
  if (!fs.statSync(target).isDirectory()) return [target];
  const files: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...manifestFiles(full));
    else if (MANIFEST.test(entry.name)) files.push(full);
  }
  return files;
}

/** The objects of one YAML or JSON text; `source` names it in errors. */
export function parseObjects(text: string, source: string): KubeObject[] {
  // JSON (`kubectl get -o json`) is YAML too, but JSON.parse reads it some fifty times faster than a YAML parser.
  if (/^\s*[{[]/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value !== undefined) return flatten(value, source);
  }
  if (!ANCHOR.test(text)) {
    const fast = parseWithoutAliases(text, source);
    if (fast) return fast;
  }
  const documents = YAML.parseAllDocuments(text, { prettyErrors: true });
  const objects: KubeObject[] = [];
  documents.forEach((document, index) => {
    const where = documents.length > 1 ? `${source} (document ${index + 1})` : source;
    if ('errors' in document && document.errors.length) {
      throw new DiffInputError(`${where}: not valid YAML: ${document.errors[0].message.split('\n')[0]}`);
    }
    const value = document.toJS({ maxAliasCount: 1000 }) as unknown;
    if (value === null || value === undefined) return;
    objects.push(...flatten(value, where));
  });
  return objects;
}

/**
 * An anchor (`&name`) starting a node. kubectl never writes anchors or aliases; a file with them goes to the `yaml`
 * library, which bounds how far aliases expand (a few lines of aliases can stand for billions of nodes).
 */
const ANCHOR = /(^|[\s[{,:-])&[^\s]/m;

/**
 * The documents of an alias-free text through js-yaml, which reads large files several times faster than the `yaml`
 * library (18 MB of `kubectl get -o yaml`: about 11 s and 1 GB there). Its core schema reads scalars as YAML 1.2
 * does, as the `yaml` library's default; undefined when js-yaml cannot read it, so that the `yaml` library reports
 * the error in its words.
 */
function parseWithoutAliases(text: string, source: string): KubeObject[] | undefined {
  let documents: unknown[];
  try {
    documents = jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA, filename: source });
  } catch {
    return undefined;
  }
  const objects: KubeObject[] = [];
  documents.forEach((value, index) => {
    if (value === null || value === undefined) return;
    objects.push(...flatten(value, documents.length > 1 ? `${source} (document ${index + 1})` : source));
  });
  return objects;
}

function flatten(value: unknown, where: string): KubeObject[] {
  if (!isRecord(value)) throw new DiffInputError(`${where}: expected a Kubernetes object (a mapping with apiVersion, kind and metadata.name), got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`);
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item, i) => flatten(withListKind(item, value.kind as string), `${where} item ${i + 1}`));
  }
  const problems: string[] = [];
  if (typeof value.apiVersion !== 'string' || !value.apiVersion) problems.push('apiVersion');
  if (typeof value.kind !== 'string' || !value.kind) problems.push('kind');
  const metadata = value.metadata;
  if (!isRecord(metadata) || typeof metadata.name !== 'string' || !metadata.name) problems.push('metadata.name');
  if (problems.length) {
    const what = typeof value.kind === 'string' ? `${value.kind}${isRecord(metadata) && typeof metadata.name === 'string' ? ` ${metadata.name}` : ''}` : 'an object';
    throw new DiffInputError(`${where}: ${what} has no ${problems.join(', ')} — every object needs apiVersion, kind and metadata.name`);
  }
  return [value as unknown as KubeObject];
}

/** Items of a typed list (`PodList`) may omit their own kind; the list's kind says it. */
function withListKind(item: unknown, listKind: string): unknown {
  if (!isRecord(item) || item.kind || listKind === 'List') return item;
  return { ...item, kind: listKind.slice(0, -'List'.length) };
}
