import { argv, expand, resolveEnv } from './kubelet';

/** The kubelet emulation the real-etcd tests rely on, held to the kubelet's documented expansion rules. */
describe('kubelet $(VAR) expansion', () => {
  const env = new Map([['POD_NAME', 'store-0'], ['NS', 'infra']]);

  test.each([
    ['--name=$(POD_NAME)', '--name=store-0'],
    ['http://$(POD_NAME).peer.$(NS).svc:2380', 'http://store-0.peer.infra.svc:2380'],
    ['$(UNKNOWN) stays', '$(UNKNOWN) stays'],
    ['$$(POD_NAME) is escaped', '$(POD_NAME) is escaped'],
    ['a lone $ and $x stay', 'a lone $ and $x stay'],
    ['unclosed $(POD_NAME', 'unclosed $(POD_NAME'],
  ])('%s', (input, output) => {
    expect(expand(input, env)).toBe(output);
  });

  test('env values see the variables defined before them, and the downward API', () => {
    const container = { name: 'c', image: 'x', command: ['run', '$(URL)'], env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'URL', value: 'http://$(POD):1/$(LATER)' }, { name: 'LATER', value: 'x' }] };
    const resolved = resolveEnv(container, { name: 'store-1', namespace: 'default' });
    expect(resolved.get('URL')).toBe('http://store-1:1/$(LATER)');
    expect(argv(container, resolved)).toEqual(['run', 'http://store-1:1/$(LATER)']);
  });
});
