import * as fs from 'fs';
import * as path from 'path';
import { createTwoFilesPatch } from 'diff';
import * as YAML from 'yaml';
import { listOutputFiles } from './run-app';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One Kubernetes object whose YAML differs between the committed output and a fresh synth. */
export interface ObjectChange {
  readonly change: ChangeKind;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
}

export interface FileChange {
  readonly file: string;
  readonly change: ChangeKind;
  /** For YAML manifests: which objects differ. */
  readonly objects: readonly ObjectChange[];
  /** Unified diff of the text (committed → fresh), empty for binary files. */
  readonly patch: string;
}

/** How a committed output directory differs from what the program synthesizes now. */
export interface OutputDrift {
  readonly upToDate: boolean;
  readonly files: readonly FileChange[];
}

/** Compares every file of a fresh synth with the committed output directory (which may not exist). */
export function compareOutput(fresh: string, committed: string): OutputDrift {
  const freshFiles = new Set(listOutputFiles(fresh));
  const committedFiles = new Set(fs.existsSync(committed) ? listOutputFiles(committed) : []);
  const files: FileChange[] = [];
  for (const file of [...new Set([...freshFiles, ...committedFiles])].sort()) {
    const before = committedFiles.has(file) ? fs.readFileSync(path.join(committed, file)) : undefined;
    const after = freshFiles.has(file) ? fs.readFileSync(path.join(fresh, file)) : undefined;
    if (before && after && before.equals(after)) continue;
    const change: ChangeKind = !before ? 'added' : !after ? 'removed' : 'changed';
    const text = isText(file);
    files.push({
      file,
      change,
      objects: file.endsWith('.yaml') ? objectChanges(before?.toString('utf8') ?? '', after?.toString('utf8') ?? '') : [],
      patch: text ? createTwoFilesPatch(`a/${file}`, `b/${file}`, before?.toString('utf8') ?? '', after?.toString('utf8') ?? '', undefined, undefined, { context: 2 }) : '',
    });
  }
  return { upToDate: files.length === 0, files };
}

function isText(file: string): boolean {
  return /\.(ya?ml|json|txt|id)$/.test(file);
}

interface Identified {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly text: string;
}

function objectChanges(before: string, after: string): ObjectChange[] {
  const old = index(before);
  const now = index(after);
  const changes: ObjectChange[] = [];
  for (const [key, object] of now) {
    const previous = old.get(key);
    if (!previous) changes.push(describe('added', object));
    else if (previous.text !== object.text) changes.push(describe('changed', object));
  }
  for (const [key, object] of old) if (!now.has(key)) changes.push(describe('removed', object));
  return changes;
}

function describe(change: ChangeKind, { apiVersion, kind, namespace, name }: Identified): ObjectChange {
  return { change, apiVersion, kind, namespace, name };
}

/** Objects of a multi-document YAML file by apiVersion/kind/namespace/name; unparsable text counts as one blob. */
function index(text: string): Map<string, Identified> {
  const map = new Map<string, Identified>();
  let documents: YAML.Document[];
  try {
    documents = YAML.parseAllDocuments(text) as YAML.Document[];
  } catch {
    documents = [];
  }
  documents.forEach((document, i) => {
    const value = document.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    const identified: Identified = {
      apiVersion: String(value?.apiVersion ?? ''),
      kind: String(value?.kind ?? `document ${i + 1}`),
      namespace: value?.metadata?.namespace ?? null,
      name: String(value?.metadata?.name ?? ''),
      text: JSON.stringify(value),
    };
    map.set(`${identified.apiVersion}/${identified.kind}/${identified.namespace ?? ''}/${identified.name}`, identified);
  });
  return map;
}
