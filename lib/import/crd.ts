import { SCHEMA_FILE_SUFFIX } from './check/sidecar';
import { DeclarationSet } from './declarations';
import { PropertyDef, TypeRef } from './model';
import { nameSegment, propertyKeys, typeName, versionSuffix } from './names';
import { ImportProblems } from './problems';
import { describe, isSchema, JsonSchema, propertyDef, SchemaHost, UNKNOWN } from './schema';

/** One version of a CustomResourceDefinition, as read from apiextensions v1 or v1beta1. */
interface CrdVersion {
  readonly name: string;
  readonly storage: boolean;
  readonly schema?: JsonSchema;
  readonly schemaPath: string;
}

export interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly versions: readonly CrdVersion[];
  /** Where the CRD is: `documents[2]` of its source. */
  readonly at: string;
  /** The source it was read from, for problems. */
  readonly source: string;
  /** `Namespaced` or `Cluster`, as the CRD says (`Namespaced` when it says nothing, as the API server defaults it). */
  readonly scope: string;
}

/** Finds the CRDs among YAML documents (also inside `kind: List`); anything else is reported, not fatal. */
export function readCrds(documents: readonly unknown[], source: string, problems: ImportProblems): Crd[] {
  const crds: Crd[] = [];
  const visit = (doc: unknown, at: string): void => {
    if (doc === null || doc === undefined) return;
    if (!isSchema(doc)) return problems.warn(source, at, 'is not a mapping; skipped');
    if (doc.kind === 'List' && Array.isArray(doc.items)) return doc.items.forEach((item, i) => visit(item, `${at}.items[${i}]`));
    if (doc.kind !== 'CustomResourceDefinition') {
      return problems.warn(source, at, `is a ${JSON.stringify(doc.kind)}, not a CustomResourceDefinition; skipped`);
    }
    const crd = readCrd(doc, at, source, problems);
    if (crd) crds.push(crd);
  };
  documents.forEach((doc, i) => visit(doc, documents.length > 1 ? `documents[${i}]` : ''));
  return crds;
}

