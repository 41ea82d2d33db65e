import * as fs from 'fs';
import * as path from 'path';
import { loadSchemaFile, SCHEMA_FILE_SUFFIX } from '../import/check/sidecar';
import { TypeResolver } from './schema';

/** Where `berth import` writes by default, relative to the project (the directory of cdk8s.yaml). */
export const IMPORTS_DIR = 'imports';

/**
 * Teaches `resolver` the custom resource kinds of a project's imports (`imports/*.schema.json`, written by `berth
 * import` beside the generated code), so their list-type and map-key markers apply even when the CRD itself is not
 * among the objects. A CRD among the objects is registered after these and wins. OpenAPI imports add nothing: their
 * built-in kinds come from the bundled schema. Returns the kinds added (`example.com/v1/Backup`).
 */
export function addImportedKinds(resolver: TypeResolver, projectDir: string): string[] {
  const dir = path.join(projectDir, IMPORTS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((f) => f.endsWith(SCHEMA_FILE_SUFFIX)).sort();
  } catch {
    return []; // no imports
  }
  const added: string[] = [];
  for (const name of names) {
    const file = loadSchemaFile(path.join(dir, name));
    // A damaged schema file only costs precision (lists atomic, as without a CRD); the import reports it at synth.
    if (file instanceof Error || file.dialect !== 'crd') continue;
    for (const [key, { schema, scope }] of Object.entries(file.kinds)) {
      const parts = key.split('/');
      if (parts.length !== 3) continue; // a custom resource is group/version/kind
      const [group, version, kind] = parts;
      resolver.addCrd({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: `${kind.toLowerCase()}.${group}` },
        spec: { group, scope: scope ?? 'Namespaced', names: { kind }, versions: [{ name: version, schema: { openAPIV3Schema: schema } }] },
      });
      added.push(key);
    }
  }
  return added;
}
