/** ImageManifest (docs/appc.md §2). */
import { checkApp } from './app';
import { Reporter } from './issues';
import { checkAnnotations, checkLabels } from './metadata';
import { checkWith, readInteger, readList, readObject, readString, reportUnknownKeys, JsonObject } from './shape';
import { absolutePath, acIdentifier, acVersion, imageId, imageIdWarning } from './values';

export const IMAGE_MANIFEST_KEYS = ['acKind', 'acVersion', 'name', 'labels', 'app', 'annotations', 'dependencies', 'pathWhitelist'];

export function checkImageManifest(r: Reporter, manifest: JsonObject): void {
  reportUnknownKeys(r, manifest, IMAGE_MANIFEST_KEYS);
  checkKindAndVersion(r, manifest, 'ImageManifest');
  checkWith(r.at('name'), readString(r.at('name'), manifest.name, { required: true }), acIdentifier);
  checkLabels(r.at('labels'), manifest.labels);
  checkApp(r.at('app'), manifest.app);
  checkAnnotations(r.at('annotations'), manifest.annotations);
  checkDependencies(r.at('dependencies'), manifest.dependencies);
  const seen = new Set<string>();
  readList(r.at('pathWhitelist'), manifest.pathWhitelist)?.forEach((item, i) => {
    const path = readString(r.at('pathWhitelist').at(i), item, { required: true });
    if (!checkWith(r.at('pathWhitelist').at(i), path, absolutePath) || path === undefined) return;
    if (seen.has(path)) r.at('pathWhitelist').at(i).warn('is listed twice', path);
    seen.add(path);
  });
}

export function checkKindAndVersion(r: Reporter, manifest: JsonObject, kind: 'ImageManifest' | 'PodManifest'): void {
  const acKind = readString(r.at('acKind'), manifest.acKind, { required: true });
  if (acKind !== undefined && acKind !== kind) r.at('acKind').error(`must be "${kind}"`, acKind);
  checkWith(r.at('acVersion'), readString(r.at('acVersion'), manifest.acVersion, { required: true }), acVersion);
}

export function checkImageId(r: Reporter, value: unknown, required: boolean): void {
  const id = readString(r, value, { required });
  if (!checkWith(r, id, imageId) || id === undefined) return;
  const warning = imageIdWarning(id);
  if (warning) r.warn(warning, id);
}

function checkDependencies(r: Reporter, value: unknown): void {
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const dependency = readObject(at, item, { required: true });
    if (!dependency) return;
    reportUnknownKeys(at, dependency, ['imageName', 'imageID', 'labels', 'size']);
    checkWith(at.at('imageName'), readString(at.at('imageName'), dependency.imageName, { required: true }), acIdentifier);
    checkImageId(at.at('imageID'), dependency.imageID, false);
    checkLabels(at.at('labels'), dependency.labels);
    readInteger(at.at('size'), dependency.size, { min: 0 });
  });
}
