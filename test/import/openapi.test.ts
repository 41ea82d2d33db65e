import * as fs from 'fs';
import { generate } from '../../lib/import/generate';
import { bundledKubernetesSchema } from '../../lib/import/sources';
import { formatProblem } from '../../lib/problems';
import { declaration, generateFixture, textOf } from './helpers';

describe('import of the Kubernetes API (k8s@1.32.0, bundled)', () => {
  const document = JSON.parse(fs.readFileSync(bundledKubernetesSchema('1.32.0'), 'utf8'));
  const result = generate([{ source: 'k8s@1.32.0', documents: [document] }], { name: 'k8s', prefix: 'Kube', command: 'berth import k8s' });

  test('imports without a problem, a file per group-version and an index', () => {
    expect(result.problems.all.map(formatProblem)).toEqual([]);
    const paths = result.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['k8s/index.ts', 'k8s/core-v1.ts', 'k8s/apps-v1.ts', 'k8s/meta-v1.ts', 'k8s/apiextensions-v1.ts']));
    // Readable: no file near the 1.4 MB single file of cdk8s import.
    expect(Math.max(...result.files.map((f) => f.text.length))).toBeLessThan(400_000);
  });

  test('every object kind is a class; lists, Status and multi-kind definitions are not', () => {
    const all = result.files.map((f) => f.text).join('\n');
    const classes = [...all.matchAll(/^export class (\w+) extends ApiObject/gm)].map((m) => m[1]);
    expect(classes).toHaveLength(83);
    expect(declaration(textOf(result, 'k8s/apps-v1.ts'), 'interface', 'KubeDeploymentProps')).not.toContain('status');
    expect(classes).toEqual(expect.arrayContaining(['KubePod', 'KubeDeployment', 'KubeReplicationController', 'KubeService', 'KubeCustomResourceDefinition']));
    expect(classes.filter((c) => c.endsWith('List') || c === 'KubeStatus' || c === 'KubeDeleteOptions')).toEqual([]);
    expect(textOf(result, 'k8s/apps-v1.ts')).toContain("public static readonly GVK: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'Deployment' };");
    expect(textOf(result, 'k8s/core-v1.ts')).toContain("public static readonly GVK: GroupVersionKind = { apiVersion: 'v1', kind: 'Pod' };");
  });

  test('types refer across files; IntOrString and Quantity are number | string', () => {
    const apps = textOf(result, 'k8s/apps-v1.ts');
    expect(apps).toMatch(/^import \{ [^}]*\bPodTemplateSpec\b[^}]*\} from '\.\/core-v1';$/m);
    expect(declaration(textOf(result, 'k8s/util-intstr.ts'), 'type', 'IntOrString')).toMatch(/= (number \| string|string \| number);/);
    expect(declaration(textOf(result, 'k8s/api-resource.ts'), 'type', 'Quantity')).toMatch(/= (number \| string|string \| number);/);
    expect(declaration(textOf(result, 'k8s/core-v1.ts'), 'interface', 'ServicePort')).toContain('readonly targetPort?: IntOrString;');
    expect(declaration(textOf(result, 'k8s/core-v1.ts'), 'interface', 'ResourceRequirements')).toContain('readonly limits?: { [key: string]: Quantity };');
  });

  test('JSONSchemaProps refers to itself and maps $ref and x-kubernetes-* back to their wire names', () => {
    const text = textOf(result, 'k8s/apiextensions-v1.ts');
    const props = declaration(text, 'interface', 'JSONSchemaProps');
    expect(props).toContain('readonly ref?: string;');
    expect(props).toContain('readonly xKubernetesIntOrString?: boolean;');
    expect(props).toContain('readonly properties?: { [key: string]: JSONSchemaProps };');
    const wire = declaration(text, 'function', 'toJson_JSONSchemaProps');
    expect(wire).toContain('$ref: obj.ref,');
    expect(wire).toContain("'x-kubernetes-int-or-string': obj.xKubernetesIntOrString,");
    expect(declaration(text, 'class', 'KubeCustomResourceDefinition')).toContain('public override toJson(): Record<string, unknown> {');
  });

  test('the index exports every name once: the most stable version plain, the others suffixed', () => {
    const index = textOf(result, 'k8s/index.ts');
    expect(index).toContain("export { type CrossVersionObjectReference, type HorizontalPodAutoscalerSpec, KubeHorizontalPodAutoscaler, type KubeHorizontalPodAutoscalerProps } from './autoscaling-v2';");
    expect(index).toContain('KubeHorizontalPodAutoscaler as KubeHorizontalPodAutoscalerAutoscalingV1,');
    expect(index).toContain('type DeviceClaim as DeviceClaimResourceV1Alpha3,');
  });

  test('deterministic: a second import is byte-identical', () => {
    const again = generate([{ source: 'k8s@1.32.0', documents: [document] }], { name: 'k8s', prefix: 'Kube', command: 'berth import k8s' });
    expect(again.files).toEqual(result.files);
  });
});

