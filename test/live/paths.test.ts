import { keyedPath } from '../../lib/live';

describe('keyedPath: structured-merge-diff field paths in keyed-list notation', () => {
  test.each([
    ['.spec.replicas', 'spec.replicas'],
    ['.spec.template.spec.containers[name="web"].image', 'spec.template.spec.containers[name=web].image'],
    ['.spec.ports[port=80,protocol="TCP"].targetPort', 'spec.ports[port=80,protocol=TCP].targetPort'],
    ['.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]', 'spec.template.spec.containers[name=web].ports[containerPort=80,protocol=TCP]'],
    ['.metadata.finalizers[="example.com/cleanup"]', 'metadata.finalizers[=example.com/cleanup]'],
    ['.metadata.labels.app.kubernetes.io/name', 'metadata.labels["app.kubernetes.io/name"]'],
    ['.metadata.annotations.a/b', 'metadata.annotations["a/b"]'],
    ['.data.config.yaml', 'data["config.yaml"]'],
    ['.spec.selector.matchLabels.app', 'spec.selector.matchLabels.app'],
    ['.spec.containers[name="has space"].env[name="A"].value', 'spec.containers[name="has space"].env[name=A].value'],
    ['.spec.tolerations[0]', 'spec.tolerations[0]'],
  ])('%s → %s', (field, expected) => {
    expect(keyedPath(field)).toBe(expected);
  });
});
