import { Declaration, TypeRef } from '../model';
import { quote } from '../names';

/** Records what a file needs from elsewhere while its types are printed. */
export interface FileImports {
  readonly file: string;
  /** Names to import per other file, each marked as a value (toJson functions) or only a type. */
  readonly fromFiles: Map<string, Map<string, 'type' | 'value'>>;
  /** Names to import from `cdk8s`. */
  readonly fromCdk8s: Set<string>;
}

export function newImports(file: string): FileImports {
  return { file, fromFiles: new Map(), fromCdk8s: new Set() };
}

export function use(imports: FileImports, file: string, name: string, as: 'type' | 'value' = 'type'): void {
  if (file === imports.file) return;
  let names = imports.fromFiles.get(file);
  if (!names) imports.fromFiles.set(file, (names = new Map()));
  if (names.get(name) !== 'value') names.set(name, as);
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
      use(imports, declaration.file, declaration.name);
      return declaration.name;
    }
    case 'cdk8s':
      imports.fromCdk8s.add(type.name);
      return type.name;
  }
}

function needsParens(type: TypeRef): boolean {
  return type.kind === 'union' || (type.kind === 'literals' && type.values.length > 1);
}
