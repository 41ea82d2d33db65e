import { FieldSet, isRecord, itemKey, keyOf, setItemKey } from './fieldset';
import { Path, Segment } from './paths';
import { ListNode, TypeNode } from './schema';
import { isAbsent, sameValue, withServerAdditions } from './values';

/** One changed field: added, removed, or set to another value. */
export interface Change {
  readonly path: Path;
  readonly op: 'add' | 'remove' | 'modify';
}

export interface OwnedConflict {
  readonly path: Path;
  readonly manager: string;
}

/** Who owns what in the live object: our field managers' fields, and every other manager's. */
export interface Owners {
  readonly ours: FieldSet | undefined;
  readonly others: ReadonlyArray<{ readonly manager: string; readonly set: FieldSet }>;
}

/** The value the API server gives a field nobody sets (`imagePullPolicy`, `protocol`, ...); undefined when none. */
export type DefaultOf = (path: Path, parent: Record<string, unknown> | undefined) => unknown;

export interface Comparison {
  readonly changes: Change[];
  readonly conflicts: OwnedConflict[];
  /** The live object as the apply would leave it. */
  readonly merged: unknown;
}

/**
 * Server-side apply, computed offline (docs/diff.md §1): the desired fields replace the live ones (lists merged by
 * their keys, atomic values whole); a field we owned before and no longer set is removed — or reset to its default —
 * unless another manager owns it too; a live field we never owned stays. Setting a field another manager owns to a
 * different value is a conflict.
 */
export function compareObjects(type: TypeNode, desired: unknown, live: unknown, owners: Owners, defaults: DefaultOf): Comparison {
  const walker = new Walker(defaults);
  const merged = walker.walk(type, desired, live, { ours: owners.ours, others: owners.others.map((o) => ({ manager: o.manager, set: o.set as FieldSet | undefined })) }, [], undefined);
  return { changes: walker.changes, conflicts: walker.conflicts, merged };
}

interface Position {
  readonly ours: FieldSet | undefined;
  readonly others: ReadonlyArray<{ readonly manager: string; readonly set: FieldSet | undefined }>;
}

function descend(position: Position, key: string): Position {
  return { ours: position.ours?.child(key), others: position.others.map((o) => ({ manager: o.manager, set: o.set?.child(key) })) };
}

function othersOwning(position: Position): string[] {
  return position.others.filter((o) => o.set !== undefined).map((o) => o.manager);
}

class Walker {
  public readonly changes: Change[] = [];
  public readonly conflicts: OwnedConflict[] = [];

  constructor(private readonly defaults: DefaultOf) {}

  public walk(type: TypeNode | undefined, desired: unknown, live: unknown, at: Position, path: Path, liveParent: Record<string, unknown> | undefined): unknown {
    if (isAbsent(desired)) return this.unset(type, live, at, path, liveParent);
    if (isAbsent(live)) {
      this.added(type, desired, path);
      return desired;
    }
    if (type?.kind === 'struct' && !type.atomic && isRecord(desired) && isRecord(live)) return this.struct(type.field.bind(type), desired, live, at, path);
    if (type?.kind === 'list' && type.listType === 'map' && Array.isArray(desired) && Array.isArray(live)) return this.associative(type, desired, live, at, path);
    if (type?.kind === 'list' && type.listType === 'set' && Array.isArray(desired) && Array.isArray(live)) return this.set(desired, live, at, path);
    if (!sameValue(desired, live, type, path, this.defaults)) {
      this.changes.push({ path, op: 'modify' });
      for (const manager of othersOwning(at)) this.conflicts.push({ path, manager });
      return withServerAdditions(desired, live, type, path, this.defaults);
    }
    return live;
  }

  private struct(field: (name: string) => TypeNode | undefined, desired: Record<string, unknown>, live: Record<string, unknown>, at: Position, path: Path): Record<string, unknown> {
    const merged: Record<string, unknown> = {};
    for (const name of new Set([...Object.keys(desired), ...Object.keys(live)])) {
      const value = this.walk(field(name), desired[name], live[name], descend(at, `f:${name}`), [...path, { field: name }], live);
      if (value !== undefined) merged[name] = value;
    }
    return merged;
  }

  private associative(type: ListNode, desired: unknown[], live: unknown[], at: Position, path: Path): unknown {
    // Items without their key fields cannot be merged; the server would reject them, so compare the list whole.
    if (desired.some((item) => !keyOf(type, item))) return this.atomic(type, desired, live, at, path);
    const liveByKey = new Map<string, unknown>();
    for (const item of live) {
      const key = keyOf(type, item);
      if (key) liveByKey.set(itemKey(key), item);
    }
    const desiredKeys = new Set<string>();
    const mergedDesired = new Map<string, unknown>();
    for (const item of desired) {
      const key = keyOf(type, item)!;
      const k = itemKey(key);
      desiredKeys.add(k);
      const segment = keySegment(type, key);
      if (!liveByKey.has(k)) {
        this.changes.push({ path: [...path, segment], op: 'add' });
        mergedDesired.set(k, item);
        continue;
      }
      mergedDesired.set(k, this.walk(type.item, item, liveByKey.get(k), descend(at, k), [...path, segment], undefined));
    }
    // Items in both keep the desired order (SMD visitListItems); a different relative order is a change of the list.
    const shared = live.map((item) => keyOf(type, item)).filter((key): key is Record<string, unknown> => key !== undefined).map(itemKey).filter((k) => desiredKeys.has(k));
    const desiredShared = [...desiredKeys].filter((k) => liveByKey.has(k));
    if (shared.join('\n') !== desiredShared.join('\n')) this.changes.push({ path, op: 'modify' });
    const merged: unknown[] = [];
    for (const item of live) {
      const key = keyOf(type, item);
      const k = key && itemKey(key);
      if (!k || !desiredKeys.has(k)) {
        const kept = key ? this.unset(type.item, item, descend(at, k!), [...path, keySegment(type, key)], undefined, true) : item;
        if (kept !== undefined) merged.push(kept);
      }
    }
    const order = [...desiredKeys];
    return [...order.map((k) => mergedDesired.get(k)), ...merged];
  }

