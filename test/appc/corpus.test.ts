import { validateManifestText } from '../../lib/appc/check';
import { actool, tempFile } from './helpers';
import corpus from '../fixtures/appc/manifests.json';

interface Case {
  readonly name: string;
  readonly document?: unknown;
  readonly text?: string;
  readonly errors: string[];
  readonly warnings: string[];
  readonly actool: string;
  readonly note?: string;
}

const cases = corpus as Case[];
const textOf = (c: Case): string => c.text ?? JSON.stringify(c.document);

describe('appc validator corpus (test/fixtures/appc/manifests.json)', () => {
  test('is broad: valid and invalid images and pods, and cases where actool differs from the spec', () => {
    expect(cases.length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.errors.length === 0).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.note).length).toBeGreaterThan(20);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s: every problem at its JSON path', (_name, c) => {
    const issues = validateManifestText(textOf(c)).issues;
    const paths = (severity: string): string[] => [...new Set(issues.filter((i) => i.severity === severity).map((i) => i.path))].sort();
    expect(paths('error')).toEqual(c.errors);
    expect(paths('warning')).toEqual(c.warnings);
    for (const issue of issues) expect(issue.message).toMatch(/\S/);
  });

  test('agrees with the real actool wherever the spec and actool agree', () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      const result = actool('validate', tempFile('manifest.json', textOf(c)));
      const actoolValid = result.code === 0;
      const berthValid = c.errors.length === 0;
      if (!c.note && actoolValid !== berthValid) disagreements.push(`${c.name}: actool exit ${result.code} ${result.stderr.trim()}`);
      // Where berth is stricter (a note), actool must never be the stricter one on a case berth accepts.
      if (c.note && berthValid && !actoolValid && !/actool rejects|K;/.test(c.note)) disagreements.push(`${c.name}: actool rejects what berth accepts: ${result.stderr.trim()}`);
    }
    expect(disagreements).toEqual([]);
  });

  test('the shape of an issue: path, message, the value given, severity', () => {
    const text = JSON.stringify({ acKind: 'ImageManifest', acVersion: '0.8.11', name: 'a', app: { user: '0', group: '0', isolators: [{ name: 'resource/cpu', value: { limit: '1' } }, { name: 'resource/memory', value: { limit: 'huge' } }] } });
    expect(validateManifestText(text).issues).toEqual([
      { path: 'app.isolators[1].value.limit', message: 'must be a quantity such as "500m", "0.5", "128Mi" or "1G"', value: 'huge', severity: 'error' },
    ]);
  });

  test('a JSON syntax error gives its line and column', () => {
    const [issue] = validateManifestText('{\n  "acKind": "PodManifest",\n  "apps": [,]\n}').issues;
    expect(issue.path).toBe('');
    expect(issue.message).toMatch(/line 3, column \d+/);
  });

  test('a kind that is asked for wins over the acKind of the document', () => {
    const report = validateManifestText(JSON.stringify({ acKind: 'PodManifest', acVersion: '0.8.11', apps: [] }), 'ImageManifest');
    expect(report.kind).toBe('ImageManifest');
    expect(report.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['acKind', 'name']));
  });
});
