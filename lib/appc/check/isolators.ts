/**
 * Isolators (docs/appc.md §2.3). Every isolator with a known name has its value checked, in any scope. Inside an
 * app the list is also checked as a set: one instance of the single-instance kinds, no retain-set beside a
 * remove-set. An unknown name is allowed by the spec (executors may ignore it) but actool 0.8.11 rejects it inside
 * an app, so it is a warning there.
 */
import { ALL_CAPABILITIES, ISOLATOR, ISOLATOR_SCOPE } from '../spec';
import { Reporter } from './issues';
import { checkWith, isObject, JsonObject, readBoolean, readInteger, readList, readObject, readString, readStringMap, reportUnknownKeys } from './shape';
import { acIdentifier, quantity, quantityValue, quantityWarning } from './values';

const SINGLE: readonly string[] = [ISOLATOR.seccompRemove, ISOLATOR.seccompRetain, ISOLATOR.selinux, ISOLATOR.oomScoreAdj, ISOLATOR.cpuShares, ISOLATOR.sysctl];

export function checkIsolators(r: Reporter, value: unknown, scope: 'app' | 'pod'): void {
  const list = readList(r, value);
  if (!list) return;
  const counts = new Map<string, number>();
  list.forEach((item, i) => {
    const at = r.at(i);
    const isolator = readObject(at, item, { required: true });
    if (!isolator) return;
    reportUnknownKeys(at, isolator, ['name', 'value']);
    const name = readString(at.at('name'), isolator.name, { required: true });
    if (name === undefined || !checkWith(at.at('name'), name, acIdentifier)) return;
    const known = ISOLATOR_SCOPE[name];
    if (!known) {
      if (scope === 'app') at.at('name').warnActool('is not an isolator of appc 0.8.11: executors may ignore it, and actool rejects it inside an app', name);
      return;
    }
    if (known !== 'both' && known !== scope) at.at('name').error(`is an ${known}-level isolator and cannot be set at ${scope} level`, name);
    if (isolator.value === undefined || isolator.value === null) {
      at.at('value').error('is required');
      return;
    }
    checkValue(at.at('value'), name, isolator.value);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (scope === 'app' && SINGLE.includes(name) && counts.get(name) === 2) at.error(`must appear at most once per app: "${name}" is already set`, name);
  });
  if (scope !== 'app') return;
  if (counts.has(ISOLATOR.capsRetain) && counts.has(ISOLATOR.capsRemove)) {
    r.error(`must not hold both "${ISOLATOR.capsRetain}" and "${ISOLATOR.capsRemove}": merge them into one retain-set`);
  }
  if (counts.has(ISOLATOR.seccompRetain) && counts.has(ISOLATOR.seccompRemove)) {
    r.error(`must not hold both "${ISOLATOR.seccompRetain}" and "${ISOLATOR.seccompRemove}"`);
  }
}

function checkValue(r: Reporter, name: string, value: unknown): void {
  switch (name) {
    case ISOLATOR.cpu:
    case ISOLATOR.memory:
      return checkResource(r, value, { defaultMust: false, requestAllowed: true });
    case ISOLATOR.blockBandwidth:
    case ISOLATOR.blockIops:
    case ISOLATOR.networkBandwidth:
      return checkResource(r, value, { defaultMust: true, requestAllowed: false });
    case ISOLATOR.capsRetain:
    case ISOLATOR.capsRemove:
      checkSet(r, value, (at, item) => {
        if (!ALL_CAPABILITIES.includes(item)) at.error(`must be a Linux capability name such as "CAP_NET_ADMIN"${ALL_CAPABILITIES.includes(`CAP_${item.toUpperCase()}`) ? ` (write "CAP_${item.toUpperCase()}")` : ''}`, item);
      }, ['set']);
      return;
    case ISOLATOR.noNewPrivileges:
      readBoolean(r, value, { required: true });
      return;
    case ISOLATOR.seccompRemove:
    case ISOLATOR.seccompRetain:
      return checkSeccomp(r, value);
    case ISOLATOR.selinux:
      return checkSelinux(r, value);
    case ISOLATOR.oomScoreAdj:
      readInteger(r, value, { required: true, min: -1000, max: 1000 });
      return;
    case ISOLATOR.cpuShares:
      readInteger(r, value, { required: true, min: 2, max: 262144 });
      return;
    case ISOLATOR.sysctl:
      readStringMap(r, value);
      return;
  }
}

