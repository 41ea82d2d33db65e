import { imageReference, parseImageReference } from '../../../lib/validation/image';

describe('image references', () => {
  test.each([
    'redis',
    'redis:2.8',
    'gcr.io/google_samples/gb-redisslave:v1',
    'localhost:5000/team/app:1.0-rc.1',
    'quay.io/coreos/etcd:v3.4.23',
    `nginx@sha256:${'a'.repeat(64)}`,
    `nginx:1.27@sha256:${'a'.repeat(64)}`,
  ])('accepts %p', (ref) => {
    expect(imageReference(ref)).toBeUndefined();
  });

  test.each([
    ['', 'must not be empty'],
    [' redis', 'must not have leading or trailing spaces'],
    ['Redis:2.8', 'must have a lowercase repository name'],
    ['redis:', 'must be an image reference: [registry/]name[:tag][@digest]'],
    ['redis::2', 'must be an image reference: [registry/]name[:tag][@digest]'],
    ['redis@sha256:abc', 'must be an image reference: [registry/]name[:tag][@digest]'],
    ['-redis', 'must be an image reference: [registry/]name[:tag][@digest]'],
  ])('rejects %p', (ref, message) => {
    expect(imageReference(ref)).toBe(message);
  });

  test('parses repository, tag and digest', () => {
    expect(parseImageReference('quay.io/coreos/etcd:v3.4.23')).toEqual({ repository: 'quay.io/coreos/etcd', tag: 'v3.4.23' });
    expect(parseImageReference('redis')).toEqual({ repository: 'redis' });
  });
});
