import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { APPLYSET_LABEL, defaultApplysetId } from '../diff/applyset';
import { ConnectOptions, diffAgainstCluster, LiveCluster } from '../diff/cluster';
import { connectCluster } from '../live';
import { diffObjects } from '../diff/engine';
import { addImportedKinds } from '../diff/imported';
import { TypeResolver } from '../diff/schema';
import { loadObjects, parseObjects } from '../diff/load';
import { formatJson, formatText } from '../diff/render';
import { DiffInputError, DiffReport, KubeObject } from '../diff/types';
import { formatProblem } from '../problems';
import { listOutputFiles, runApp } from '../synth/run-app';
import { readConfig } from './config';
import { painter } from './style';
import { Io, UsageError } from './usage';

export const DIFF_HELP = `Usage: berth diff [options]

Shows what applying the app would change in the cluster, per object: create, no-change, update (with the
changed paths), conflict (another field manager owns a field we would set), replace (an immutable field
changed) or prune (with --prune). Never writes to the cluster. Lists of custom resources merge by the keys of
their CRD among the objects, or of the project's imports (imports/*.schema.json).

Options:
      --desired FILE|DIR   desired objects (repeatable; default: the app of cdk8s.yaml, synthesized in memory)
      --live FILE|DIR      live objects as \`kubectl get -o yaml\` prints them, with managedFields (repeatable;
                           default: read the cluster of the kubeconfig)
      --kubeconfig FILE    kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)
      --context NAME       kubeconfig context
  -n, --namespace NS       namespace of objects that name none (default: the context's, else "default")
      --server-side        ask the API server for a dry-run server-side apply of each object
      --field-manager NAME our field manager (default: berth)
      --applyset ID        the applyset id (the value of the applyset.kubernetes.io/part-of label) the
                           app's objects carry and --prune looks for (default: the label of the app)
      --prune              report live members of the applyset that the app no longer declares
      --force-conflicts    take over fields other managers own (conflicts become updates)
      --show-secrets       print Secret values instead of masking them
      --json               print one JSON object: {"objects":[...],"summary":{...}}
  -a, --app CMD            command that runs the app (default: "app" of cdk8s.yaml)
      --verbose            show the app's output and stack traces
  -h, --help               show this help

Exit codes: 0 no changes, 1 changes, 2 error (bad input, unreachable cluster, rejected object).
`;

const OPTIONS = {
  desired: { type: 'string', multiple: true },
  live: { type: 'string', multiple: true },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'server-side': { type: 'boolean' },
  'field-manager': { type: 'string' },
  applyset: { type: 'string' },
  prune: { type: 'boolean' },
  'force-conflicts': { type: 'boolean' },
  'show-secrets': { type: 'boolean' },
  json: { type: 'boolean' },
  app: { type: 'string', short: 'a' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  if (values['server-side'] && values.live) throw new UsageError('--server-side asks the cluster; it cannot be combined with --live files');
  if (values['field-manager'] !== undefined && !values['field-manager']) throw new UsageError('--field-manager must not be empty');
  try {
    const desired = values.desired ? loadObjects(values.desired, io.cwd) : synthesizeApp(values.app, io, Boolean(values.verbose));
    const applyset = resolveApplyset(values.applyset, desired, io.cwd);
    if (values.applyset) for (const object of desired) setApplysetLabel(object, applyset);
    const common = {
      fieldManager: values['field-manager'] ?? 'berth',
      forceConflicts: Boolean(values['force-conflicts']),
      prune: Boolean(values.prune),
      applysetId: applyset,
    };
    // The list types of the project's imported CRD kinds (imports/*.schema.json), with or without the CRD among the objects.
    const resolver = TypeResolver.bundled();
    addImportedKinds(resolver, io.cwd);
    let report: DiffReport;
    if (values.live) {
      report = diffObjects(desired, loadObjects(values.live, io.cwd), { ...common, namespace: values.namespace ?? 'default' }, resolver);
    } else {
      const cluster = await connect({ kubeconfig: values.kubeconfig, context: values.context, namespace: values.namespace });
      report = await diffAgainstCluster(desired, cluster, { ...common, namespace: values.namespace ?? cluster.namespace ?? 'default', serverSide: Boolean(values['server-side']) }, resolver);
    }
    io.out(values.json ? formatJson(report) : formatText(report, { style: painter(io.isTTY), showSecrets: Boolean(values['show-secrets']) }));
    return report.objects.some((o) => o.verdict !== 'no-change') ? 1 : 0;
  } catch (error) {
    // Exit 2 like kubectl diff: an error must never read as "no changes" (0) or "changes" (1).
    if (error instanceof UsageError) throw error;
    const message = error instanceof DiffInputError || (error as Error)?.name === 'ClusterError' ? (error as Error).message : values.verbose ? String((error as Error)?.stack ?? error) : String((error as Error)?.message ?? error);
    io.err(`berth diff: ${message}\n`);
    return 2;
  }
}

/** The app of cdk8s.yaml, synthesized into a scratch directory and read back; the real output is never touched. */
function synthesizeApp(appOption: string | undefined, io: Io, verbose: boolean): KubeObject[] {
  const config = readConfig(io.cwd);
  const command = appOption ?? config?.app;
  if (!command) throw new UsageError(config ? 'cdk8s.yaml has no "app" command' : 'no cdk8s.yaml here and no --desired or --app given');
  const run = runApp({ command, cwd: io.cwd });
  try {
    if (verbose) io.err(run.stdout + run.stderr);
    if (!run.ok) {
      const errors = (run.problems ?? []).filter((p) => p.severity === 'error');
      const detail = errors.length ? errors.map((p) => `  ${formatProblem(p)}`).join('\n') : run.stderr.trimEnd();
      throw new DiffInputError(`the app failed to synthesize (exit ${run.exitCode}):\n${detail}`);
    }
    return listOutputFiles(run.outdir)
      .filter((file) => /\.ya?ml$/.test(file))
      .flatMap((file) => parseObjects(fs.readFileSync(path.join(run.outdir, file), 'utf8'), file));
  } finally {
    run.dispose();
  }
}

/** `--applyset` wins; else the label the desired objects carry (berth synthesizes it); else the project's default. */
function resolveApplyset(option: string | undefined, desired: readonly KubeObject[], cwd: string): string {
  if (option) {
    // The id itself, as the label carries it (an App derives it from a name; see `applysetId`).
    if (!/^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/.test(option)) throw new UsageError(`--applyset must be a label value (the applyset id), got "${option}"`);
    return option;
  }
  const labels = new Set(desired.map((o) => o.metadata.labels?.[APPLYSET_LABEL]).filter((v): v is string => Boolean(v)));
  if (labels.size === 1) return [...labels][0];
  if (labels.size > 1) throw new DiffInputError(`the desired objects belong to ${labels.size} applysets (${[...labels].join(', ')}); choose one with --applyset`);
  return defaultApplysetId(cwd);
}

function setApplysetLabel(object: KubeObject, id: string): void {
  const metadata = object.metadata as { labels?: Record<string, string> };
  metadata.labels = { ...(metadata.labels ?? {}), [APPLYSET_LABEL]: id };
}

/** lib/live (issue 6b) reads the cluster: kubeconfig, discovery, LISTs and dry runs. */
async function connect(options: ConnectOptions): Promise<LiveCluster> {
  return connectCluster(options);
}
