import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../problems';
import { clusterOpenApi } from './cluster';
import { GeneratedFile } from './emit/typescript';
import { generate, openApiDocument, SourceInput } from './generate';
import { bundledKubernetesSchema, ImportSourceError, parseDocuments, parseSourceSpec, SourceSpec } from './sources';

export interface ImportOptions {
  /** Source specs as the user wrote them (`k8s`, `crds/foo.yaml`, `mine:=crd.yaml`, `-`, `cluster`). */
  readonly sources: readonly string[];
  readonly cwd: string;
  /** Output directory, relative to cwd. @default 'imports' */
  readonly output?: string;
  /** Class name prefix. @default 'Kube' for k8s and cluster, none otherwise */
  readonly prefix?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  /** True when the sources came from cdk8s.yaml (the banner then says `berth import`). */
  readonly fromConfig?: boolean;
  readonly readStdin?: () => Promise<string>;
  /** Progress of large imports, for a terminal. */
  readonly progress?: (source: string, done: number, total: number, unit: 'kinds' | 'files') => void;
}

export interface ImportedSource {
  readonly source: string;
  readonly kinds: number;
  /** Written files, relative to cwd, in order. */
  readonly files: readonly string[];
}

export interface ImportReport {
  readonly imported: readonly ImportedSource[];
  /** Warnings (schema problems worked around); errors throw ImportError instead. */
  readonly warnings: readonly Problem[];
}

/** Some source could not be imported: every problem of every source, nothing written. */
export class ImportError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(`import failed: ${problems.filter((p) => p.severity === 'error').length} problem(s), nothing was written`);
    this.name = 'ImportError';
  }
}

/**
 * Reads every source, generates all code, and writes only when every source succeeded. CRD files without a name
 * are generated together, so the CRDs of one API group (prometheus-operator ships ten files) share one file.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const outdir = path.resolve(options.cwd, options.output ?? 'imports');
  const loaded: { spec: SourceSpec; input: SourceInput; name?: string; openApiName?: string }[] = [];
  for (const text of options.sources) {
    const spec = parseSourceSpec(text);
    const { documents, label, name, openApiName } = await load(spec, options);
    loaded.push({ spec, input: { source: label, documents }, name, openApiName });
  }
  const pooled = loaded.filter((l) => l.name === undefined && !openApiDocument(l.input.documents));
  const batches = [
    ...(pooled.length > 0 ? [pooled] : []),
    ...loaded.filter((l) => !pooled.includes(l)).map((l) => [l]),
  ].sort((a, b) => options.sources.indexOf(a[0].spec.spec) - options.sources.indexOf(b[0].spec.spec));

  const problems: Problem[] = [];
  const results: { specs: string[]; files: readonly GeneratedFile[]; kinds: number }[] = [];
  for (const batch of batches) {
    const first = batch[0];
    const specs = batch.map((l) => l.spec.spec);
    const prefix = options.prefix ?? (first.spec.type === 'k8s' || first.spec.type === 'cluster' ? 'Kube' : '');
    const command = options.fromConfig ? 'berth import' : `berth import ${specs.map(shellWord).join(' ')}${options.prefix !== undefined ? ` --prefix ${shellWord(options.prefix)}` : ''}`;
    const progress = options.progress && ((done: number, total: number, unit: 'kinds' | 'files') => options.progress!(first.input.source, done, total, unit));
    const result = generate(
      batch.map((l) => l.input),
      { name: first.name, openApiName: first.openApiName, prefix, command, progress },
    );
    problems.push(...result.problems.all);
    results.push({ specs, files: result.files, kinds: result.kinds });
  }
  const owners = new Map<string, string>();
  for (const { specs, files } of results) {
    for (const file of files) {
      const other = owners.get(file.path.toLowerCase());
      if (other !== undefined) {
        problems.push({ path: specs.join(', '), field: '', message: `writes ${file.path}, which "${other}" writes too`, fix: 'give one of them another name: NAME:=SOURCE', severity: 'error' });
      }
      owners.set(file.path.toLowerCase(), specs.join(', '));
    }
  }
  if (problems.some((p) => p.severity === 'error')) throw new ImportError(problems);
  const imported = results.map(({ specs, files, kinds }) => ({ source: specs.join(', '), kinds, files: write(outdir, files).map((f) => path.relative(options.cwd, f)) }));
  return { imported, warnings: problems };
}

async function load(spec: SourceSpec, options: ImportOptions): Promise<{ documents: unknown[]; label: string; name?: string; openApiName?: string }> {
  switch (spec.type) {
    case 'k8s':
      return { documents: [JSON.parse(fs.readFileSync(bundledKubernetesSchema(spec.version), 'utf8'))], label: `k8s@${spec.version}`, name: spec.name };
    case 'cluster': {
      const { document, server } = await clusterOpenApi(options);
      return { documents: [document], label: `the cluster at ${server}`, name: spec.name };
    }
    case 'stdin': {
      if (!options.readStdin) throw new ImportSourceError('stdin (-) is not available here');
      return { documents: parseDocuments(await options.readStdin(), 'stdin'), label: 'stdin', name: spec.name };
    }
    case 'url': {
      const response = await fetch(spec.url).catch((error: Error) => {
        throw new ImportSourceError(`${spec.url}: ${error.message}`);
      });
      if (!response.ok) throw new ImportSourceError(`${spec.url}: HTTP ${response.status}`);
      return { documents: parseDocuments(await response.text(), spec.url), label: spec.url, name: spec.name, openApiName: defaultName(new URL(spec.url).pathname) };
    }
    case 'file': {
      const file = path.resolve(options.cwd, spec.file);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new ImportSourceError(`${spec.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      }
      // The label is what the banner and problems show: relative, so output does not depend on the machine.
      const label = path.relative(options.cwd, file).split(path.sep).join('/') || spec.file;
      return { documents: parseDocuments(text, label), label, name: spec.name, openApiName: defaultName(file) };
    }
  }
}

/** `specs/swagger.json` → `swagger`: the output name of an OpenAPI file (CRD files name theirs by API group). */
function defaultName(file: string): string {
  return path.basename(file).replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'openapi';
}

/**
 * Writes one source's files. A folder import replaces its folder whole (a kind removed upstream leaves no stale
 * file); every file goes through a temporary name and a rename, so a reader never sees half a file.
 */
function write(outdir: string, files: readonly GeneratedFile[]): string[] {
  const folders = new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.split('/')[0]));
  for (const folder of folders) {
    const target = path.join(outdir, folder);
    const staging = path.join(outdir, `.${folder}.staging`);
    fs.rmSync(staging, { recursive: true, force: true });
    for (const file of files.filter((f) => f.path.startsWith(`${folder}/`))) {
      fs.mkdirSync(path.dirname(path.join(staging, file.path.slice(folder.length + 1))), { recursive: true });
      fs.writeFileSync(path.join(staging, file.path.slice(folder.length + 1)), file.text);
    }
    const old = path.join(outdir, `.${folder}.old`);
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(staging, target);
    fs.rmSync(old, { recursive: true, force: true });
  }
  for (const file of files.filter((f) => !f.path.includes('/'))) {
    const target = path.join(outdir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(temp, file.text);
    fs.renameSync(temp, target);
  }
  return files.map((f) => path.join(outdir, f.path));
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
