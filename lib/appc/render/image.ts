/**
 * Which image an app runs. A container image that names an `AppcImage` of the app (its `imageReference`) resolves
 * to that image's name, labels, full image ID and app; any other (Docker) reference becomes an image name plus
 * `version`, `os` and `arch` labels — a pod template, which an executor reifies by discovery.
 */
import { ISOLATOR } from '../spec';
import { AppcApp, NameValue, RuntimeImage } from '../types';
import { parseImageReference } from '../../validation/image';

export interface ResolvedImage {
  readonly image: RuntimeImage;
  /** The image's own app, when berth built the image; undefined for images it only knows by name. */
  readonly app?: AppcApp;
  /** Why the name had to change on the way to an AC Identifier (a registry port, uppercase, repeated separators). */
  readonly changed?: string;
  /** A digest the reference pinned, which appc cannot express (it pins by sha512 image ID). */
  readonly droppedDigest?: string;
}

export type ImageResolver = (reference: string) => ResolvedImage | undefined;

/** The platform berth assumes for images it only knows by a Docker reference. */
export const DEFAULT_PLATFORM = { os: 'linux', arch: 'amd64' } as const;

/**
 * Resolved Docker references, by reference: a large app runs a few images in many pods, and parsing a reference
 * was a tenth of rendering a pod. The results are shared between manifests, so they are frozen.
 */
const resolvedDockerImages = new Map<string, ResolvedImage>();
const CACHE_LIMIT = 10_000;

export function dockerImage(reference: string): ResolvedImage {
  let resolved = resolvedDockerImages.get(reference);
  if (!resolved) {
    resolved = deepFreeze(resolveDockerImage(reference));
    if (resolvedDockerImages.size >= CACHE_LIMIT) resolvedDockerImages.clear();
    resolvedDockerImages.set(reference, resolved);
  }
  return resolved;
}

function resolveDockerImage(reference: string): ResolvedImage {
  const parsed = parseImageReference(reference);
  const repository = parsed?.repository ?? reference;
  const tag = parsed?.tag ?? (parsed?.digest ? undefined : 'latest');
  const name = repository.toLowerCase().replace(/:[0-9]+(?=\/)/, '').replace(/([-._~/])[-._~/]+/g, '$1');
  const labels: NameValue[] = [
    ...(tag ? [{ name: 'version', value: tag }] : []),
    { name: 'os', value: DEFAULT_PLATFORM.os },
    { name: 'arch', value: DEFAULT_PLATFORM.arch },
  ];
  return {
    image: { name, labels },
    ...(name !== repository ? { changed: `"${repository}" is not an AC Identifier; the image is named "${name}"` } : {}),
    ...(parsed?.digest ? { droppedDigest: parsed.digest } : {}),
  };
}

/** Names of isolators the Kubernetes fields of a container set; the image's own isolators of these names are replaced. */
export const CONTAINER_ISOLATORS: readonly string[] = [ISOLATOR.cpu, ISOLATOR.memory, ISOLATOR.capsRetain, ISOLATOR.capsRemove, ISOLATOR.noNewPrivileges, ISOLATOR.seccompRetain, ISOLATOR.seccompRemove];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
