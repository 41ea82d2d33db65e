import * as fs from 'fs';
import * as path from 'path';
import { App as Cdk8sApp } from 'cdk8s';
import { App } from 'berth';
import { findObjects, synth } from 'berth/testing';
import { Guestbook } from '../../examples/guestbook/guestbook';
import * as YAML from 'yaml';
import { APPLYSET_LABEL, labelApplySetMembers } from '../../lib/diff/applyset';
import { readTree, tempDir } from '../helpers';

describe('guestbook example', () => {
  test('three ReplicationControllers and three Services, with the replica counts of 2015', () => {
    const app = new App();
    const objects = synth(new Guestbook(app, 'guestbook'));
    const rcs = findObjects(objects, 'ReplicationController');
    expect(rcs.map((o) => [o.metadata.name, o.spec.replicas])).toEqual([['redis-master', 1], ['redis-slave', 2], ['frontend', 3]]);
    expect(findObjects(objects, 'Service').map((o) => [o.metadata.name, o.spec.type])).toEqual([['redis-master', undefined], ['redis-slave', undefined], ['frontend', 'LoadBalancer']]);
  });

  test('berth App output is byte-identical to cdk8s App synth of the same objects', () => {
    const berthOut = tempDir();
    const cdk8sOut = tempDir();
    const berthApp = new App({ outdir: berthOut });
    new Guestbook(berthApp, 'guestbook');
    berthApp.synth();
    const plain = new Cdk8sApp({ outdir: cdk8sOut });
    new Guestbook(plain, 'guestbook');
    // The applyset label is part of the objects berth synthesizes; cdk8s renders the same labelled objects.
    labelApplySetMembers(plain, berthApp.applysetId);
    plain.synth();
    // The Kubernetes YAML is cdk8s's, byte for byte; berth's appc target adds its own files under appc/.
    const berthYaml = Object.fromEntries(Object.entries(readTree(berthOut)).filter(([file]) => !file.startsWith('appc/')));
    expect(Object.keys(berthYaml)).toEqual(['guestbook.k8s.yaml']);
    expect(berthYaml).toEqual(readTree(cdk8sOut));
  });

  test('every object carries the applyset label, never inside a selector or a pod template', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    new Guestbook(app, 'guestbook');
    app.synth();
    const objects = YAML.parseAllDocuments(readTree(outdir)['guestbook.k8s.yaml']).map((d) => d.toJS());
    expect(app.applysetId).toMatch(/^applyset-[A-Za-z0-9_-]{43}-v1$/);
    expect(objects.map((o) => o.metadata.labels[APPLYSET_LABEL])).toEqual(objects.map(() => app.applysetId));
    for (const o of objects) {
      expect(JSON.stringify(o.spec.selector ?? {})).not.toContain('applyset');
      expect(JSON.stringify(o.spec.template ?? {})).not.toContain('applyset');
    }
  });

  test('synthesizing twice gives the same bytes, with no absolute paths or timestamps', () => {
    const outs = [tempDir(), tempDir()];
    for (const outdir of outs) {
      const app = new App({ outdir });
      new Guestbook(app, 'guestbook');
      app.synth();
    }
    const [first, second] = outs.map(readTree);
    expect(first).toEqual(second);
    const text = first['guestbook.k8s.yaml'];
    expect(text).not.toMatch(/\/tmp\/|\/work\/|\/home\//);
    expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
    expect(fs.existsSync(path.join(outs[0], '..', path.basename(outs[0]) + '-previous'))).toBe(false);
  });
});
