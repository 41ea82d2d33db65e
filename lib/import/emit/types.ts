import { Declaration, TypeRef } from '../model';
import { quote, typeName } from '../names';

/** A name imported from another generated file: how it is used, and its local name when it had to be renamed. */
export interface ImportedName {
  as: 'type' | 'value';
  readonly local: string;
}

/** Records what a file needs from elsewhere while its types are printed. */
export interface FileImports {
  readonly file: string;
  /** Names declared in the file itself (and the cdk8s/constructs names it uses): imports must not shadow them. */
  readonly locals: ReadonlySet<string>;
  /** Names to import per other file. */
  readonly fromFiles: Map<string, Map<string, ImportedName>>;
  /** Names to import from `cdk8s`. */
  readonly fromCdk8s: Set<string>;
}

export function newImports(file: string, locals: Iterable<string>): FileImports {
  return { file, locals: new Set([...locals, 'ApiObject', 'ApiObjectMetadata', 'GroupVersionKind', 'Construct']), fromFiles: new Map(), fromCdk8s: new Set() };
}

/**
 * Imports `name` from `file` and returns the name to write. Two namespaces can each have a `ServiceReference`; a
 * file that declares one and uses the other imports it renamed (`ServiceReference_ApiregistrationV1`).
 */
export function use(imports: FileImports, file: string, name: string, as: 'type' | 'value' = 'type'): string {
  if (file === imports.file) return name;
  let names = imports.fromFiles.get(file);
  if (!names) imports.fromFiles.set(file, (names = new Map()));
  const known = names.get(name);
  if (known) {
    if (as === 'value') known.as = 'value';
    return known.local;
  }
  const taken = (candidate: string) => imports.locals.has(candidate) || [...imports.fromFiles.values()].some((m) => [...m.values()].some((n) => n.local === candidate));
  let local = name;
  if (taken(local)) {
    local = `${name}_${typeName(file.split('/').pop() ?? file)}`;
    while (taken(local)) local = `${local}_`;
  }
  names.set(name, { as, local });
  return local;
}

/** The TypeScript text of a type, importing what it names from other files. */
export function typeText(type: TypeRef, declarations: ReadonlyMap<string, Declaration>, imports: FileImports): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'literals':
      return type.values.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(' | ');
    case 'array': {
      const items = typeText(type.items, declarations, imports);
      return needsParens(type.items) ? `(${items})[]` : `${items}[]`;
    }
    case 'map':
      return `{ [key: string]: ${typeText(type.values, declarations, imports)} }`;
    case 'union':
      return type.members.map((m) => typeText(m, declarations, imports)).join(' | ');
    case 'named': {
      const declaration = declarations.get(type.id);
      if (!declaration) return 'unknown';
      return use(imports, declaration.file, declaration.name);
    }
    case 'cdk8s':
      imports.fromCdk8s.add(type.name);
      return type.name;
  }
}

function needsParens(type: TypeRef): boolean {
  return type.kind === 'union' || (type.kind === 'literals' && type.values.length > 1);
}
