import * as path from 'path';
import { typeName, versionSuffix } from '../names';
import { GeneratedFile } from './typescript';

/**
 * `index.ts` of a folder import: every file re-exported flat, as `cdk8s import k8s` users expect
 * (`k8s.KubeDeployment`). A name exported by several files (autoscaling v1 and v2 both have
 * `CrossVersionObjectReference`) is exported as is from the most stable, newest version and with its file's name
 * as a suffix from the others (`CrossVersionObjectReferenceAutoscalingV1`).
 */
export function indexFile(folder: string, files: readonly GeneratedFile[], banner: readonly string[]): GeneratedFile {
  const owners = new Map<string, string[]>();
  const types = new Set<string>();
  const modules = files.map((f) => path.posix.basename(f.path, '.ts')).sort();
  const byModule = new Map(files.map((f) => [path.posix.basename(f.path, '.ts'), f]));
  for (const module of modules) {
    for (const { name, type } of byModule.get(module)!.exports) {
      owners.set(name, [...(owners.get(name) ?? []), module]);
      if (type) types.add(name);
    }
  }
  const lines = [...banner.map((l) => `// ${l}`), ''];
  const explicit = new Map<string, string[]>();
  const taken = new Set(owners.keys());
  for (const [name, mods] of [...owners].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (mods.length < 2) continue;
    const [winner, ...others] = [...mods].sort(preferred);
    // `type` re-exports: required under isolatedModules for names that are only types.
    const word = types.has(name) ? 'type ' : '';
    explicit.set(winner, [...(explicit.get(winner) ?? []), `${word}${name}`]);
    for (const other of others) {
      let alias = `${name}${moduleSuffix(other)}`;
      while (taken.has(alias)) alias = `${alias}_`;
      taken.add(alias);
      explicit.set(other, [...(explicit.get(other) ?? []), `${word}${name} as ${alias}`]);
    }
  }
  for (const module of modules) {
    lines.push(`export * from './${module}';`);
    const names = explicit.get(module);
    if (names) lines.push(`export { ${names.join(', ')} } from './${module}';`);
  }
  return { path: `${folder}/index.ts`, text: `${lines.join('\n')}\n`, exports: [] };
}

/** `autoscaling-v1` → `AutoscalingV1`, `resource-v1alpha3` → `ResourceV1Alpha3`. */
function moduleSuffix(module: string): string {
  const m = /^(.*?)-?(v\d+(?:(?:alpha|beta)\d+)?)$/.exec(module);
  return m ? `${m[1] ? typeName(m[1]) : ''}${versionSuffix(m[2])}` : typeName(module);
}

/** Stable before beta before alpha, newer before older; then by name. */
function preferred(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(module: string): number[] {
  const m = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(module);
  if (!m) return [0, 0, 0];
  const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}
