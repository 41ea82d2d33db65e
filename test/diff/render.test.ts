import { painter } from '../../lib/cli/style';
import { diffObjects, formatJson, formatText, KubeObject } from '../../lib/diff';

const cm = (data: Record<string, string>, name = 'web'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data });
const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };
const report = diffObjects([cm({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7' }), cm({ x: '1' }, 'same'), role], [cm({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '8' }), cm({ x: '1' }, 'same')]);

test('text: summary, table, and a unified diff with two lines of context around the change', () => {
  expect(formatText(report, { style: painter(false) })).toBe(`3 objects: 1 create, 1 no-change, 1 update

VERDICT    KIND         NAMESPACE  NAME
update     ConfigMap    shop       web
no-change  ConfigMap    shop       same
create     ClusterRole  -          reader

update ConfigMap shop/web
  changed: data.g
--- ConfigMap shop/web (live)
+++ ConfigMap shop/web (after apply)
@@ -7,5 +7,5 @@
   e: "5"
   f: "6"
-  g: "8"
+  g: "7"
 kind: ConfigMap
 metadata:

create ClusterRole reader
--- ClusterRole reader (live)
+++ ClusterRole reader (after apply)
@@ -0,0 +1,5 @@
+apiVersion: rbac.authorization.k8s.io/v1
+kind: ClusterRole
+metadata:
+  name: reader
+rules: []
`);
});

test('colour only on a terminal, and never with NO_COLOR', () => {
  expect(formatText(report, { style: painter(true, {}) })).toContain('\u001b[31m-  g: "8"\u001b[39m');
  expect(formatText(report, { style: painter(true, { NO_COLOR: '1' }) })).not.toContain('\u001b[');
});

test('JSON: namespace null for cluster-scoped objects, every verdict counted', () => {
  const parsed = JSON.parse(formatJson(report));
  expect(parsed.objects[2]).toEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespace: null, name: 'reader', verdict: 'create', paths: [], conflicts: [], reason: null });
  expect(parsed.summary).toEqual({ create: 1, 'no-change': 1, update: 1, conflict: 0, replace: 0, prune: 0 });
});
