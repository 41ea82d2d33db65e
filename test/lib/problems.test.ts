import { formatWarnings, Problem, ProblemList } from '../../lib/problems';

const warning = (path: string, field = 'containers[0].command'): Problem => ({ path, field, message: 'is needed in appc', severity: 'warning', fix: 'set command' });

describe('formatWarnings', () => {
  test('one line per distinct message, naming up to three constructs and counting the rest', () => {
    const many = Array.from({ length: 1000 }, (_, i) => warning(`shop/svc-${i}`));
    expect(formatWarnings([...many, warning('shop/web', 'containers[0].livenessProbe')])).toEqual([
      '[shop/svc-0, shop/svc-1, shop/svc-2 and 997 more] containers[0].command is needed in appc — set command',
      '[shop/web] containers[0].livenessProbe is needed in appc — set command',
    ]);
  });

  test('warnings that differ only in their message or fix stay apart; the same three are one line', () => {
    const base = warning('a');
    const lines = formatWarnings([base, { ...base, path: 'b' }, { ...base, path: 'c', fix: 'other fix' }, { ...base, path: 'd', message: 'other' }, { ...base, path: 'e', fix: undefined }]);
    expect(lines).toEqual([
      '[a, b] containers[0].command is needed in appc — set command',
      '[c] containers[0].command is needed in appc — other fix',
      '[d] containers[0].command other — set command',
      '[e] containers[0].command is needed in appc',
    ]);
  });

  test('the value is part of the message: different values stay apart', () => {
    const a = { ...warning('a'), value: 1 };
    const b = { ...warning('b'), value: 2 };
    expect(formatWarnings([a, b])).toHaveLength(2);
    expect(formatWarnings([])).toEqual([]);
  });
});

describe('ProblemList.deduped', () => {
  test('adds a field and message once, in any sublist, with the first value; other fields stay apart', () => {
    const list = new ProblemList('app/etcd');
    const deduped = list.deduped();
    for (const member of ['etcd-0', 'etcd-1']) {
      deduped.at('containers[0]').warn('livenessProbe', 'cannot be expressed in appc', { value: member });
      deduped.at('containers[1]').warn('livenessProbe', 'cannot be expressed in appc', { value: member });
    }
    deduped.warn('containers[0].livenessProbe', 'another message');
    expect(list.all.map((p) => [p.field, p.message, p.value])).toEqual([
      ['containers[0].livenessProbe', 'cannot be expressed in appc', 'etcd-0'],
      ['containers[1].livenessProbe', 'cannot be expressed in appc', 'etcd-0'],
      ['containers[0].livenessProbe', 'another message', undefined],
    ]);
    list.warn('containers[0].livenessProbe', 'cannot be expressed in appc');
    expect(list.all).toHaveLength(4); // the list itself does not dedupe
  });
});

describe('ProblemList.at', () => {
  test('joins nested fields and indexes into the field path of what is reported', () => {
    const list = new ProblemList('app/web');
    const container = list.at('containers', 1);
    container.at('ports', 0).error('name', 'must be unique');
    container.at('env', 2).error('', 'must have a value');
    container.at('resources').at('requests').error('cpu', 'must be a quantity');
    list.at('securityContext').warn('runAsUser', 'is root');
    list.at('metadata').at('labels').error('["app"]', 'must be a string');
    expect(list.all.map((p) => `${p.path} ${p.severity} ${p.field}`)).toEqual([
      'app/web error containers[1].ports[0].name',
      'app/web error containers[1].env[2]',
      'app/web error containers[1].resources.requests.cpu',
      'app/web warning securityContext.runAsUser',
      'app/web error metadata.labels["app"]',
    ]);
  });
});

describe('ProblemList field paths', () => {
  test('are joined right for any number of distinct paths (the joined paths are remembered, within a bound)', () => {
    const list = new ProblemList('app/x');
    for (let i = 0; i < 10_000; i++) list.at('volumes', i).at('hostPath').warn(i % 2 ? 'type' : '[0]', 'message');
    expect(list.all.map((p) => p.field).filter((f, i) => f !== (i % 2 ? `volumes[${i}].hostPath.type` : `volumes[${i}].hostPath[0]`))).toEqual([]);
  });
});
