import { ListNode, TypeNode } from './schema';
import { FieldsV1, ManagedFieldsEntry } from './types';

/**
 * A set of fields as a trie, keyed as in managedFields `fieldsV1`: `f:<field>`, `k:<json of the item's keys>`,
 * `v:<json of a set item>`. A node is a member itself when it is a leaf or carries `.`.
 */
export class FieldSet {
  public readonly children = new Map<string, FieldSet>();
  public self = false;

  public child(key: string): FieldSet | undefined {
    return this.children.get(key);
  }

  public ensure(key: string): FieldSet {
    let node = this.children.get(key);
    if (!node) {
      node = new FieldSet();
      this.children.set(key, node);
    }
    return node;
  }

  /** Adds every field of a managedFields `fieldsV1` trie. */
  public addFieldsV1(fields: FieldsV1): void {
    for (const [rawKey, sub] of Object.entries(fields)) {
      if (rawKey === '.') {
        this.self = true;
        continue;
      }
      const node = this.ensure(canonicalKey(rawKey));
      if (Object.keys(sub).length === 0) node.self = true;
      else node.addFieldsV1(sub);
    }
  }
}

/** `k:` keys with their fields in one order, so keys computed from objects match keys recorded by the server. */
export function canonicalKey(raw: string): string {
  if (!raw.startsWith('k:')) return raw;
  try {
    return itemKey(JSON.parse(raw.slice(2)) as Record<string, unknown>);
  } catch {
    return raw;
  }
}

export function itemKey(key: Readonly<Record<string, unknown>>): string {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(key).sort()) sorted[name] = key[name];
  return `k:${JSON.stringify(sorted)}`;
}

export function setItemKey(value: unknown): string {
  return `v:${JSON.stringify(value)}`;
}

/** The key fields of an associative list item; protocol defaults to TCP (the server defaults it before keying). */
export function keyOf(list: ListNode, item: unknown): Record<string, unknown> | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const key: Record<string, unknown> = {};
  for (const name of list.keys) {
    let value = record[name];
    if (value === undefined && name === 'protocol') value = 'TCP';
    if (value !== undefined) key[name] = value;
  }
  return Object.keys(key).length ? key : undefined;
}

/** One field manager as the server tells them apart: name, operation and subresource. */
export interface ManagerFields {
  readonly manager: string;
  readonly operation: string;
  readonly subresource: string;
  readonly set: FieldSet;
}

/** Field sets per manager from an object's managedFields. */
export function ownership(entries: readonly ManagedFieldsEntry[] | undefined): ManagerFields[] {
  const byManager = new Map<string, ManagerFields>();
  for (const entry of entries ?? []) {
    if (!entry.fieldsV1) continue;
    const manager = entry.manager ?? '';
    const operation = entry.operation ?? '';
    const subresource = entry.subresource ?? '';
    const id = JSON.stringify([manager, operation, subresource]);
    let fields = byManager.get(id);
    if (!fields) byManager.set(id, (fields = { manager, operation, subresource, set: new FieldSet() }));
    fields.set.addFieldsV1(entry.fieldsV1);
  }
  return [...byManager.values()];
}

/**
 * The fields an applied configuration sets (what `kubectl apply` recorded in last-applied-configuration): the
 * fields a client-side apply owned, computed with the schema as the server would.
 */
export function fieldsOfObject(value: unknown, type: TypeNode | undefined, into: FieldSet = new FieldSet()): FieldSet {
  if (value === null || value === undefined) return into;
  if (type?.kind === 'struct' && !type.atomic && isRecord(value)) {
    for (const [name, sub] of Object.entries(value)) {
      // An empty map or list (`annotations: {}` in last-applied) sets nothing that removing it could take away.
      if (sub === null || sub === undefined || (isRecord(sub) && Object.keys(sub).length === 0) || (Array.isArray(sub) && sub.length === 0)) continue;
      const node = into.ensure(`f:${name}`);
      const subType = type.field(name);
      if (isLeafValue(sub, subType)) node.self = true;
      else fieldsOfObject(sub, subType, node);
    }
    return into;
  }
  if (type?.kind === 'list' && type.listType !== 'atomic' && Array.isArray(value)) {
    for (const item of value) {
      if (type.listType === 'set') {
        into.ensure(setItemKey(item)).self = true;
        continue;
      }
      const key = keyOf(type, item);
      if (!key) continue;
      const node = into.ensure(itemKey(key));
      node.self = true;
      fieldsOfObject(item, type.item, node);
    }
    return into;
  }
  into.self = true;
  return into;
}

function isLeafValue(value: unknown, type: TypeNode | undefined): boolean {
  if (type?.kind === 'struct' && !type.atomic && isRecord(value)) return Object.keys(value).length === 0;
  if (type?.kind === 'list' && type.listType !== 'atomic' && Array.isArray(value)) return value.length === 0;
  return true;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
