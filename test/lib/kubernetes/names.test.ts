import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { App } from 'berth';
import { defaultObjectName, defaultObjectNameFor } from '../../../lib/kubernetes/names';

describe('defaultObjectName', () => {
  const app = new App({ appc: false });
  const chart = new Chart(app, 'guestbook');
  const group = new Construct(chart, 'frontend');

  test.each([
    ['a readable id', chart, 'redis-master', 'redis-master'],
    ['a nested id joined with dashes', group, 'web', 'frontend-web'],
    ['a hidden id', group, 'Resource', 'frontend'],
    ['an id with a slash, escaped as constructs does', chart, 'a/b', /^a-b-[0-9a-f]{8}$/],
    ['an id that is not a DNS name', chart, 'Web_Server', /^web-server-[0-9a-f]{8}$/],
  ] as const)('%s: the name before creation is the name after', (_, scope, id, expected) => {
    const before = defaultObjectNameFor(scope, id);
    const before1035 = defaultObjectNameFor(scope, id, 'dns1035');
    const construct = new Construct(scope, id);
    expect(before).toEqual(defaultObjectName(construct));
    expect(before1035).toEqual(defaultObjectName(construct, 'dns1035'));
    if (typeof expected === 'string') expect(before).toBe(expected);
    else expect(before).toMatch(expected);
  });

  test('a construct outside any chart is named from the path below the app', () => {
    expect(defaultObjectNameFor(app, 'loose')).toBe('loose');
  });
});
