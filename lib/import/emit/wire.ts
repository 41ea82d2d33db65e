import { Declaration, StructDecl, TypeRef } from '../model';
import { access, keySyntax, quote } from '../names';
import { FileImports, typeText, use } from './types';

/**
 * Which structs need a `toJson_X` function: those with a TypeScript key that differs from its wire key, and those
 * that hold one (through arrays, maps and nullable fields). The rest are sent as they are. Computed to a fixpoint
 * so recursive types (JSONSchemaProps) settle.
 */
export function structsNeedingWire(declarations: ReadonlyMap<string, Declaration>): Set<string> {
  const needs = new Set<string>();
  const structs = [...declarations.values()].filter((d): d is StructDecl => d.kind === 'struct');
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of structs) {
      if (needs.has(s.id)) continue;
      if (s.properties.some((p) => p.name !== p.wire || typeNeedsWire(p.type, needs))) {
        needs.add(s.id);
        changed = true;
      }
    }
  }
  return needs;
}

function typeNeedsWire(type: TypeRef, needs: ReadonlySet<string>): boolean {
  switch (type.kind) {
    case 'named':
      return needs.has(type.id);
    case 'array':
      return typeNeedsWire(type.items, needs);
    case 'map':
      return typeNeedsWire(type.values, needs);
    case 'union': {
      const value = nonNull(type);
      return value !== undefined && typeNeedsWire(value, needs);
    }
    default:
      return false;
  }
}

/** The one member of `T | null`; unions of several types are sent as they are (no way to tell them apart). */
function nonNull(type: TypeRef & { kind: 'union' }): TypeRef | undefined {
  const members = type.members.filter((m) => !(m.kind === 'primitive' && m.name === 'null'));
  return members.length === 1 ? members[0] : undefined;
}

export function wireFunctionName(structName: string): string {
  return `toJson_${structName}`;
}

export interface WireContext {
  readonly declarations: ReadonlyMap<string, Declaration>;
  readonly needs: ReadonlySet<string>;
  readonly imports: FileImports;
}

/** An expression converting `expr` (of `type`) to its wire form. */
export function wireExpression(type: TypeRef, expr: string, ctx: WireContext, depth = 0): string {
  if (!typeNeedsWire(type, ctx.needs)) return expr;
  const item = `i${depth}`;
  switch (type.kind) {
    case 'named': {
      const declaration = ctx.declarations.get(type.id)!;
      const fn = use(ctx.imports, declaration.file, wireFunctionName(declaration.name), 'value');
      return `${fn}(${expr})`;
    }
    case 'array':
      return `${expr}?.map((${item}) => ${wireExpression(type.items, item, ctx, depth + 1)})`;
    case 'map':
      return `(${expr} === undefined ? undefined : Object.fromEntries(Object.entries(${expr}).map(([k${depth}, ${item}]) => [k${depth}, ${wireExpression(type.values, item, ctx, depth + 1)}])))`;
    case 'union':
      return `(${expr} === null ? null : ${wireExpression(nonNull(type)!, expr, ctx, depth)})`;
    default:
      return expr;
  }
}

/** The statements of `toJson_X`: every known key under its wire name, unknown keys of open structs kept. */
export function wireFunctionBody(struct: StructDecl, ctx: WireContext): string[] {
  // `'__proto__': x` in a literal would set the prototype; the computed form makes an own key.
  const key = (wire: string) => (wire === '__proto__' ? `[${quote(wire)}]` : keySyntax(wire));
  const lines = struct.properties.map((p) => `  ${key(p.wire)}: ${wireExpression(p.type, access('obj', p.name), ctx)},`);
  const rest = struct.extra ? [`  ..._omit(obj, [${struct.properties.map((p) => quote(p.name)).join(', ')}]),`] : [];
  return ['if (obj === undefined) return undefined;', `return _compact({\n${[...rest, ...lines].join('\n')}\n});`];
}

export function wireSignature(struct: StructDecl, ctx: WireContext): { parameter: string; returnType: string } {
  return { parameter: `${typeText({ kind: 'named', id: struct.id }, ctx.declarations, ctx.imports)} | undefined`, returnType: 'Record<string, unknown> | undefined' };
}

/** Module-private helpers the `toJson_X` functions of a file share. */
export const WIRE_HELPERS = [
  `/** Drops undefined values, which JSON and YAML cannot carry. */
function _compact(obj: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}`,
  `/** The keys of an open object that its schema does not list, kept as given. */
function _omit(obj: object, keys: readonly string[]): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  for (const key of keys) delete rest[key];
  return rest;
}`,
];
