import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { App, Deployment } from 'berth';
import { APPLYSET_LABEL, applysetId, defaultApplysetId } from '../../lib/diff/applyset';
import { readTree, tempDir } from '../helpers';

describe('applyset id', () => {
  test('kubectl\'s format: applyset-<base64url(sha256)>-v1, deterministic, ids kept as they are', () => {
    const id = applysetId('shop');
    expect(id).toMatch(/^applyset-[A-Za-z0-9_-]{43}-v1$/);
    expect(id.length).toBeLessThanOrEqual(63); // a valid label value
    expect(applysetId('shop')).toBe(id);
    expect(applysetId('shop2')).not.toBe(id);
    expect(applysetId(id)).toBe(id);
  });
  test('default: BERTH_APPLYSET, else the name in package.json, else berth-app', () => {
    const dir = tempDir();
    expect(defaultApplysetId(dir, { BERTH_APPLYSET: 'x' })).toBe(applysetId('x'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'my-shop' }));
    fs.mkdirSync(path.join(dir, 'src'));
    expect(defaultApplysetId(path.join(dir, 'src'), {})).toBe(applysetId('my-shop'));
  });
});

describe('App labels every object it synthesizes', () => {
  test('on the object only: not in the Deployment selector or its pod template', () => {
    const outdir = tempDir();
    const app = new App({ outdir, applyset: 'shop' });
    new Deployment(new Chart(app, 'shop'), 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    app.synth();
    const text = readTree(outdir)['shop.k8s.yaml'];
    expect(app.applysetId).toBe(applysetId('shop'));
    expect(text.split(APPLYSET_LABEL).length - 1).toBe(1);
    expect(text).toContain(`    ${APPLYSET_LABEL}: ${applysetId('shop')}\n`);
    expect(text).toMatch(/^metadata:\n {2}labels:\n(?: {4}\S.*\n)* {4}applyset\.kubernetes\.io\/part-of/m);
  });
});
