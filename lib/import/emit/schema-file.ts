import { definitionId } from '../check/keywords';
import { KindDecl } from '../model';
import { isSchema, JsonSchema } from '../schema';
import { GeneratedFile } from './typescript';

/**
 * The schema files of an import (`imports/<name>.schema.json`, format in check/sidecar.ts): per kind the schema it
 * was generated from — a CRD version's openAPIV3Schema, or an OpenAPI definition with every definition it reaches.
 * Deterministic: keys sorted, two-space indentation. Descriptions are left out (the generated TSDoc has them; the
 * Prometheus CRD is two thirds descriptions); everything the API server validates with is kept.
 */
export function schemaFiles(kinds: readonly KindDecl[], definitions: Readonly<Record<string, JsonSchema>>, banner: readonly string[]): GeneratedFile[] {
  const byFile = new Map<string, KindDecl[]>();
  for (const kind of kinds) {
    if (!kind.check) continue;
    const list = byFile.get(kind.check.file);
    if (list) list.push(kind);
    else byFile.set(kind.check.file, [kind]);
  }
  return [...byFile.keys()].sort().map((file) => {
    const list = byFile.get(file)!;
    const entries: Record<string, unknown> = {};
    const reached = new Set<string>();
    const reach = (id: string | undefined): void => {
      if (id === undefined || reached.has(id) || !isSchema(definitions[id])) return;
      reached.add(id);
      refsOf(definitions[id], reach);
    };
    for (const kind of list) {
      const check = kind.check!;
      const key = `${kind.group ? `${kind.group}/` : ''}${kind.version}/${kind.kind}`;
      if (key in entries) continue;
      if (check.dialect === 'crd') entries[key] = { schema: withoutDescriptions(check.schema), scope: check.scope };
      else {
        entries[key] = { schema: { $ref: `#/definitions/${encodeURIComponent(check.definition!.replace(/~/g, '~0').replace(/\//g, '~1'))}` } };
        reach(check.definition);
      }
    }
    const dialect = list[0].check!.dialect;
    const document: Record<string, unknown> = { '//': banner.join(' '), dialect, kinds: entries };
    if (dialect === 'openapi') document.definitions = Object.fromEntries([...reached].map((id) => [id, withoutDescriptions(definitions[id])]));
    return { path: file, text: `${JSON.stringify(sortKeys(document), null, 2)}\n`, exports: [] };
  });
}

/** Keywords whose value is a map of schemas by name (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keywords whose value is a schema or a list of schemas. */
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'additionalItems', 'not', 'allOf', 'anyOf', 'oneOf']);

/** The schema without `description` keywords; a property called `description` stays. */
function withoutDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (!isSchema(schema)) return schema;
  // Entries, not assignment: a property may be called `__proto__` (fromEntries makes it an own key).
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'description')
      .map(([key, value]) => {
        if (SCHEMA_MAPS.has(key) && isSchema(value)) return [key, Object.fromEntries(Object.entries(value).map(([name, s]) => [name, withoutDescriptions(s)]))];
        if (SUBSCHEMAS.has(key)) return [key, withoutDescriptions(value)];
        return [key, value]; // enum, default, x-kubernetes-*: data, kept as it is
      }),
  );
}

function refsOf(value: unknown, found: (id: string | undefined) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => refsOf(v, found));
  if (!isSchema(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') found(definitionId(v));
    else refsOf(v, found);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isSchema(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}
