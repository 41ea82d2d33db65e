import * as berth from '../../index';

describe('the diff engine through the main entry (loaded on first call)', () => {
  test('parse, diff and format as the engine does', () => {
    const desired = berth.parseObjects('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\ndata: {k: v}\n', 'desired.yaml');
    const report = berth.diffObjects(desired, []);
    expect(report.objects.map((o) => o.verdict)).toEqual(['create']);
    expect(JSON.parse(berth.formatDiffJson(report)).summary).toMatchObject({ create: 1 });
    const plain = (text: string): string => text;
    expect(berth.formatDiffText(report, { style: { red: plain, green: plain, yellow: plain, bold: plain, dim: plain } })).toContain('ConfigMap');
    expect(() => berth.parseObjects('- a list', 'bad.yaml')).toThrow(berth.DiffInputError);
  });
});
