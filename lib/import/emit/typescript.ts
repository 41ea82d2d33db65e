import * as path from 'path';
import {
  ClassDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  IndentationText,
  InterfaceDeclarationStructure,
  OptionalKind,
  Project,
  QuoteKind,
  Scope,
  StatementStructures,
  StructureKind,
  TypeAliasDeclarationStructure,
  WriterFunction,
} from 'ts-morph';
import { Declaration, ImportModel, KindDecl, StructDecl } from '../model';
import { keySyntax, quote } from '../names';
import { docs, propertyDocs } from './docs';
import { FileImports, newImports, typeText } from './types';
import { structsNeedingWire, WIRE_HELPERS, wireFunctionBody, wireFunctionName, wireSignature, WireContext } from './wire';

const BLANK_LINE: WriterFunction = (writer) => writer.blankLineIfLastNot();

/** One generated file: its path relative to the output directory (`k8s/apps-v1.ts`) and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
  /** Exported names, for index files: values (classes, functions) and names that are only types. */
  readonly exports: readonly { readonly name: string; readonly type: boolean }[];
}

/**
 * Prints the model as TypeScript with ts-morph: per file the construct classes (cdk8s `ApiObject`s), their props,
 * the interfaces and aliases they use, and `toJson_X` functions where keys must be renamed on the wire.
 * Files are built from structures in one pass (no AST manipulation), which keeps the whole Kubernetes API at a
 * few seconds.
 */
export function emitTypeScript(model: ImportModel, banner: readonly string[], progress: (done: number, total: number) => void = () => undefined): GeneratedFile[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const needs = structsNeedingWire(model.declarations);
  const files = new Map<string, { kinds: KindDecl[]; declarations: Declaration[] }>();
  const entry = (file: string) => {
    let e = files.get(file);
    if (!e) files.set(file, (e = { kinds: [], declarations: [] }));
    return e;
  };
  for (const kind of model.kinds) entry(kind.file).kinds.push(kind);
  for (const declaration of model.declarations.values()) entry(declaration.file).declarations.push(declaration);

  const names = [...files.keys()].sort();
  return names.map((file, index) => {
    const { kinds, declarations } = files.get(file)!;
    const locals = [...kinds.map((k) => k.className), ...declarations.flatMap((d) => [d.name, wireFunctionName(d.name)]), '_compact', '_omit', 'addSchemaRule', 'schemaDir'];
    const imports = newImports(file, locals);
    const ctx: WireContext = { declarations: model.declarations, needs, imports };
    const body: (string | WriterFunction | StatementStructures)[] = [];
    const exported: { name: string; type: boolean }[] = [];
    const propsOfKinds = new Set(kinds.map((k) => k.props));
    let omitUsed = false;
    const declare = (declaration: Declaration): void => {
      exported.push({ name: declaration.name, type: true });
      if (declaration.kind === 'alias') {
        // ts-morph separates interfaces and classes by a blank line but not type aliases: add it.
        body.push(aliasStructure(declaration, typeText(declaration.type, model.declarations, imports)), BLANK_LINE);
        return;
      }
      body.push(interfaceStructure(declaration, model.declarations, imports));
      if (needs.has(declaration.id)) {
        body.push(wireFunction(declaration, ctx));
        exported.push({ name: wireFunctionName(declaration.name), type: false });
        omitUsed ||= declaration.extra !== undefined;
      }
    };
    for (const kind of kinds) {
      exported.push({ name: kind.className, type: false });
      body.push(classStructure(kind, model.declarations.get(kind.props) as StructDecl, needs.has(kind.props), imports));
      declare(model.declarations.get(kind.props)!);
    }
    for (const declaration of declarations) if (!propsOfKinds.has(declaration.id)) declare(declaration);
    if ([...needs].some((id) => model.declarations.get(id)?.file === file)) body.push(WIRE_HELPERS[0], ...(omitUsed ? [BLANK_LINE, WIRE_HELPERS[1]] : []));

    const checked = kinds.some((k) => k.check);
    const statements: (string | WriterFunction | StatementStructures)[] = [`${banner.map((l) => `// ${l}`).join('\n')}\n`, ...importStructures(imports, kinds.length > 0, checked), ...(checked ? [DIRNAME] : []), ...body];
    const source = project.createSourceFile(`/${file}.ts`, { statements }, { overwrite: true });
    const text = source.getFullText().replace(/\n+$/, '\n');
    project.removeSourceFile(source);
    progress(index + 1, names.length);
    return { path: `${file}.ts`, text, exports: exported };
  });
}

/**
 * Where the file is, to find its schema file: CommonJS's `__dirname` (cdk8s apps, berth/register and ts-node all run
 * CommonJS), declared in the file so that compiling it does not need @types/node. An ES module has none: its objects
 * are then not checked (a warning says so) instead of the constructor throwing a ReferenceError.
 */
const DIRNAME: WriterFunction = (writer) =>
  writer
    .blankLineIfLastNot()
    .writeLine("/** This file's directory, where its schema file is: CommonJS's `__dirname` (none in an ES module). */")
    .writeLine('declare const __dirname: string | undefined;')
    .writeLine("const schemaDir = typeof __dirname === 'string' ? __dirname : undefined;");

function importStructures(imports: FileImports, hasClasses: boolean, checked: boolean): ImportDeclarationStructure[] {
  const out: ImportDeclarationStructure[] = [];
  const dir = path.posix.dirname(imports.file);
  const named = (names: Iterable<string>) => [...names].sort().map((name) => ({ name }));
  if (checked) out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: 'berth/imports', namedImports: [{ name: 'addSchemaRule' }] });
  if (imports.fromCdk8s.size > 0) out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: 'cdk8s', namedImports: named(imports.fromCdk8s) });
  if (hasClasses) out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: 'constructs', namedImports: [{ name: 'Construct' }] });
  for (const file of [...imports.fromFiles.keys()].sort()) {
    let relative = path.posix.relative(dir, file);
    if (!relative.startsWith('.')) relative = `./${relative}`;
    const names = imports.fromFiles.get(file)!;
    // `type` marks names used only as types, so the file also compiles under verbatimModuleSyntax.
    const specifiers = [...names.keys()].sort().map((name) => {
      const { as, local } = names.get(name)!;
      return { name, alias: local === name ? undefined : local, isTypeOnly: as === 'type' };
    });
    out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: relative, namedImports: specifiers });
  }
  return out;
}

