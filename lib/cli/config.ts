import * as fs from 'fs';
import * as path from 'path';
import * as jsYaml from 'js-yaml';
import { UsageError } from './usage';

/** `cdk8s.yaml`, read as cdk8s-cli reads it; berth's own settings live under `berth:`. */
export interface ProjectConfig {
  /** Shell command that runs the app. */
  readonly app?: string;
  /** @default 'dist' */
  readonly output: string;
  readonly language?: string;
  readonly imports?: readonly string[];
  readonly berth?: Readonly<Record<string, unknown>>;
}

export const CONFIG_FILE = 'cdk8s.yaml';

export function readConfig(cwd: string): ProjectConfig | undefined {
  const file = path.join(cwd, CONFIG_FILE);
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    // js-yaml (core schema) loads in a fraction of the time of the yaml library, and every CLI run reads this file
    parsed = jsYaml.load(fs.readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA, filename: CONFIG_FILE });
  } catch (error) {
    throw new UsageError(`${CONFIG_FILE} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed === null || parsed === undefined) parsed = {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${CONFIG_FILE} must be a mapping with "app" and "output"`);
  const config = parsed as Record<string, unknown>;
  for (const key of ['app', 'output', 'language'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') throw new UsageError(`${CONFIG_FILE}: "${key}" must be a string, got ${JSON.stringify(config[key])}`);
  }
  if (config.imports !== undefined && !(Array.isArray(config.imports) && config.imports.every((i) => typeof i === 'string'))) {
    throw new UsageError(`${CONFIG_FILE}: "imports" must be a list of strings`);
  }
  return {
    app: config.app as string | undefined,
    output: (config.output as string | undefined) ?? 'dist',
    language: config.language as string | undefined,
    imports: config.imports as string[] | undefined,
    berth: config.berth as Record<string, unknown> | undefined,
  };
}