function readCrd(doc: JsonSchema, at: string, source: string, problems: ImportProblems): Crd | undefined {
  const spec = isSchema(doc.spec) ? doc.spec : {};
  const names = isSchema(spec.names) ? spec.names : {};
  const prefix = at ? `${at}.` : '';
  if (typeof spec.group !== 'string' || typeof names.kind !== 'string' || names.kind === '') {
    problems.error(source, `${prefix}spec`, 'must name spec.group and spec.names.kind', 'fix the CustomResourceDefinition');
    return undefined;
  }
  // apiextensions v1beta1 shares one schema (spec.validation) between versions unless a version has its own.
  const shared = isSchema(spec.validation) && isSchema(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : undefined;
  const listed = Array.isArray(spec.versions) ? spec.versions.filter(isSchema) : [];
  const raw = listed.length > 0 ? listed : typeof spec.version === 'string' ? [{ name: spec.version, served: true, storage: true }] : [];
  const versions: CrdVersion[] = [];
  for (const v of raw) {
    if (typeof v.name !== 'string') continue;
    if (v.served === false) continue; // a version the API server does not serve cannot be created
    const own = isSchema(v.schema) && isSchema(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
    const schemaPath = own ? `${prefix}spec.versions[${v.name}].schema.openAPIV3Schema` : shared ? `${prefix}spec.validation.openAPIV3Schema` : `${prefix}spec.versions[${v.name}].schema`;
    versions.push({ name: v.name, storage: v.storage === true, schema: own ?? shared, schemaPath });
  }
  if (versions.length === 0) {
    problems.error(source, `${prefix}spec.versions`, `of ${names.kind} lists no served version`, 'serve at least one version');
    return undefined;
  }
  // The storage version keeps the plain class name; with none marked (v1beta1 `version:`), the first does.
  const storage = versions.some((v) => v.storage) ? versions : versions.map((v, i) => ({ ...v, storage: i === 0 }));
  const scope = spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced';
  return { group: spec.group, kind: names.kind, versions: storage, at, source, scope };
}

/** Declares a construct class (kind) and its props for every served version of every CRD. */
export function declareCrds(crds: readonly Crd[], fileOf: (group: string) => string, prefix: string, problems: ImportProblems, set: DeclarationSet): void {
  const sorted = [...crds].sort((a, b) => cmp(a.group, b.group) || cmp(a.kind, b.kind));
  const seen = new Map<string, Crd>();
  for (const crd of sorted) {
    // The same CRD twice (two copies of one file, a bundle and a single file) would give `Foo` and `Foo2`.
    const first = seen.get(`${crd.group}/${crd.kind}`);
    if (first) {
      problems.warn(crd.source, crd.at || 'spec', `defines ${crd.kind}.${crd.group} again (first in ${first.source}${first.at ? ` ${first.at}` : ''}); this one is skipped`, 'import each CRD once');
      continue;
    }
    seen.set(`${crd.group}/${crd.kind}`, crd);
    const file = fileOf(crd.group);
    const source = crd.source;
    for (const version of crd.versions) {
      const base = `${prefix}${typeName(crd.kind)}${version.storage ? '' : versionSuffix(version.name)}`;
      const host = crdHost(file, source, problems, set);
      const className = set.claim(file, base, `${file}#class#${base}`);
      const propsName = set.claim(file, `${className}Props`);
      const schema = version.schema;
      if (!schema) problems.warn(source, version.schemaPath, `is missing: ${crd.kind} ${version.name} has no schema`, 'its props are typed as an open object');
      const properties = schema ? kindProperties(schema, className, version.schemaPath, host) : [metadataProperty(false)];
      const open = !schema || schema['x-kubernetes-preserve-unknown-fields'] === true || !isSchema(schema.properties);
      const props = set.define({ kind: 'struct', id: `${file}#${propsName}`, name: propsName, file, description: `Props of ${className}.`, properties, extra: open ? UNKNOWN : undefined });
      const check = schema ? { file: `${file}${SCHEMA_FILE_SUFFIX}`, dialect: 'crd' as const, schema, scope: crd.scope } : undefined;
      set.kinds.push({ className, file, group: crd.group, version: version.name, kind: crd.kind, description: schema ? describe(schema) : undefined, props: idOf(props), check });
    }
  }
}

/** The props of a kind: `metadata` as cdk8s's ApiObjectMetadata, then the schema's own fields but status. */
function kindProperties(schema: JsonSchema, className: string, path: string, host: SchemaHost): PropertyDef[] {
  const all = isSchema(schema.properties) ? Object.entries(schema.properties) : [];
  // apiVersion/kind come from the class; status is written by the controller, never by the user.
  const own = all.filter(([wire]) => !['apiVersion', 'kind', 'metadata', 'status'].includes(wire));
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const keys = propertyKeys(['metadata', ...own.map(([wire]) => wire)]).slice(1);
  return [
    metadataProperty(required.has('metadata')),
    ...own.map(([wire, s], i) => propertyDef(wire, keys[i], s, required.has(wire), `${className}${nameSegment(wire)}`, `${path}.properties.${wire}`, host)),
  ];
}

function metadataProperty(required: boolean): PropertyDef {
  return { wire: 'metadata', name: 'metadata', type: { kind: 'cdk8s', name: 'ApiObjectMetadata' }, required, notes: [] };
}

/** CRD schemas are structural: every type is inline, `$ref` is not allowed. Int-or-string aliases live per file. */
function crdHost(file: string, source: string, problems: ImportProblems, set: DeclarationSet): SchemaHost {
  return {
    warn: (path, message, fix) => problems.warn(source, path, message, fix),
    ref: (ref, path) => {
      problems.warn(source, path, `is a $ref (${ref}), which CustomResourceDefinition schemas do not allow`, 'inline the referenced schema; the field is typed as unknown');
      return UNKNOWN;
    },
    struct: (hint, build) => {
      const name = set.claim(file, hint);
      return set.define({ kind: 'struct', id: `${file}#${name}`, name, file, ...build(name) });
    },
    intOrString: (quantity) => sharedAlias(set, file, quantity),
  };
}

export function sharedAlias(set: DeclarationSet, file: string, quantity: boolean): TypeRef {
  const name = quantity ? 'Quantity' : 'IntOrString';
  const id = `${file}#alias#${name}`;
  if (!set.declarations.has(id)) {
    set.define({
      kind: 'alias',
      id,
      name: set.claim(file, name, id),
      file,
      description: quantity
        ? 'A Kubernetes quantity: a number, or a string such as `100m`, `0.5`, `128Mi` or `1G`.'
        : 'An integer or a string (Kubernetes IntOrString), for example a port number or a port name, `3` or `25%`.',
      type: { kind: 'union', members: [{ kind: 'primitive', name: 'number' }, { kind: 'primitive', name: 'string' }] },
    });
  }
  return { kind: 'named', id };
}

function idOf(ref: TypeRef): string {
  if (ref.kind !== 'named') throw new Error('berth import: a struct declaration must be named');
  return ref.id;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