  private set(desired: unknown[], live: unknown[], at: Position, path: Path): unknown[] {
    const liveKeys = new Set(live.map(setItemKey));
    const desiredKeys = new Set(desired.map(setItemKey));
    for (const item of desired) if (!liveKeys.has(setItemKey(item))) this.changes.push({ path: [...path, { value: item }], op: 'add' });
    const kept: unknown[] = [];
    for (const item of live) {
      const k = setItemKey(item);
      if (desiredKeys.has(k)) continue;
      const position = descend(at, k);
      if (position.ours && othersOwning(position).length === 0) this.changes.push({ path: [...path, { value: item }], op: 'remove' });
      else kept.push(item);
    }
    return [...desired, ...kept];
  }

  private atomic(type: TypeNode, desired: unknown, live: unknown, at: Position, path: Path): unknown {
    if (!sameValue(desired, live, type, path, this.defaults)) {
      this.changes.push({ path, op: 'modify' });
      for (const manager of othersOwning(at)) this.conflicts.push({ path, manager });
      return withServerAdditions(desired, live, type, path, this.defaults);
    }
    return live;
  }

  /** The desired object does not set this field: it goes only if we owned it and nobody else does. */
  private unset(type: TypeNode | undefined, live: unknown, at: Position, path: Path, liveParent: Record<string, unknown> | undefined, listItem = false): unknown {
    if (isAbsent(live) || !at.ours) return live;
    if (type?.kind === 'struct' && !type.atomic && isRecord(live) && at.ours.children.size > 0) {
      if (listItem && at.ours.self && ownedByOthersBelow(at) === false) {
        this.changes.push({ path, op: 'remove' });
        return undefined;
      }
      const kept: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(live)) {
        if (listItem && isKeyField(path, name)) {
          kept[name] = value;
          continue;
        }
        const result = this.unset(type.field(name), value, descend(at, `f:${name}`), [...path, { field: name }], live);
        if (result !== undefined) kept[name] = result;
      }
      return Object.keys(kept).length ? kept : undefined;
    }
    if (type?.kind === 'list' && type.listType !== 'atomic' && Array.isArray(live) && at.ours.children.size > 0) {
      const kept: unknown[] = [];
      for (const item of live) {
        if (type.listType === 'set') {
          const position = descend(at, setItemKey(item));
          if (position.ours && othersOwning(position).length === 0) this.changes.push({ path: [...path, { value: item }], op: 'remove' });
          else kept.push(item);
          continue;
        }
        const key = keyOf(type, item);
        const result = key ? this.unset(type.item, item, descend(at, itemKey(key)), [...path, keySegment(type, key)], undefined, true) : item;
        if (result !== undefined) kept.push(result);
      }
      return kept.length ? kept : undefined;
    }
    // Owning a granular map itself (`f:labels: {".": {}}`) is not owning its keys: the keys stay.
    if (type?.kind === 'struct' && !type.atomic && isRecord(live) && !listItem) return live;
    if (listItem) {
      if (ownedByOthersBelow(at)) return live;
      this.changes.push({ path, op: 'remove' });
      return undefined;
    }
    if (othersOwning(at).length > 0) return live;
    const fallback = this.defaults(path, liveParent);
    if (fallback !== undefined) {
      if (sameValue(fallback, live, type, path, this.defaults)) return live;
      this.changes.push({ path, op: 'modify' });
      return fallback;
    }
    this.changes.push({ path, op: 'remove' });
    return undefined;
  }

  /** A field the live object lacks: each leaf of a new map is its own change; list items and atomic values are one. */
  private added(type: TypeNode | undefined, desired: unknown, path: Path): void {
    if (type?.kind === 'struct' && !type.atomic && isRecord(desired)) {
      for (const [name, value] of Object.entries(desired)) if (!isAbsent(value)) this.added(type.field(name), value, [...path, { field: name }]);
      return;
    }
    if (type?.kind === 'list' && type.listType !== 'atomic' && Array.isArray(desired)) {
      for (const item of desired) {
        const key = type.listType === 'map' ? keyOf(type, item) : undefined;
        this.changes.push({ path: [...path, key ? keySegment(type, key) : { value: item }], op: 'add' });
      }
      return;
    }
    this.changes.push({ path, op: 'add' });
  }
}

function keySegment(type: ListNode, key: Record<string, unknown>): Segment {
  return { key, keyOrder: type.keys.filter((k) => k in key) };
}

function ownedByOthersBelow(at: Position): boolean {
  return at.others.some((o) => o.set !== undefined && (o.set.self || o.set.children.size > 0));
}

function isKeyField(path: Path, name: string): boolean {
  const last = path[path.length - 1];
  return last !== undefined && 'key' in last && name in last.key;
}
