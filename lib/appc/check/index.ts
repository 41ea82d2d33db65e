/**
 * The appc manifest validator: every problem of an ImageManifest or PodManifest, each with its JSON path. It
 * follows the spec prose where actool 0.8.11 is looser (AC Identifier regex, duplicate ports and mount points,
 * missing protocols, dangling mounts) and reports as warnings what the spec allows but actool or executors treat
 * differently. It never throws: any input gives a list of issues.
 */
import { checkImageManifest } from './image-manifest';
import { AppcIssue, Reporter } from './issues';
import { duplicateKeys, syntaxErrorOffset } from './json-position';
import { checkPodManifest } from './pod-manifest';
import { describeType, isObject } from './shape';

export type { AppcIssue } from './issues';
export { hasErrors } from './issues';

export type ManifestKind = 'ImageManifest' | 'PodManifest';

export interface ManifestReport {
  /** The kind the document was checked as: the one asked for, else its `acKind`; undefined when neither is known. */
  readonly kind?: ManifestKind;
  readonly issues: AppcIssue[];
}

/** Checks parsed JSON; `expected` forces the kind (a document of another `acKind` is then an error). */
export function validateManifest(document: unknown, expected?: ManifestKind): ManifestReport {
  const r = new Reporter();
  if (!isObject(document)) {
    r.error(`must be a JSON object (a manifest), got ${describeType(document)}`);
    return { kind: expected, issues: r.issues };
  }
  const declared = document.acKind;
  const kind = expected ?? (declared === 'ImageManifest' || declared === 'PodManifest' ? declared : undefined);
  if (!kind) {
    if (declared === undefined || declared === null) r.at('acKind').error('is required: "ImageManifest" or "PodManifest"');
    else r.at('acKind').error('must be "ImageManifest" or "PodManifest"', declared);
    return { issues: r.issues };
  }
  if (kind === 'ImageManifest') checkImageManifest(r, document);
  else checkPodManifest(r, document);
  return { kind, issues: r.issues };
}

/** Parses and checks manifest text; a JSON syntax error is one issue with its line and column. */
export function validateManifestText(text: string, expected?: ManifestKind): ManifestReport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { kind: expected, issues: [{ path: '', message: `is not valid JSON: ${syntaxMessage(text, error)}`, severity: 'error' }] };
  }
  const report = validateManifest(document, expected);
  const duplicates = duplicateKeys(text).map((path): AppcIssue => ({ path, message: 'appears twice in one object: JSON readers disagree on which one counts (Go keeps the last but checks both)', severity: 'error' }));
  return { ...report, issues: [...duplicates, ...report.issues] };
}

/** "unexpected "," at line 3, column 12": the scanner's position, since Node's own messages vary by version. */
function syntaxMessage(text: string, error: unknown): string {
  const offset = syntaxErrorOffset(text);
  if (offset < 0) return (error as Error).message ?? String(error);
  const before = text.slice(0, offset).split('\n');
  const what = offset >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[offset])}`;
  return `${what} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