function checkResource(r: Reporter, value: unknown, kind: { defaultMust: boolean; requestAllowed: boolean }): void {
  const object = readObject(r, value, { required: true });
  if (!object) return;
  reportUnknownKeys(r, object, ['request', 'limit', 'default']);
  const isDefault = readBoolean(r.at('default'), object.default);
  if (kind.defaultMust && isDefault !== true) r.at('default').error('must be true for this resource', object.default ?? undefined);
  if (!kind.defaultMust && isDefault === true) r.at('default').error('must be false or absent for this resource', true);
  const request = checkQuantity(r.at('request'), object.request);
  const limit = checkQuantity(r.at('limit'), object.limit);
  if (!kind.requestAllowed && object.request !== undefined && object.request !== null) r.at('request').error('is not supported by this resource; set only "limit"', object.request);
  if (!kind.requestAllowed && limit === undefined && !('limit' in object)) r.at('limit').error('is required');
  if (kind.requestAllowed && request === undefined && limit === undefined && !('request' in object) && !('limit' in object)) r.error('must set "request", "limit" or both');
  if (request !== undefined && limit !== undefined && request > limit) r.at('request').error('must not be more than the limit', object.request);
}

function checkQuantity(r: Reporter, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const message = quantity(value);
  if (message) {
    r.error(message, value);
    return undefined;
  }
  const warning = quantityWarning(value);
  if (warning) r.warnActool(warning, value);
  return quantityValue(value as string | number);
}

function checkSet(r: Reporter, value: unknown, checkItem: (r: Reporter, item: string) => void, known: readonly string[]): JsonObject | undefined {
  const object = readObject(r, value, { required: true });
  if (!object) return undefined;
  reportUnknownKeys(r, object, known);
  const set = readList(r.at('set'), object.set, { required: true });
  if (!set) return object;
  if (set.length === 0) r.at('set').error('must not be empty');
  const seen = new Set<string>();
  set.forEach((item, i) => {
    const name = readString(r.at('set').at(i), item, { required: true, nonEmpty: true });
    if (name === undefined) return;
    if (seen.has(name)) r.at('set').at(i).warn('is listed twice', name);
    seen.add(name);
    checkItem(r.at('set').at(i), name);
  });
  return object;
}

function checkSeccomp(r: Reporter, value: unknown): void {
  const object = checkSet(r, value, (at, item) => {
    if (item.startsWith('@') && !/^@[a-z0-9.-]+\/[a-z0-9.-]+$/.test(item)) at.error('must be a syscall name or a group such as "@appc.io/all"', item);
    else if (!item.startsWith('@') && !/^[a-z0-9_]+$/.test(item)) at.error('must be a syscall name (lowercase letters, digits, "_") or a group such as "@appc.io/all"', item);
  }, ['set', 'errno']);
  if (!isObject(object)) return;
  const errno = readString(r.at('errno'), object.errno);
  if (errno && !/^E[A-Z0-9]+$/.test(errno)) r.at('errno').error('must be an errno name such as "EPERM"', errno);
}

function checkSelinux(r: Reporter, value: unknown): void {
  const object = readObject(r, value, { required: true });
  if (!object) return;
  reportUnknownKeys(r, object, ['user', 'role', 'type', 'level']);
  for (const part of ['user', 'role', 'type', 'level'] as const) {
    const text = readString(r.at(part), object[part], { required: true, nonEmpty: true });
    if (text !== undefined && part !== 'level' && text.includes(':')) r.at(part).error('must not contain ":"', text);
  }
}
