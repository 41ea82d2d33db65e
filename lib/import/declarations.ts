import { Declaration, KindDecl, TypeRef } from './model';
import { NameRegistry, typeName } from './names';

/**
 * The declarations of one import, in the order they were named (parents before children, so generated files
 * read top-down), with one name registry per output file so every name in a file is unique.
 */
export class DeclarationSet {
  public readonly declarations = new Map<string, Declaration>();
  public readonly kinds: KindDecl[] = [];
  private readonly order: string[] = [];
  private readonly registries = new Map<string, NameRegistry>();

  /**
   * Claims a unique name in `file` and reserves the reading-order slot of the declaration `id` (filled by
   * `define`; by default the id is `file#name`).
   */
  public claim(file: string, name: string, id?: string): string {
    let registry = this.registries.get(file);
    if (!registry) this.registries.set(file, (registry = new NameRegistry()));
    // Hints are built from kinds and property names: made a valid type name here, once, for all of them.
    const unique = registry.claim(typeName(name));
    this.order.push(id ?? `${file}#${unique}`);
    return unique;
  }

  public define(declaration: Declaration): TypeRef {
    this.declarations.set(declaration.id, declaration);
    return { kind: 'named', id: declaration.id };
  }

  /** Declarations in naming order; a slot claimed but never defined (a failed conversion) is skipped. */
  public ordered(): Declaration[] {
    return this.order.map((id) => this.declarations.get(id)).filter((d): d is Declaration => d !== undefined);
  }
}
