import * as fs from 'fs';
import * as path from 'path';
import { berth, tempDir } from '../helpers';

/** The built CLI on the recorded fixtures: the JSON interface, exit codes, masking and bad input. */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const CASE = (name: string) => path.join(FIXTURES, 'kubectl-diff', 'manifests', name);
const CSA = path.join(FIXTURES, 'csa');

describe('berth diff (offline, --desired/--live)', () => {
  test('--json: the documented shape, exit 1 on changes', () => {
    const result = berth(['diff', '--desired', CASE('d09-multi-object.yaml'), '--live', CSA, '-n', 'kapi-csa', '--json'], FIXTURES);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      objects: [
        { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kapi-csa', name: 'web-deploy', verdict: 'update', paths: ['spec.template.spec.containers[name=web].image'], conflicts: [], reason: null },
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kapi-csa', name: 'web-config', verdict: 'update', paths: ['data.LOG_LEVEL'], conflicts: [], reason: null },
      ],
      summary: { create: 0, 'no-change': 0, update: 2, conflict: 0, replace: 0, prune: 0 },
    });
  });

  test('exit 0 when nothing changes (x01: the whole directory)', () => {
    const result = berth(['diff', '--desired', path.join(FIXTURES, 'manifests'), '--live', CSA, '-n', 'kapi-csa'], FIXTURES);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^8 objects: 8 no-change\n/);
  });

  test('text: a summary table, then a unified diff of the changed fields only, without colour when not a TTY', () => {
    const result = berth(['diff', '--desired', CASE('d01-deployment-image.yaml'), '--live', CSA, '-n', 'kapi-csa'], FIXTURES);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('VERDICT  KIND        NAMESPACE  NAME\nupdate   Deployment  kapi-csa   web-deploy\n');
    expect(result.stdout).toContain('-          image: nginx:1.25\n+          image: nginx:1.27\n');
    expect(result.stdout).not.toMatch(/generation|resourceVersion|last-applied|managedFields|\u001b\[/);
  });

  test('Secrets: no value (plain or base64) in text or JSON — not even from last-applied (d18) — unless --show-secrets', () => {
    for (const name of ['d05-secret-change-data.yaml', 'd06-secret-change-stringdata.yaml', 'd18-secret-add-label-only.yaml']) {
      for (const json of [[], ['--json']]) {
        const result = berth(['diff', '--desired', CASE(name), '--live', CSA, '-n', 'kapi-csa', ...json], FIXTURES);
        expect(result.code).toBe(1);
        // The recorded values and their base64 (czNjcjN0 = s3cr3t, bjN3LXMzY3IzdA== = n3w-s3cr3t, YWRtaW4= = admin, cm9vdA== = root); "admin" is also plaintext in last-applied.
        expect(result.stdout).not.toMatch(/s3cr3t|czNjcjN0|bjN3LXMzY3IzdA|YWRtaW4|admin|root|cm9vdA/);
      }
    }
    const masked = berth(['diff', '--desired', CASE('d05-secret-change-data.yaml'), '--live', CSA, '-n', 'kapi-csa'], FIXTURES);
    expect(masked.stdout).toContain('-  password: "*** (before)"\n+  password: "*** (after)"\n');
    const shown = berth(['diff', '--desired', CASE('d05-secret-change-data.yaml'), '--live', CSA, '-n', 'kapi-csa', '--show-secrets'], FIXTURES);
    expect(shown.stdout).toContain('-  password: czNjcjN0');
  });

  test('--prune with --applyset reports live members the app no longer declares', () => {
    const dir = tempDir();
    const id = 'applyset-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ-v1';
    const member = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels:\n    applyset.kubernetes.io/part-of: ${id}\ndata:\n  a: "1"\n`;
    fs.writeFileSync(path.join(dir, 'desired.yaml'), member('kept'));
    fs.writeFileSync(path.join(dir, 'live.yaml'), `apiVersion: v1\nkind: List\nitems:\n${[member('kept'), member('gone')].map((m) => `- ${m.trimEnd().split('\n').join('\n  ')}`).join('\n')}\n`);
    const result = berth(['diff', '--desired', 'desired.yaml', '--live', 'live.yaml', '--prune', '--applyset', id, '--json'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).objects.map((o: { name: string; verdict: string }) => `${o.name}:${o.verdict}`)).toEqual(['kept:no-change', 'gone:prune']);
  });

  test.each([
    ['unparseable YAML', 'kind: [unclosed\n', /not valid YAML/],
    ['an object without a name', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', /has no metadata.name/],
    ['an object without a kind', 'apiVersion: v1\nmetadata:\n  name: x\n', /has no kind/],
  ])('bad input (%s) is an error with exit 2, never "no change"', (_, text, message) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'bad.yaml'), text);
    for (const [desired, live] of [['bad.yaml', CSA], [CASE('d07-no-change-deployment.yaml'), 'bad.yaml']]) {
      const result = berth(['diff', '--desired', desired, '--live', live, '-n', 'kapi-csa', '--json'], dir);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  test('a missing file is exit 2; an unknown flag is a usage error (exit 2)', () => {
    expect(berth(['diff', '--desired', 'nope.yaml', '--live', CSA], FIXTURES)).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope.yaml: no such file/) });
    expect(berth(['diff', '--bogus'], FIXTURES).code).toBe(2);
  });

  test('--help', () => {
    const result = berth(['diff', '--help'], FIXTURES);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--force-conflicts/);
  });
});

describe('berth diff of the app of cdk8s.yaml (synthesized in memory)', () => {
  const REPO = path.join(__dirname, '..', '..');
  test('the guestbook against its own objects read back: no change; a scaled frontend: update; none live: create', () => {
    const synthesized = berth(['synth', '--stdout', '-q'], REPO);
    expect(synthesized.code).toBe(0);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'live.yaml'), synthesized.stdout);
    const same = berth(['diff', '--live', path.join(dir, 'live.yaml'), '--json'], REPO);
    expect(same.stderr).toBe('');
    expect(same.code).toBe(0);
    const report = JSON.parse(same.stdout);
    expect(report.summary['no-change']).toBe(6);
    expect(report.objects[0]).toMatchObject({ kind: 'ReplicationController', namespace: 'default', name: 'redis-master', verdict: 'no-change' });

    fs.writeFileSync(path.join(dir, 'scaled.yaml'), synthesized.stdout.replace('replicas: 3', 'replicas: 5'));
    const scaled = berth(['diff', '--live', path.join(dir, 'scaled.yaml'), '--json'], REPO);
    expect(scaled.code).toBe(1);
    expect(JSON.parse(scaled.stdout).objects.filter((o: { verdict: string }) => o.verdict !== 'no-change')).toEqual([
      { apiVersion: 'v1', kind: 'ReplicationController', namespace: 'default', name: 'frontend', verdict: 'update', paths: ['spec.replicas'], conflicts: [], reason: null },
    ]);

    fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
    const empty = berth(['diff', '--live', path.join(dir, 'empty.yaml'), '--json'], REPO);
    expect(JSON.parse(empty.stdout).summary.create).toBe(6);
  });
});
