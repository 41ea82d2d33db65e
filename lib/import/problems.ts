import { Problem } from '../problems';

/**
 * Problems found while reading schemas. `path` is the source (file name as given, `stdin`, `k8s@1.32`), `field` the
 * schema path inside it, so a user can find the spot: `[crds.yaml] spec.versions[v1].schema.openAPIV3Schema...`.
 */
export class ImportProblems {
  private readonly items: Problem[] = [];

  public warn(source: string, schemaPath: string, message: string, fix?: string): void {
    this.items.push({ path: source, field: schemaPath, message, severity: 'warning', ...(fix ? { fix } : {}) });
  }

  public error(source: string, schemaPath: string, message: string, fix?: string): void {
    this.items.push({ path: source, field: schemaPath, message, severity: 'error', ...(fix ? { fix } : {}) });
  }

  public get all(): readonly Problem[] {
    return this.items;
  }

  public get errors(): readonly Problem[] {
    return this.items.filter((p) => p.severity === 'error');
  }
}
