import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Construct ids that name a construct's primary child and add nothing to a name (aws-cdk's convention). */
const HIDDEN_IDS = new Set(['Resource', 'Default']);

export type NameRule = 'subdomain' | 'dns1035';

/**
 * A deterministic object name from the construct path below the chart: `redis-master` for `guestbook/redis-master`.
 * Unlike cdk8s's generated names it never contains `_` or `.`, and carries a short hash of the full path only when
 * the readable part had to be changed (invalid characters, too long), so that two different paths cannot collide
 * silently. Collisions of readable names are reported by the duplicate-name rule instead.
 */
export function defaultObjectName(construct: IConstruct, rule: NameRule = 'subdomain'): string {
  const chart = findChart(construct);
  const scopes = construct.node.scopes;
  const start = chart ? scopes.indexOf(chart) + 1 : 1;
  const ids = scopes.slice(start).map((s) => s.node.id).filter((id) => id && !HIDDEN_IDS.has(id));
  const raw = ids.join('-') || (chart?.node.id ?? 'object');
  const clean = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  const maxLength = rule === 'dns1035' ? 63 : 253;
  const startsRight = rule === 'dns1035' ? /^[a-z]/.test(clean) : clean.length > 0;
  if (clean === raw && clean.length <= maxLength && startsRight) return clean;
  const hash = createHash('sha256').update(construct.node.path).digest('hex').slice(0, 8);
  const prefix = rule === 'dns1035' && !/^[a-z]/.test(clean) ? 'x-' : '';
  const body = `${prefix}${clean}`.slice(0, maxLength - hash.length - 1).replace(/-+$/, '');
  return body ? `${body}-${hash}` : `x-${hash}`;
}

function findChart(construct: IConstruct): Chart | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    if (Chart.isChart(scope)) return scope;
  }
  return undefined;
}
