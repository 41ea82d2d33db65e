import { JSDocStructure, JSDocTagStructure, OptionalKind } from 'ts-morph';
import { PropertyDef } from '../model';

/** Schema text made safe inside a `/** *\/` comment: no comment end, no line read as a TSDoc tag. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

export function docs(description: string | undefined, tags: OptionalKind<JSDocTagStructure>[] = []): OptionalKind<JSDocStructure>[] {
  if (!description && tags.length === 0) return [];
  return [{ description: description ? docText(description) : undefined, tags }];
}

/** The TSDoc of a property: description, validation notes, `@default` from the schema. */
export function propertyDocs(property: PropertyDef): OptionalKind<JSDocStructure>[] {
  const notes = property.notes.length > 0 ? property.notes.join('\n') : undefined;
  const parts = [property.description, notes].filter((p): p is string => Boolean(p));
  const tags: OptionalKind<JSDocTagStructure>[] = [];
  if (property.default !== undefined) tags.push({ tagName: 'default', text: docText(JSON.stringify(property.default)) });
  return docs(parts.length > 0 ? parts.join('\n\n') : undefined, tags);
}
