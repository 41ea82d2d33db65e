import * as path from 'path';
import { IConstruct } from 'constructs';
import { ProblemList } from '../../problems';
import { addRule } from '../../synth/rules';
import { checkAnnotations, checkLabels } from '../../validation/metadata';
import { kindKey, loadSchemaFile } from './sidecar';
import { validateObject } from './validate';

/** What a generated class hands over: itself, a cdk8s ApiObject. */
export interface SchemaChecked extends IConstruct {
  toJson(): unknown;
}

/**
 * Checks `object` at synth against the schema of its kind in the schema file `file` (relative to `dir`, the
 * generated file's own directory): every violation is a problem naming the construct, the field and the value,
 * collected with the rest of the app's problems (under a plain cdk8s App, a validation error). The object is
 * checked as it is emitted — after `toJson()`, JSON patches included — and the schema file is read on the
 * first check only.
 */
export function addSchemaRule(object: SchemaChecked, dir: string | undefined, file: string): void {
  if (dir === undefined) {
    addRule(object, (problems) =>
      problems.warn('', `cannot be checked against its schema: the generated code does not know its directory, so cannot find ${file}`, { fix: 'run the app as CommonJS (as cdk8s apps, berth/register and ts-node do)' }),
    );
    return;
  }
  const schemaFile = path.resolve(dir, file);
  addRule(object, (problems) => check(object, schemaFile, problems));
}

function check(object: SchemaChecked, schemaFile: string, problems: ProblemList): void {
  const loaded = loadSchemaFile(schemaFile);
  if (loaded instanceof Error) {
    problems.warn('', `cannot be checked against its schema: ${path.relative(process.cwd(), schemaFile) || schemaFile} ${loaded.message}`, {
      fix: 'keep the .schema.json files berth import writes beside the generated code (copy them too when compiling elsewhere), or run berth import again',
    });
    return;
  }
  let json: unknown;
  try {
    json = object.toJson();
  } catch {
    return; // cdk8s reports what it cannot render when it synthesizes, naming the construct
  }
  if (typeof json !== 'object' || json === null) return;
  const { apiVersion, kind, metadata } = json as { apiVersion?: unknown; kind?: unknown; metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  const entry = loaded.kinds[kindKey(String(apiVersion), String(kind))];
  if (!entry) return;
  for (const v of validateObject(json, entry.schema, loaded)) {
    const details = { ...('value' in v ? { value: v.value } : {}), ...(v.fix ? { fix: v.fix } : {}) };
    if (v.severity === 'error') problems.error(v.field, v.message, details);
    else problems.warn(v.field, v.message, details);
  }
  // What the API server checks of every object's metadata beyond its schema.
  if (metadata && typeof metadata === 'object') {
    checkLabels(metadata.labels, problems, 'metadata.labels');
    checkAnnotations(metadata.annotations, problems, 'metadata.annotations');
  }
}
