import { rememberedPairs } from './validation/verdict-cache';

/**
 * A problem found at synth time. Every check in berth reports through this shape so that the CLI, the testing
 * helpers and plain cdk8s validation all print the same sentence: where, what was given, what is allowed, the fix.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Construct path, for example `guestbook/redis-master`. */
  readonly path: string;
  /** Field path inside the construct's props or emitted object, for example `containers[0].image`. */
  readonly field: string;
  /** What is allowed, phrased to follow the field: "must be a non-negative integer". */
  readonly message: string;
  /** The value that was given; omitted when the problem is an absence. */
  readonly value?: unknown;
  /** How to fix it. */
  readonly fix?: string;
  readonly severity: Severity;
}

/** `[guestbook/redis] spec.replicas must be a non-negative integer, got -1 — use 0 or more` */
export function formatProblem(problem: Problem): string {
  return `[${problem.path}] ${describeProblem(problem)}`;
}

/**
 * Warnings as printed: one line per distinct message, naming the constructs it applies to — an app of a thousand
 * pods from one Docker image gets one line about the image, not a thousand.
 */
export function formatWarnings(problems: readonly Problem[], shownPaths = 3): string[] {
  const paths = new Map<string, string[]>();
  const describe = describerOfRepeats();
  for (const problem of problems) {
    const text = describe(problem);
    const list = paths.get(text);
    if (list) list.push(problem.path);
    else paths.set(text, [problem.path]);
  }
  return [...paths].map(([text, where]) => {
    const more = where.length > shownPaths ? ` and ${where.length - shownPaths} more` : '';
    return `[${where.slice(0, shownPaths).join(', ')}${more}] ${text}`;
  });
}

/**
 * describeProblem, once per field, message and fix for problems without a value: the warnings of many constructs
 * from one check share all three (30,000 appc warnings at 10,000 pods are three sentences).
 */
function describerOfRepeats(): (problem: Problem) => string {
  const byField = new Map<string, Map<string, Map<string, string>>>();
  return (problem) => {
    if ('value' in problem) return describeProblem(problem);
    let byMessage = byField.get(problem.field);
    if (!byMessage) byField.set(problem.field, (byMessage = new Map()));
    let byFix = byMessage.get(problem.message);
    if (!byFix) byMessage.set(problem.message, (byFix = new Map()));
    let text = byFix.get(problem.fix ?? '');
    if (text === undefined) byFix.set(problem.fix ?? '', (text = describeProblem(problem)));
    return text;
  };
}

/** The problem without its construct path (cdk8s adds the path itself to validation messages). */
export function describeProblem(problem: Problem): string {
  const got = 'value' in problem ? `, got ${showValue(problem.value)}` : '';
  const fix = problem.fix ? ` — ${problem.fix}` : '';
  const field = problem.field ? `${problem.field} ` : '';
  return `${field}${problem.message}${got}${fix}`;
}

function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Thrown once per synth with every error in the app. */
export class SynthError extends Error {
  public readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`Synth failed with ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n  ${errors.map(formatProblem).join('\n  ')}`);
    this.name = 'SynthError';
    this.problems = problems;
  }
}

/** Collects problems for one construct; rules call `error()`/`warn()` with field-relative paths. */
export class ProblemList {
  /** The full field path of this list, built on the first problem: most lists never get one. */
  private prefixText?: string;

  constructor(
    private readonly path: string,
    prefix = '',
    private readonly items: Problem[] = [],
    /** Set by `deduped()`: the field and message of every problem added through it, shared by its sublists. */
    private readonly seen?: Set<string>,
    /** For a list made by `at()`: the list it writes into and its field there, joined into a prefix when needed. */
    private readonly parent?: { readonly list: ProblemList; readonly field: string; readonly index?: number },
  ) {
    if (!parent) this.prefixText = prefix;
  }

  /**
   * A list that writes into this one with `field` prefixed (for nested props such as `containers[0]`, given as
   * `at('containers', 0)`). The field path is joined only if a problem is reported: checking a valid app builds
   * no strings.
   */
  public at(field: string, index?: number): ProblemList {
    return new ProblemList(this.path, undefined, this.items, this.seen, { list: this, field, index });
  }

  /**
   * A list that writes into this one but adds a problem (the same field and message) only once: a construct that
   * renders several pods (etcd members) reports what they share once, with the first one's value.
   */
  public deduped(): ProblemList {
    return new ProblemList(this.path, this.prefix, this.items, new Set());
  }

  public error(field: string, message: string, details: { value?: unknown; fix?: string } = {}): void {
    this.add('error', field, message, details);
  }

  public warn(field: string, message: string, details: { value?: unknown; fix?: string } = {}): void {
    this.add('warning', field, message, details);
  }

  public get all(): readonly Problem[] {
    return this.items;
  }

  private get prefix(): string {
    if (this.prefixText === undefined) {
      const { list, field, index } = this.parent!;
      this.prefixText = join(list.prefix, index === undefined ? field : `${field}[${index}]`);
    }
    return this.prefixText;
  }

  private add(severity: Severity, field: string, message: string, details: { value?: unknown; fix?: string }): void {
    const fullField = join(this.prefix, field);
    if (this.seen) {
      const key = `${fullField}\u0000${message}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    const { path } = this;
    const { fix } = details;
    // A literal per combination, keys in one order: a key added to a literal afterwards goes to a property array of
    // its own (~40 bytes more a problem: 30,000 appc warnings at 10,000 pods, kept to the end of the synth).
    let problem: Problem;
    if ('value' in details) {
      const { value } = details;
      problem = fix ? { path, field: fullField, message, severity, value, fix } : { path, field: fullField, message, severity, value };
    } else {
      problem = fix ? { path, field: fullField, message, severity, fix } : { path, field: fullField, message, severity };
    }
    this.items.push(problem);
  }
}

/**
 * Field paths, joined once per pair: the same checks run on every construct, so the same paths recur
 * (`containers[0].livenessProbe` in the appc warning of each of 10,000 pods), and each problem kept a copy of its
 * own.
 */
const joinedPath = rememberedPairs((prefix: string, field: string) => (field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`));

function join(prefix: string, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return joinedPath(prefix, field);
}
