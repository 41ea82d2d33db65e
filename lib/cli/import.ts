import { parseArgs } from 'util';
import { describeProblem, Problem } from '../problems';
import { SCHEMA_FILE_SUFFIX } from '../import/check/sidecar';
import { ImportError, runImport } from '../import/run';
import { ImportSourceError } from '../import/sources';
import { readConfig } from './config';
import { Io, UsageError } from './usage';

export const IMPORT_HELP = `Usage: berth import [source...] [options]

Generates typed constructs (cdk8s ApiObjects with typed props) from API schemas, offline.
Without a source, imports every entry of "imports:" in cdk8s.yaml.

Sources (as in cdk8s-cli):
  k8s, k8s@1.32         the built-in Kubernetes API, from the schema bundled with berth (no network)
  FILE                  a CRD YAML file (one or more documents), an OpenAPI v2 (swagger/definitions) or
                        v3 document; CRDs give a file per API group, OpenAPI a folder per document
  -                     the same, read from stdin
  NAME:=SOURCE          names the output (imports/NAME.ts or imports/NAME/)
  cluster               the live cluster's OpenAPI (built-in kinds and its CRDs), through the kubeconfig
  https://...           a file fetched over the network

Beside the code, NAME.schema.json holds the schemas it was generated from: the generated classes check their
objects against it at synth (through berth/imports), and berth diff reads list types of custom resources from it.

Options:
  -o, --output DIR      output directory (default: imports)
  --prefix NAME         prefix of the generated class names (default: Kube for k8s and cluster, none otherwise)
  -l, --language LANG   only typescript
  --kubeconfig FILE     kubeconfig for "cluster" (default: $KUBECONFIG or ~/.kube/config)
  --context NAME        kubeconfig context for "cluster"
  -h, --help            show this help

Exit codes: 0 imported (schema warnings are printed), 1 a source could not be imported (nothing written),
2 usage error.
`;

export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      output: { type: 'string', short: 'o' },
      prefix: { type: 'string' },
      language: { type: 'string', short: 'l' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const config = positionals.length === 0 ? readConfig(io.cwd) : undefined;
  const language = values.language ?? config?.language ?? 'typescript';
  if (language !== 'typescript') throw new UsageError(`--language ${language} is not supported; berth generates typescript`);
  if (values.prefix !== undefined && !/^([A-Za-z_$][A-Za-z0-9_$]*)?$/.test(values.prefix)) throw new UsageError(`--prefix must start a TypeScript identifier, got "${values.prefix}"`);
  const sources = positionals.length > 0 ? positionals : [...(config?.imports ?? [])];
  if (sources.length === 0) throw new UsageError('give a source (k8s, a CRD file, an OpenAPI file, -, cluster) or list them under "imports:" in cdk8s.yaml');

  let shown = false;
  try {
    const report = await runImport({
      sources,
      cwd: io.cwd,
      output: values.output,
      prefix: values.prefix,
      kubeconfig: values.kubeconfig,
      context: values.context,
      fromConfig: positionals.length === 0,
      readStdin,
      progress: io.isTTY
        ? (source, done, total, unit) => {
            // Only large schemas (the Kubernetes API, a cluster): a CRD is done before a line could be read.
            if (total < 20 || (done % 5 !== 0 && done !== total)) return;
            shown = true;
            io.err(`\r\x1b[Kimporting ${source}: ${unit === 'kinds' ? 'declared' : 'generated'} ${done}/${total} ${unit}`);
          }
        : undefined,
    });
    if (shown) io.err('\r\x1b[K');
    printWarnings(report.warnings, io);
    for (const { source, kinds, files } of report.imported) {
      io.out(`imported ${source}: ${kinds} kind${kinds === 1 ? '' : 's'} → ${summarize(files)}\n`);
    }
    return 0;
  } catch (error) {
    if (shown) io.err('\r\x1b[K');
    if (error instanceof ImportError) {
      printWarnings(error.problems, io);
      io.err(`berth: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ImportSourceError) {
      io.err(`berth: import failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function printWarnings(problems: readonly Problem[], io: Io): void {
  for (const p of problems) io.err(`${p.severity}: [${p.path}] ${describeProblem(p)}\n`);
}

/**
 * `imports/k8s/ (38 files) + imports/k8s.schema.json` for a folder import, the files themselves otherwise; schema
 * files after the code (`+ 7 schema files` when there are several).
 */
function summarize(written: readonly string[]): string {
  const schemas = written.filter((f) => f.endsWith(SCHEMA_FILE_SUFFIX));
  const files = written.filter((f) => !f.endsWith(SCHEMA_FILE_SUFFIX));
  const index = files.find((f) => /[\\/]index\.ts$/.test(f));
  const code = index ? `${index.slice(0, -'index.ts'.length)} (${files.length} files)` : files.join(', ');
  return schemas.length === 0 ? code : `${code} + ${schemas.length === 1 ? schemas[0] : `${schemas.length} schema files`}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
