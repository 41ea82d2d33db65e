/**
 * The manifests berth writes, typed in the spec's field names. Key order in these interfaces is the canonical
 * order of the reference implementation (docs/appc.md §2–3); renderers build objects in this order so the JSON is
 * stable byte for byte.
 */
export interface NameValue {
  readonly name: string;
  readonly value: string;
}

export interface Isolator {
  readonly name: string;
  readonly value: unknown;
}

export interface AppPort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
  readonly count: number;
  readonly socketActivated: boolean;
}

export interface MountPoint {
  readonly name: string;
  readonly path: string;
  readonly readOnly?: boolean;
}

export interface EventHandler {
  readonly name: 'pre-start' | 'post-stop';
  readonly exec: readonly string[];
}

export interface AppcApp {
  readonly exec?: readonly string[];
  readonly eventHandlers?: readonly EventHandler[];
  readonly user: string;
  readonly group: string;
  readonly supplementaryGIDs?: readonly number[];
  readonly workingDirectory?: string;
  readonly environment?: readonly NameValue[];
  readonly mountPoints?: readonly MountPoint[];
  readonly ports?: readonly AppPort[];
  readonly isolators?: readonly Isolator[];
  readonly userAnnotations?: Readonly<Record<string, string>>;
  readonly userLabels?: Readonly<Record<string, string>>;
}

export interface Dependency {
  readonly imageName: string;
  readonly imageID?: string;
  readonly labels?: readonly NameValue[];
  readonly size?: number;
}

export interface ImageManifest {
  readonly acKind: 'ImageManifest';
  readonly acVersion: string;
  readonly name: string;
  readonly labels?: readonly NameValue[];
  readonly app?: AppcApp;
  readonly annotations?: readonly NameValue[];
  readonly dependencies?: readonly Dependency[];
  readonly pathWhitelist?: readonly string[];
}

export interface RuntimeImage {
  readonly id?: string;
  readonly name?: string;
  readonly labels?: readonly NameValue[];
}

export interface PodVolume {
  readonly name: string;
  readonly kind: 'host' | 'empty';
  readonly source?: string;
  readonly readOnly?: boolean;
  readonly recursive?: boolean;
  readonly mode?: string;
  readonly uid?: number;
  readonly gid?: number;
}

export interface PodMount {
  readonly volume: string;
  readonly path: string;
}

export interface RuntimeApp {
  readonly name: string;
  readonly image: RuntimeImage;
  readonly app?: AppcApp;
  readonly readOnlyRootFS?: boolean;
  readonly mounts?: readonly PodMount[];
  readonly annotations?: readonly NameValue[];
}

export interface PodPort {
  readonly name: string;
  readonly hostPort: number;
  readonly hostIP?: string;
}

export interface PodManifest {
  readonly acVersion: string;
  readonly acKind: 'PodManifest';
  readonly apps: readonly RuntimeApp[];
  readonly volumes?: readonly PodVolume[];
  readonly isolators?: readonly Isolator[];
  readonly annotations?: readonly NameValue[];
  readonly ports?: readonly PodPort[];
  readonly userAnnotations?: Readonly<Record<string, string>>;
  readonly userLabels?: Readonly<Record<string, string>>;
}

/** Stable text: two-space indentation, a final newline, empty lists and maps left out by the renderers. */
export function manifestJson(manifest: ImageManifest | PodManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `[{name, value}]` from a map, in the map's key order; undefined when empty. */
export function nameValues(map: Readonly<Record<string, string>> | undefined): NameValue[] | undefined {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([name, value]) => ({ name, value })) : undefined;
}

export function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length ? list : undefined;
}

export function nonEmptyMap(map: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> | undefined {
  return map && Object.keys(map).length ? map : undefined;
}
