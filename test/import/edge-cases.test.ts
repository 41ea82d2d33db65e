import * as fs from 'fs';
import { generate } from '../../lib/import/generate';
import { parseDocuments } from '../../lib/import/sources';
import { formatProblem } from '../../lib/problems';
import { declaration, FIXTURES, generateFixture, textOf } from './helpers';

/** test/fixtures/import/edge-cases.yaml: shapes real CRDs use that are easy to get wrong. */
describe('import of unusual schemas', () => {
  const result = generateFixture('edge-cases.yaml');
  const text = textOf(result, 'edge.example.com.ts');
  const spec = declaration(text, 'interface', 'WidgetSpec');

  test('problems name the source and the schema path, and nothing crashes', () => {
    expect(result.problems.all.map(formatProblem)).toEqual([
      '[edge-cases.yaml] documents[1] is a "ConfigMap", not a CustomResourceDefinition; skipped',
      '[edge-cases.yaml] documents[0].spec.versions[v1].schema.openAPIV3Schema.properties.spec.properties.refd.$ref is a $ref (#/definitions/Nope), which CustomResourceDefinition schemas do not allow — inline the referenced schema; the field is typed as unknown',
      '[edge-cases.yaml] documents[0].spec.versions[v1].schema.openAPIV3Schema.properties.spec.properties.weirdType.type is not a JSON schema type, got "date" — use string, integer, number, boolean, array or object',
      '[edge-cases.yaml] documents[0].spec.versions[v1beta1].schema is missing: Widget v1beta1 has no schema — its props are typed as an open object',
    ]);
    expect(result.problems.errors).toEqual([]);
  });

  test('weird property names become camelCase keys, or stay quoted when they would collide', () => {
    expect(spec).toContain('readonly ref: string;');
    expect(spec).toContain('readonly xFoo?: string;');
    expect(spec).toContain('readonly class: string;');
    expect(spec).toContain('readonly default?: number;');
    expect(spec).toContain('readonly Name?: string;');
    expect(spec).toContain('readonly name?: string;');
    expect(spec).toContain('readonly NAME?: string;');
    expect(spec).toContain('readonly myValue?: string;');
    expect(spec).toContain("readonly '123'?: string;");
    expect(spec).toContain("readonly '-'?: boolean;");
  });

  test('camelCase keys map back to the exact wire names', () => {
    const wire = declaration(text, 'function', 'toJson_WidgetSpec');
    expect(wire).toContain('$ref: obj.ref,');
    expect(wire).toContain("'x-foo': obj.xFoo,");
    expect(wire).toContain('my_value: obj.myValue,');
    expect(wire).toContain("['__proto__']: obj.proto,");
    expect(wire).toContain('nested: obj.nested?.map((i0) => toJson_WidgetSpecNested(i0)),');
    expect(declaration(text, 'function', 'toJson_WidgetSpecNestedDeeper')).toContain("'kebab-case': obj.kebabCase,");
  });

  test('arrays of arrays, maps of objects, tuples, empty schemas and non-string enums', () => {
    expect(spec).toContain('readonly matrix?: number[][];');
    expect(spec).toContain('readonly labelsOfThings?: { [key: string]: WidgetSpecLabelsOfThings };');
    expect(spec).toContain('readonly tuple?: (string | number)[];');
    expect(spec).toContain('readonly empty?: unknown;');
    expect(spec).toContain('readonly anything?: unknown;');
    expect(spec).toContain('readonly level?: 1 | 2 | 3;');
    expect(spec).toContain("readonly flag?: true | null | 'auto';");
    expect(spec).toContain('readonly maybe?: string | null;');
    expect(spec).toContain("readonly quote?: 'it\\'s' | 'back\\\\slash' | 'new\\nline';");
  });

  test('objects with known and unknown keys get an index signature', () => {
    expect(declaration(text, 'interface', 'WidgetSpecMixed')).toContain('readonly [key: string]: unknown;');
    expect(declaration(text, 'interface', 'WidgetSpecFreeWithFields')).toContain('readonly xKept?: string;');
    expect(declaration(text, 'function', 'toJson_WidgetSpecFreeWithFields')).toContain("..._omit(obj, ['xKept']),");
  });

  test('descriptions cannot end the comment or start a tag', () => {
    expect(text).toContain(' * A widget. Ends *\\/ a comment and starts\n * \\@deprecated a tag.');
  });

  test('unserved versions are skipped; a version without schema gets open props; v1beta1 CRDs are read', () => {
    expect(text).not.toContain('V1Alpha1');
    expect(declaration(text, 'interface', 'WidgetV1Beta1Props')).toContain('readonly [key: string]: unknown;');
    expect(text).toContain("apiVersion: 'edge.example.com/v1beta1', kind: 'Gadget'");
    expect(declaration(text, 'interface', 'GadgetSpec')).toContain('readonly size?: number;');
  });
});

describe('import of the same CRD twice', () => {
  test('is one class and a warning naming both sources', () => {
    const text = fs.readFileSync(`${FIXTURES}/crds/samplecontroller.k8s.io_foos.yaml`, 'utf8');
    const result = generate([{ source: 'a.yaml', documents: parseDocuments(text, 'a.yaml') }, { source: 'b.yaml', documents: parseDocuments(text, 'b.yaml') }], { prefix: '', command: 'berth import a.yaml b.yaml' });
    expect(result.problems.all.map(formatProblem)).toEqual(['[b.yaml] spec defines Foo.samplecontroller.k8s.io again (first in a.yaml); this one is skipped — import each CRD once']);
    expect(result.kinds).toBe(1);
    expect(result.files[0].text.split('\n')[0]).toBe('// Generated by berth import from a.yaml and b.yaml.');
  });
});
