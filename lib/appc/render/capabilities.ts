/**
 * Kubernetes capabilities to appc (docs/appc.md §6.2). rkt's kubelet mapped `add` to a retain-set holding only the
 * added capabilities (silently dropping the 14 defaults) and emitted retain and remove sets together, which rkt's
 * stage1 rejects. berth computes the bounding set as rktlet did: `default14 ∪ add − drop` as one retain-set when
 * anything is added, otherwise a remove-set of what is dropped; never both.
 */
import type { Capabilities } from '../../../constructs/pod-model';
import { ALL_CAPABILITIES, DEFAULT_CAPABILITIES, ISOLATOR } from '../spec';
import { Isolator } from '../types';

export interface CapabilityResult {
  readonly isolator?: Isolator;
  /** Names that are not Linux capabilities, as given. */
  readonly unknown: readonly string[];
}

/** `net_admin` / `NET_ADMIN` / `CAP_NET_ADMIN` → `CAP_NET_ADMIN`. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

export function capabilityIsolator(capabilities: Capabilities | undefined, privileged: boolean): CapabilityResult {
  if (privileged) return { isolator: { name: ISOLATOR.capsRetain, value: { set: [...ALL_CAPABILITIES] } }, unknown: [] };
  const unknown: string[] = [];
  const expand = (names: readonly string[] | undefined): string[] => {
    const out: string[] = [];
    for (const name of names ?? []) {
      if (name.trim().toUpperCase() === 'ALL') out.push(...ALL_CAPABILITIES);
      else if (ALL_CAPABILITIES.includes(normalizeCapability(name))) out.push(normalizeCapability(name));
      else unknown.push(name);
    }
    return out;
  };
  const add = expand(capabilities?.add);
  const drop = new Set(expand(capabilities?.drop));
  const dropsAll = (capabilities?.drop ?? []).some((n) => n.trim().toUpperCase() === 'ALL');
  if (add.length) {
    // Kubernetes applies drop before add, so an added capability survives `drop: [ALL]`.
    const keep = dropsAll ? new Set(add) : new Set([...DEFAULT_CAPABILITIES, ...add].filter((c) => !drop.has(c) || add.includes(c)));
    const set = ALL_CAPABILITIES.filter((c) => keep.has(c));
    return { isolator: { name: ISOLATOR.capsRetain, value: { set } }, unknown };
  }
  const removed = DEFAULT_CAPABILITIES.filter((c) => drop.has(c));
  return { isolator: removed.length ? { name: ISOLATOR.capsRemove, value: { set: removed } } : undefined, unknown };
}