function classStructure(kind: KindDecl, props: StructDecl, wire: boolean, imports: FileImports): ClassDeclarationStructure {
  for (const name of ['ApiObject', 'GroupVersionKind']) imports.fromCdk8s.add(name);
  const apiVersion = kind.group ? `${kind.group}/${kind.version}` : kind.version;
  const optional = props.properties.every((p) => !p.required);
  const name = kind.className;
  const toWire = (expr: string) => (wire ? `${wireFunctionName(props.name)}(${expr})` : expr);
  return {
    kind: StructureKind.Class,
    name,
    isExported: true,
    extends: 'ApiObject',
    docs: docs(`${kind.description ? `${kind.description}\n\n` : ''}\`${apiVersion}\` \`${kind.kind}\`.`),
    properties: [
      {
        name: 'GVK',
        scope: Scope.Public,
        isStatic: true,
        isReadonly: true,
        type: 'GroupVersionKind',
        initializer: `{ apiVersion: ${quote(apiVersion)}, kind: ${quote(kind.kind)} }`,
        docs: docs(`The API version and kind of ${name}.`),
      },
    ],
    methods: [
      {
        name: 'manifest',
        scope: Scope.Public,
        isStatic: true,
        parameters: [{ name: 'props', type: props.name, initializer: optional ? '{}' : undefined }],
        returnType: 'Record<string, unknown>',
        docs: docs(`The JSON of a ${name} with these props, for use outside a construct tree.`),
        statements: [`return { ...${name}.GVK, ...${toWire('props')} };`],
      },
      ...(wire
        ? [
            {
              name: 'toJson',
              scope: Scope.Public,
              hasOverrideKeyword: true,
              returnType: 'Record<string, unknown>',
              docs: docs('The object as the API server expects it: camelCase keys back to their wire names.'),
              statements: ['const resolved = super.toJson();', `return { ...${name}.GVK, ...${toWire('resolved')} };`],
            },
          ]
        : []),
    ],
    ctors: [
      {
        scope: Scope.Public,
        parameters: [
          { name: 'scope', type: 'Construct' },
          { name: 'id', type: 'string' },
          { name: 'props', type: props.name, initializer: optional ? '{}' : undefined },
        ],
        docs: docs(`Defines a ${name} in \`scope\`${kind.check ? '; at synth the object is checked against the schema it was generated from' : ''}.`),
        statements: [`super(scope, id, { ...${name}.GVK, ...props });`, ...(kind.check ? [`addSchemaRule(this, schemaDir, ${quote(path.posix.relative(path.posix.dirname(kind.file), kind.check.file))});`] : [])],
      },
    ],
  };
}

function interfaceStructure(struct: StructDecl, declarations: ReadonlyMap<string, Declaration>, imports: FileImports): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name: struct.name,
    isExported: true,
    docs: docs(struct.description),
    properties: struct.properties.map((p) => ({
      name: keySyntax(p.name),
      isReadonly: true,
      hasQuestionToken: !p.required,
      type: typeText(p.type, declarations, imports),
      docs: propertyDocs(p),
    })),
    indexSignatures: struct.extra ? [{ keyName: 'key', keyType: 'string', returnType: typeText(struct.extra, declarations, imports), isReadonly: true }] : [],
  };
}

function aliasStructure(alias: Declaration & { kind: 'alias' }, type: string): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name: alias.name, isExported: true, type, docs: docs(alias.description) };
}

function wireFunction(struct: StructDecl, ctx: WireContext): OptionalKind<FunctionDeclarationStructure> & { kind: StructureKind.Function } {
  const { parameter, returnType } = wireSignature(struct, ctx);
  return {
    kind: StructureKind.Function,
    name: wireFunctionName(struct.name),
    isExported: true,
    parameters: [{ name: 'obj', type: parameter }],
    returnType,
    docs: docs(`Converts a ${struct.name} to JSON with the API's own key names and no undefined values.`),
    statements: wireFunctionBody(struct, ctx),
  };
}
