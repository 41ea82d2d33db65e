/** The recorded kube-apiserver 1.32 responses (test/fixtures/kube-apiserver-1.32), read for the fake API server and tests. */
import * as fs from 'fs';
import * as path from 'path';
import type { KubeObject } from '../../lib/diff/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'kube-apiserver-1.32');

export interface RecordedAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** `http/NAME.status` + `http/NAME.json`, as curl saw them. */
export function recorded(name: string): RecordedAnswer {
  const status = Number(fs.readFileSync(path.join(FIXTURES, 'http', `${name}.status`), 'utf8').trim());
  return { status, body: readJson(path.join('http', `${name}.json`)) };
}

export function readJson(relative: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

/** Every recorded live object: namespaces `kapi-csa` (client-side applied) and `kapi-ssa` (server-side applied). */
export function recordedObjects(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const dir of ['csa', 'ssa']) {
    for (const file of fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.live.json')).sort()) {
      objects.push(readJson(path.join(dir, file)) as KubeObject);
    }
  }
  return objects;
}
