import { dns1035Label, dns1123Label, dns1123Subdomain, envVarName, labelValue, portName, qualifiedName } from '../../../lib/validation/names';

describe('names', () => {
  test.each([
    [dns1123Label, 'redis-master', true],
    [dns1123Label, 'Redis', false],
    [dns1123Label, 'a'.repeat(64), false],
    [dns1123Label, 'a.b', false],
    [dns1123Subdomain, 'a.b-c', true],
    [dns1123Subdomain, 'a_b', false],
    [dns1035Label, 'web', true],
    [dns1035Label, '1web', false],
    [qualifiedName, 'app', true],
    [qualifiedName, 'app.kubernetes.io/name', true],
    [qualifiedName, 'Bad_Prefix/x', false],
    [qualifiedName, '/x', false],
    [qualifiedName, 'a/b/c', false],
    [labelValue, '', true],
    [labelValue, 'v1.2_x', true],
    [labelValue, '-x', false],
    [portName, 'http', true],
    [portName, '8080', false],
    [portName, 'a--b', false],
    [portName, 'abcdefghijklmnop', false],
    [envVarName, 'GET_HOSTS_FROM', true],
    [envVarName, 'my.var-1', true],
    [envVarName, '9LIVES', false],
    [envVarName, 'A=B', false],
  ])('%p(%p) valid: %p', (rule, value, valid) => {
    expect(rule(value) === undefined).toBe(valid);
  });
});
