import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { allConstructs } from '../synth/rules';

/** The ApplySet membership label (KEP-3659): what `berth diff --prune` and `kubectl apply --prune --applyset` read. */
export const APPLYSET_LABEL = 'applyset.kubernetes.io/part-of';

/** Overrides the applyset of an app (set by `berth diff --applyset` for the app it synthesizes). */
export const APPLYSET_ENV = 'BERTH_APPLYSET';

const ID = /^applyset-[A-Za-z0-9_-]{43}-v1$/;

/**
 * The applyset id of a name, computed as kubectl computes it for `kubectl apply --applyset=<name> -n default`
 * (a Secret parent): `applyset-<base64url(sha256("<name>.default.Secret."))>-v1`. The same app therefore has the same
 * id wherever it is synthesized, and kubectl can prune it too. A value that already is an id is kept.
 */
export function applysetId(nameOrId: string): string {
  if (ID.test(nameOrId)) return nameOrId;
  const digest = createHash('sha256').update([nameOrId, 'default', 'Secret', ''].join('.')).digest('base64url');
  return `applyset-${digest}-v1`;
}

/**
 * The applyset of the app in `dir`: `BERTH_APPLYSET` if set, else the `name` of the nearest package.json (the
 * project's own name, the same on every machine and in CI), else `berth-app`.
 */
export function defaultApplysetId(dir: string = process.cwd(), env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env[APPLYSET_ENV]) return applysetId(env[APPLYSET_ENV]!);
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = path.join(current, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const name = (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name;
        if (typeof name === 'string' && name) return applysetId(name);
      } catch {
        // An unreadable package.json names nothing; fall through to the default.
      }
      break;
    }
    if (path.dirname(current) === current) break;
  }
  return applysetId('berth-app');
}

/**
 * Labels every Kubernetes object under `scope` as a member of the applyset: on the object's own metadata only, so the
 * label never enters a selector or a pod template (where changing it would be immutable or restart pods).
 */
export function labelApplySetMembers(scope: IConstruct, id: string): void {
  for (const construct of allConstructs(scope)) {
    if (ApiObject.isApiObject(construct)) construct.metadata.addLabel(APPLYSET_LABEL, id);
  }
}
