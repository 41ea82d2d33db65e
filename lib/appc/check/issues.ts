/**
 * What the appc validator reports: one issue per problem, each with the JSON path of the offending value
 * (`app.isolators[1].value.limit`), never only the first.
 */
export interface AppcIssue {
  /** JSON path inside the document (`apps[0].image.id`), or `archive:<entry>` for archive entries; '' for the whole document. */
  readonly path: string;
  readonly message: string;
  /** The offending value, when there is one. */
  readonly value?: unknown;
  /** `error`: the spec forbids it. `warning`: allowed, but it will not do what one expects (or actool disagrees). */
  readonly severity: 'error' | 'warning';
  /** A warning about something the spec allows but actool 0.8.11 rejects: an error in what berth itself emits. */
  readonly actoolRejects?: true;
}

/**
 * Collects issues under a path prefix; `at('app')` returns a reporter that writes `app.…` into the same list. The
 * path is joined only when an issue is reported: a valid manifest asks for a reporter per field it reads (about a
 * hundred for a pod), and building each path string up front was most of the validator's time.
 */
export class Reporter {
  private joined: string | undefined;

  /** `parent` and `segment`: a reporter made by `at()`, whose path is the parent's and the segment's. */
  constructor(
    prefix = '',
    public readonly issues: AppcIssue[] = [],
    private readonly parent?: Reporter,
    private readonly segment: string | number = '',
  ) {
    this.joined = parent ? undefined : prefix;
  }

  public at(segment: string | number): Reporter {
    return new Reporter('', this.issues, this, segment);
  }

  public get path(): string {
    return (this.joined ??= joinPath(this.parent!.path, this.segment));
  }

  public error(message: string, value?: unknown): void {
    this.add('error', message, value, arguments.length > 1);
  }

  public warn(message: string, value?: unknown): void {
    this.add('warning', message, value, arguments.length > 1);
  }

  /** Allowed by the spec, rejected by actool 0.8.11 (and so by tools built on its code). */
  public warnActool(message: string, value: unknown): void {
    this.issues.push({ path: this.path, message, value, severity: 'warning', actoolRejects: true });
  }

  private add(severity: AppcIssue['severity'], message: string, value: unknown, hasValue: boolean): void {
    this.issues.push(hasValue ? { path: this.path, message, value, severity } : { path: this.path, message, severity });
  }
}

export function joinPath(prefix: string, segment: string | number): string {
  if (typeof segment === 'number') return `${prefix}[${segment}]`;
  return prefix ? `${prefix}.${segment}` : segment;
}

export function hasErrors(issues: readonly AppcIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
