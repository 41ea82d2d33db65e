import * as cdk8s from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppcTarget } from './appc/target';
import { defaultApplysetId, applysetId, labelApplySetMembers } from './diff/applyset';
import { formatWarnings, Problem, ProblemList, SynthError } from './problems';
import { makeStagingDir, removeDirectory, replaceDirectory } from './synth/output';
import { writeReport } from './synth/report';
import { openFileSink, StartedWriter, startWriter, THREAD_AFTER } from './synth/file-sink';
import { writeManifests } from './synth/manifest-files';
import { planManifests } from './synth/render';
import { allConstructs, collectProblems, inPass, withRulesSilenced } from './synth/rules';

export interface AppProps extends cdk8s.AppProps {
  /** Treat warnings (such as fields a target cannot express) as errors. @default - true when BERTH_STRICT=1 */
  readonly strict?: boolean;
  /**
   * The applyset every object joins: its `applyset.kubernetes.io/part-of` label, which `berth diff --prune` (and
   * `kubectl apply --prune --applyset=<name> -n default`) use to find what the app no longer declares. A name or
   * an `applyset-…-v1` id. @default - BERTH_APPLYSET, else the `name` in the project's package.json
   */
  readonly applyset?: string;
  /**
   * Render the appc target too: a pod manifest per pod under `appc/<chart>/`, and the images of `AppcImage`s.
   * Turn it off for a cluster-only project (no rkt): synth then writes only Kubernetes YAML. @default true
   */
  readonly appc?: boolean;
}

/** Context a target renders in: where to write, and where to report what it could not express. */
export interface TargetContext {
  /** Staging directory of this synth; the files become the output only when the whole synth succeeds. */
  readonly outdir: string;
  /**
   * Writes a file of the output (a path relative to `outdir`, parent directories made as needed). It may be
   * written in the background: it is on disk by the time the synth succeeds.
   */
  readonly writeFile: (file: string, data: string | Uint8Array) => void;
  /** Problems found while rendering (construct path + field), typically warnings. */
  readonly problems: (path: string) => ProblemList;
  /** A line to print after a successful synth. */
  readonly message: (line: string) => void;
}

/** A synth target beside Kubernetes YAML (appc). */
export interface SynthTarget {
  readonly name: string;
  render(app: App, context: TargetContext): void;
  /**
   * About how many files `render` will write for these constructs (the app's, listed once): with many files the
   * synth starts its writer thread before the rules run. @default - few
   */
  expectedFiles?(constructs: readonly IConstruct[]): number;
}

/**
 * berth's app: a cdk8s App whose synth validates the whole tree first (every problem, thrown once), renders every
 * target into a staging directory, and only then replaces the output directory — a failed synth leaves the
 * previous output as it was.
 */
export class App extends cdk8s.App {
  public readonly strict: boolean;
  /** The applyset id of this app (the value of its `applyset.kubernetes.io/part-of` label). */
  public readonly applysetId: string;
  private readonly targets: SynthTarget[] = [];

  constructor(props: AppProps = {}) {
    super(props);
    this.strict = props.strict ?? process.env.BERTH_STRICT === '1';
    this.applysetId = props.applyset ? applysetId(props.applyset) : defaultApplysetId();
    if (props.appc ?? true) this.addTarget(new AppcTarget()); // appc pod manifests and images, after the YAML
  }

  /** Adds a target rendered on every synth after the Kubernetes YAML. */
  public addTarget(target: SynthTarget): void {
    this.targets.push(target);
  }

  /** Every problem in the app, without synthesizing. */
  public problems(): Problem[] {
    return collectProblems(this);
  }

  public override synth(): void {
    // One pass: the tree is listed once for the rules and every target (nothing adds constructs while synthesizing).
    inPass(() => this.synthInPass());
  }

  private synthInPass(): void {
    // Past THREAD_AFTER files a thread writes them; started now, it is ready when the first file is (see startWriter).
    const writer = this.expectedFiles() > THREAD_AFTER ? startWriter() : undefined;
    try {
      this.synthWith(writer);
    } finally {
      writer?.discard();
    }
  }

  /** The YAML files (one per chart, unless the app is one file) and each target's. */
  private expectedFiles(): number {
    const all = allConstructs(this);
    let files = this.yamlOutputType === cdk8s.YamlOutputType.FILE_PER_APP ? 1 : 0;
    if (this.yamlOutputType === cdk8s.YamlOutputType.FILE_PER_CHART) for (const construct of all) if (cdk8s.Chart.isChart(construct)) files++;
    for (const target of this.targets) files += target.expectedFiles?.(all) ?? 0;
    return files;
  }

  private synthWith(writer: StartedWriter | undefined): void {
    const problems = this.problems();
    const messages: string[] = [];
    const finalDir = this.outdir;
    let staging: string | undefined;
    try {
      if (!hasErrors(problems, this.strict)) {
        staging = makeStagingDir(finalDir);
        this.renderTargets(staging, problems, messages, writer);
      }
      if (hasErrors(problems, this.strict)) throw new SynthError(this.strict ? promote(problems) : problems);
      replaceDirectory(staging!, finalDir);
      staging = undefined;
      if (!writeReport({ ok: true, problems, messages })) {
        for (const warning of formatWarnings(problems)) process.stderr.write(`warning: ${warning}\n`);
        for (const line of messages) process.stderr.write(`${line}\n`);
      }
    } catch (error) {
      const reported = error instanceof SynthError ? error.problems : [...problems, { path: '', field: '', message: String((error as Error).message ?? error), severity: 'error' as const }];
      writeReport({ ok: false, problems: reported, messages: [] });
      throw error;
    } finally {
      if (staging) removeDirectory(staging);
    }
  }

  private renderTargets(staging: string, problems: Problem[], messages: string[], writer: StartedWriter | undefined): void {
    // cdk8s writes to `this.outdir`; point it at the staging directory for the duration of its synth.
    const writable = this as { outdir: string };
    const previous = writable.outdir;
    const sink = openFileSink(staging, { writer });
    try {
      writable.outdir = staging;
      try {
        labelApplySetMembers(this, this.applysetId);
        const manifests = planManifests(this);
        if (manifests) writeManifests(sink, manifests);
        else withRulesSilenced(() => super.synth()); // layouts berth leaves to cdk8s; the rules already ran
      } finally {
        writable.outdir = previous;
      }
      const lists: ProblemList[] = [];
      const context: TargetContext = {
        outdir: staging,
        writeFile: (file, data) => sink.write(file, data),
        problems: (path) => {
          const list = new ProblemList(path);
          lists.push(list);
          return list;
        },
        message: (line) => messages.push(line),
      };
      for (const target of this.targets) target.render(this, context);
      for (const list of lists) problems.push(...list.all);
      sink.close();
    } catch (error) {
      sink.abort(); // nothing may still be writing into the staging directory when it is removed
      throw error;
    }
  }
}

function hasErrors(problems: readonly Problem[], strict: boolean): boolean {
  return problems.some((p) => p.severity === 'error' || strict);
}

function promote(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error', message: `${p.message} (a warning, an error under --strict)` } : p));
}
