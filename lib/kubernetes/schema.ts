import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { packageRoot } from '../package-root';

/** The Kubernetes API schema bundled with berth (cdk8s's JSON-schema form of the v1.32.0 OpenAPI definitions). */
export const BUNDLED_SCHEMA = 'kubernetes-v1.32.0.definitions.json';

export interface SchemaError {
  /** JSON pointer into the object, for example `/spec/template/spec/containers/0/ports/0/containerPort`. */
  readonly path: string;
  readonly message: string;
}

type Schema = Record<string, unknown>;

/**
 * Validates Kubernetes objects against the API schema, strictly: an object schema that lists its properties
 * rejects any other property (the API server would drop or reject a misspelt field; berth should never emit one).
 */
export class KubernetesSchema {
  public static bundled(): KubernetesSchema {
    return new KubernetesSchema(path.join(packageRoot(), 'schemas', BUNDLED_SCHEMA));
  }

  private readonly ajv: Ajv;
  private readonly byGvk = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as { definitions: Record<string, Schema> };
    for (const [name, definition] of Object.entries(document.definitions)) {
      const gvks = (definition['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>;
      for (const gvk of gvks) this.byGvk.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
      closeObjects(definition);
    }
    // loaded here, not at import: every synth imports this module (for BUNDLED_SCHEMA), few validate
    const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
    this.ajv = new AjvClass({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: 'k8s', definitions: document.definitions });
  }

  /** Whether the schema knows this apiVersion and kind. */
  public knows(apiVersion: string, kind: string): boolean {
    return this.byGvk.has(`${apiVersion}/${kind}`);
  }

  /** Problems of one object; an unknown apiVersion/kind is itself a problem. */
  public validate(object: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly [field: string]: unknown }): SchemaError[] {
    const key = `${String(object.apiVersion)}/${String(object.kind)}`;
    const name = this.byGvk.get(key);
    if (!name) return [{ path: '', message: `unknown apiVersion/kind ${key}` }];
    let validate = this.compiled.get(name);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `k8s#/definitions/${name}` });
      this.compiled.set(name, validate);
    }
    if (validate(object)) return [];
    return (validate.errors ?? []).map((e) => ({
      path: e.instancePath,
      message: e.keyword === 'additionalProperties' ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.message ?? e.keyword,
    }));
  }
}

function closeObjects(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    schema.forEach(closeObjects);
    return;
  }
  const s = schema as Schema;
  if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) s.additionalProperties = false;
  for (const value of Object.values(s)) closeObjects(value);
}
