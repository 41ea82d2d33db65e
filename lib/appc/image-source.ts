/**
 * What the appc target needs from an image construct (`AppcImage`): its manifest, its archive, and the reference
 * containers use to run it. Kept apart from the construct so the target finds images by brand, without importing
 * the construct (and without `instanceof`, which duplicate copies of berth in node_modules would break).
 */
import { IConstruct } from 'constructs';
import { BuiltAci } from './aci/build';
import { ImageManifest } from './types';

export interface IAppcImage extends IConstruct {
  /** What a container's `image` says to run this image: `<name>:<version>` (or `<name>` without a version). */
  readonly imageReference: string;
  /** File name (without extension) under `appc/images/`. */
  readonly fileBase: string;
  readonly manifest: ImageManifest;
  /** Builds the archive; throws RootfsError when the rootfs holds what an image cannot. */
  buildArchive(): BuiltAci;
}

const APPC_IMAGE = Symbol.for('berth.AppcImage');

export function markAppcImage(image: IAppcImage): void {
  Object.defineProperty(image, APPC_IMAGE, { value: true });
}

export function isAppcImage(x: unknown): x is IAppcImage {
  return typeof x === 'object' && x !== null && APPC_IMAGE in x;
}