describe('import of OpenAPI documents', () => {
  test('swagger (upstream form): int-or-string format and plain-string Quantity are still number | string', () => {
    const result = generateFixture('kubernetes-v1.32.swagger-subset.json', { prefix: 'Kube' });
    expect(result.problems.all.map(formatProblem)).toEqual([]);
    const core = textOf(result, 'core-v1.ts');
    expect(core).toContain('export class KubeService extends ApiObject');
    expect(core).toContain('export class KubeConfigMap extends ApiObject');
    expect(declaration(textOf(result, 'util-intstr.ts'), 'type', 'IntOrString')).toMatch(/= (number \| string|string \| number);/);
    expect(declaration(textOf(result, 'api-resource.ts'), 'type', 'Quantity')).toMatch(/= (number \| string|string \| number);/);
  });

  test('v3: $ref loops and unresolvable references are reported with the schema path and typed unknown', () => {
    const result = generateFixture('openapi-v3-problems.json', { name: 'things' });
    expect(result.problems.all.map(formatProblem)).toEqual([
      '[openapi-v3-problems.json] components.schemas.com.example.v1.A is a $ref loop (reached again from components.schemas.com.example.v1.B.$ref) — give one definition of the loop a type; it is typed as unknown',
      '[openapi-v3-problems.json] components.schemas.com.example.v1.ThingSpec.properties.missing.$ref cannot be resolved: #/components/schemas/com.example.v1.Missing — add the definition to the document; the field is typed as unknown',
      '[openapi-v3-problems.json] components.schemas.com.example.v1.ThingSpec.properties.external.$ref cannot be resolved: other.json#/components/schemas/X — add the definition to the document; the field is typed as unknown',
    ]);
    const text = textOf(result, 'things/com-example-v1.ts');
    const spec = declaration(text, 'interface', 'ThingSpec');
    expect(spec).toContain('readonly children?: ThingSpec[];');
    expect(spec).toContain('readonly loopy?: unknown;');
    expect(spec).toContain('readonly missing?: unknown;');
    expect(spec).toContain('readonly xWeird?: string | null;');
    expect(text).toContain('export type Nested = Nested[];');
    // Another namespace's ThingSpec is imported under a name that does not shadow this one.
    expect(text).toContain("import { type ThingSpec as ThingSpec_ComOtherV1, toJson_ThingSpec as toJson_ThingSpec_ComOtherV1 } from './com-other-v1';");
    expect(spec).toContain('readonly other?: ThingSpec_ComOtherV1;');
    expect(declaration(text, 'function', 'toJson_ThingSpec')).toContain('other: toJson_ThingSpec_ComOtherV1(obj.other),');
    expect(result.files.slice(-2).map((f) => f.path)).toEqual(['things/index.ts', 'things.schema.json']);
  });
});
