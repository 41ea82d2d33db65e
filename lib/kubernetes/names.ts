import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Construct ids that name a construct's primary child and add nothing to a name (aws-cdk's convention). */
const HIDDEN_IDS = new Set(['Resource', 'Default']);

/** What the cleaning below leaves unchanged (most ids): one test instead of four passes over the string. */
const ALREADY_CLEAN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type NameRule = 'subdomain' | 'dns1035';

/**
 * A deterministic object name from the construct path below the chart: `redis-master` for `guestbook/redis-master`.
 * Unlike cdk8s's generated names it never contains `_` or `.`, and carries a short hash of the full path only when
 * the readable part had to be changed (invalid characters, too long), so that two different paths cannot collide
 * silently. Collisions of readable names are reported by the duplicate-name rule instead.
 */
export function defaultObjectName(construct: IConstruct, rule: NameRule = 'subdomain'): string {
  return nameFromPath(construct.node.scopes, construct.node.path, rule);
}

/**
 * The name `defaultObjectName` gives a construct that is about to be created as `id` under `scope`: a construct that
 * is its own ApiObject needs its name before its constructor runs.
 */
export function defaultObjectNameFor(scope: IConstruct, rawId: string, rule: NameRule = 'subdomain'): string {
  // Most objects: an id that is a valid name already, straight under a chart
  if (Chart.isChart(scope) && !HIDDEN_IDS.has(rawId) && ALREADY_CLEAN.test(rawId) && fitsRule(rawId, rule)) return rawId;
  const id = rawId.replace(/[/\n]/g, '--'); // as constructs sanitizes an id
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  return nameFromPath([...scope.node.scopes, { node: { id } }], path, rule);
}

function nameFromPath(scopes: ReadonlyArray<{ readonly node: { readonly id: string } }>, path: string, rule: NameRule): string {
  const chart = findChart(scopes);
  const start = chart ? scopes.indexOf(chart) + 1 : 1;
  const ids = scopes.slice(start).map((s) => s.node.id).filter((id) => id && !HIDDEN_IDS.has(id));
  const raw = ids.join('-') || (chart?.node.id ?? 'object');
  const clean = ALREADY_CLEAN.test(raw) ? raw : raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (clean === raw && fitsRule(clean, rule)) return clean;
  const maxLength = rule === 'dns1035' ? 63 : 253;
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 8);
  const prefix = rule === 'dns1035' && !/^[a-z]/.test(clean) ? 'x-' : '';
  const body = `${prefix}${clean}`.slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
  return body ? `${body}-${hash}` : `x-${hash}`;
}

/** Whether a clean name (one ALREADY_CLEAN accepts) is also short enough and starts right for the rule. */
function fitsRule(name: string, rule: NameRule): boolean {
  return rule === 'dns1035' ? name.length <= 63 && /^[a-z]/.test(name) : name.length <= 253;
}

function findChart<T>(scopes: readonly T[]): T | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) if (Chart.isChart(scopes[i])) return scopes[i];
  return undefined;
}
