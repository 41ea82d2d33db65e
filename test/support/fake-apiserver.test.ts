/**
 * The fake API server answers as the recorded kube-apiserver did: for every request the recording has, the same
 * status and body; for the rest, the recorded shape (see the top of fake-apiserver.ts).
 */
import * as http from 'http';
import { ADMIN_TOKEN, FakeApiServer, recorded, startFakeApiServer } from './fake-apiserver';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

function call(server: FakeApiServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, { method, headers, timeout: 10_000 }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

describe('fake API server: the recorded answers', () => {
  let server: FakeApiServer;
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  beforeAll(async () => {
    server = await startFakeApiServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test.each([
    ['GET a Secret', '/api/v1/namespaces/kapi-csa/secrets/web-secret', admin, '16-get-secret'],
    ['GET a missing object', '/api/v1/namespaces/kapi-csa/configmaps/does-not-exist', admin, '13-get-not-found'],
    ['a wrong token', '/api/v1/namespaces/kapi-csa/pods', { Authorization: 'Bearer wrong-token' }, '15-wrong-token'],
    ['anonymous LIST', '/api/v1/namespaces/kapi-csa/pods', {}, '15b-anonymous-forbidden'],
    ['anonymous /version', '/version', {}, '15c-anonymous-version'],
    ['/api', '/api', admin, '17-discovery-api'],
    ['/apis', '/apis', admin, '18-discovery-apis'],
    ['aggregated /apis', '/apis', { ...admin, Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' }, '19-discovery-aggregated-v2'],
  ])('%s: as recorded', async (_name, path, headers, name) => {
    expect(await call(server, 'GET', path, headers)).toEqual(recorded(name));
  });

  test('LIST across namespaces: the recorded items and envelope', async () => {
    const answer = await call(server, 'GET', '/api/v1/pods', admin);
    const expected = recorded('03-list-pods-all-namespaces') as { status: number; body: { kind: string; apiVersion: string; items: unknown[] } };
    expect(answer.status).toBe(expected.status);
    expect(answer.body).toMatchObject({ kind: expected.body.kind, apiVersion: expected.body.apiVersion, items: expected.body.items });
  });

  test.each([
    ['equality', '/api/v1/namespaces/kapi-csa/pods?labelSelector=app%3Dweb', '01-list-pods-labelSelector'],
    ['set-based, with limit', '/api/v1/namespaces/kapi-csa/pods?labelSelector=app%3Dweb%2Ctier%20in%20(frontend)&limit=10', '02-list-pods-labelSelector-set'],
  ])('LIST with a %s label selector: the recorded items', async (_name, path, name) => {
    const answer = await call(server, 'GET', path, admin);
    const expected = recorded(name) as { status: number; body: { kind: string; apiVersion: string; items: unknown[] } };
    expect(answer).toEqual({ status: expected.status, body: { ...expected.body, metadata: expect.any(Object) } });
    expect((await call(server, 'GET', '/api/v1/namespaces/kapi-csa/pods?labelSelector=app%3Dother', admin)).body).toMatchObject({ items: [] });
  });

  test('apply without fieldManager: as recorded', async () => {
    const answer = await call(server, 'PATCH', '/api/v1/namespaces/kapi-ssa/configmaps/web-config?dryRun=All', { ...admin, 'Content-Type': 'application/apply-patch+yaml' }, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n');
    expect(answer).toEqual(recorded('08-apply-patch-missing-fieldManager'));
  });

  test('a dry-run create of a ConfigMap: the shape of the recorded one (http/07), with its own uid', async () => {
    const answer = await call(server, 'PATCH', '/api/v1/namespaces/kapi-ssa/configmaps/created-by-apply?fieldManager=sdk-acceptance&dryRun=All', { ...admin, 'Content-Type': 'application/apply-patch+yaml' }, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'created-by-apply' }, data: { k: 'v' } }));
    const expected = recorded('07-apply-patch-dryrun-create') as { status: number; body: { metadata: Record<string, unknown> } };
    expect(answer).toEqual({ status: expected.status, body: { ...expected.body, metadata: { ...expected.body.metadata, uid: expect.any(String), creationTimestamp: expect.any(String) } } });
  });

  test('core discovery lists every core resource of api-resources with its scope', async () => {
    const answer = await call(server, 'GET', '/api', { ...admin, Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' });
    const resources = (answer.body as { items: Array<{ versions: Array<{ resources: Array<{ resource: string; scope: string; responseKind: { kind: string } }> }> }> }).items[0].versions[0].resources;
    expect(resources).toHaveLength(17);
    expect(resources.find((r) => r.resource === 'pods')).toMatchObject({ scope: 'Namespaced', responseKind: { kind: 'Pod' } });
    expect(resources.find((r) => r.resource === 'namespaces')).toMatchObject({ scope: 'Cluster', responseKind: { kind: 'Namespace' } });
  });

  test('refuses and lists every write that is not a dry run', async () => {
    const answer = await call(server, 'PATCH', '/api/v1/namespaces/kapi-ssa/configmaps/web-config?fieldManager=x', { ...admin, 'Content-Type': 'application/apply-patch+yaml' }, '{}');
    expect(answer.status).toBe(500);
    expect(server.realWrites.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v1/namespaces/kapi-ssa/configmaps/web-config']);
    server.realWrites.length = 0;
  });
});
