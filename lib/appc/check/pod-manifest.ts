/** PodManifest (docs/appc.md §3), with the cross-references the spec implies but actool does not check. */
import { checkApp, checkPort } from './app';
import { checkImageId, checkKindAndVersion } from './image-manifest';
import { Reporter } from './issues';
import { checkIsolators } from './isolators';
import { checkAnnotations, checkLabels } from './metadata';
import { checkWith, isObject, JsonObject, readBoolean, readInteger, readList, readObject, readString, readStringMap, reportUnknownKeys } from './shape';
import { absolutePath, acIdentifier, acName, ipv4 } from './values';

export const POD_MANIFEST_KEYS = ['acVersion', 'acKind', 'apps', 'volumes', 'isolators', 'annotations', 'ports', 'userAnnotations', 'userLabels'];

export function checkPodManifest(r: Reporter, manifest: JsonObject): void {
  reportUnknownKeys(r, manifest, POD_MANIFEST_KEYS);
  checkKindAndVersion(r, manifest, 'PodManifest');
  const volumes = checkVolumes(r.at('volumes'), manifest.volumes);
  const appPorts = checkApps(r.at('apps'), manifest.apps, volumes);
  checkIsolators(r.at('isolators'), manifest.isolators, 'pod');
  checkAnnotations(r.at('annotations'), manifest.annotations);
  checkPodPorts(r.at('ports'), manifest.ports, appPorts);
  readStringMap(r.at('userAnnotations'), manifest.userAnnotations);
  readStringMap(r.at('userLabels'), manifest.userLabels);
}

/** App port names in the pod; `complete` is false when an app uses its image's ports, which a manifest cannot see. */
interface AppPorts {
  readonly names: Set<string>;
  readonly complete: boolean;
}

function checkApps(r: Reporter, value: unknown, volumes: Set<string>): AppPorts {
  const apps = readList(r, value, { required: true });
  const names = new Set<string>();
  const ports = new Set<string>();
  let complete = true;
  if (apps?.length === 0) r.warn('is empty: the pod runs nothing');
  apps?.forEach((item, i) => {
    const at = r.at(i);
    const app = readObject(at, item, { required: true });
    if (!app) return;
    reportUnknownKeys(at, app, ['name', 'image', 'app', 'readOnlyRootFS', 'mounts', 'annotations']);
    const name = readString(at.at('name'), app.name, { required: true });
    if (checkWith(at.at('name'), name, acName) && name !== undefined) {
      if (names.has(name)) at.at('name').error('must be unique within the pod', name);
      names.add(name);
    }
    checkRuntimeImage(at.at('image'), app.image);
    // Port names are unique across the pod (pod ports refer to them), so every app checks into one set.
    if (!isObject(app.app)) complete = false;
    checkApp(at.at('app'), app.app, ports);
    readBoolean(at.at('readOnlyRootFS'), app.readOnlyRootFS);
    checkMounts(at.at('mounts'), app.mounts, volumes);
    checkAnnotations(at.at('annotations'), app.annotations);
  });
  return { names: ports, complete };
}

function checkRuntimeImage(r: Reporter, value: unknown): void {
  const image = readObject(r, value, { required: true });
  if (!image) return;
  reportUnknownKeys(r, image, ['id', 'name', 'labels']);
  if (image.id === undefined || image.id === null) r.at('id').warn('is missing: this is a pod template, which must be reified with image IDs before an executor runs it');
  else checkImageId(r.at('id'), image.id, true);
  checkWith(r.at('name'), readString(r.at('name'), image.name), acIdentifier);
  checkLabels(r.at('labels'), image.labels);
}

function checkMounts(r: Reporter, value: unknown, volumes: Set<string>): void {
  const paths = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const mount = readObject(at, item, { required: true });
    if (!mount) return;
    reportUnknownKeys(at, mount, ['volume', 'path', 'appVolume']);
    const path = readString(at.at('path'), mount.path, { required: true, nonEmpty: true });
    if (checkWith(at.at('path'), path, absolutePath) && path !== undefined) {
      if (paths.has(path)) at.at('path').error('must be unique: another mount of this app uses this path', path);
      paths.add(path);
    }
    if (mount.appVolume !== undefined && mount.appVolume !== null) {
      checkVolume(at.at('appVolume'), mount.appVolume);
      return;
    }
    const volume = readString(at.at('volume'), mount.volume, { required: true });
    if (checkWith(at.at('volume'), volume, acName) && volume !== undefined && !volumes.has(volume)) {
      at.at('volume').error('must name a volume of the pod', volume);
    }
  });
}

function checkVolumes(r: Reporter, value: unknown): Set<string> {
  const names = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const name = checkVolume(r.at(i), item);
    if (name === undefined) return;
    if (names.has(name)) r.at(i).at('name').error('must be unique within the pod', name);
    names.add(name);
  });
  return names;
}

function checkVolume(r: Reporter, value: unknown): string | undefined {
  const volume = readObject(r, value, { required: true });
  if (!volume) return undefined;
  reportUnknownKeys(r, volume, ['name', 'kind', 'source', 'readOnly', 'recursive', 'mode', 'uid', 'gid']);
  const name = readString(r.at('name'), volume.name, { required: true });
  const kind = readString(r.at('kind'), volume.kind, { required: true });
  readBoolean(r.at('readOnly'), volume.readOnly);
  readBoolean(r.at('recursive'), volume.recursive);
  const mode = readString(r.at('mode'), volume.mode);
  readInteger(r.at('uid'), volume.uid, { min: 0 });
  readInteger(r.at('gid'), volume.gid, { min: 0 });
  if (kind !== undefined && kind !== 'host' && kind !== 'empty') r.at('kind').error('must be "host" or "empty"', kind);
  if (kind === 'host') {
    checkWith(r.at('source'), readString(r.at('source'), volume.source, { required: true, nonEmpty: true }), absolutePath);
    for (const field of ['mode', 'uid', 'gid'] as const) {
      if (volume[field] !== undefined && volume[field] !== null) r.at(field).error('must not be set for a host volume (it belongs to "empty" volumes)', volume[field]);
    }
  }
  if (kind === 'empty') {
    if (volume.source !== undefined && volume.source !== null && volume.source !== '') r.at('source').error('must not be set for an empty volume', volume.source);
    if (volume.recursive !== undefined && volume.recursive !== null) r.at('recursive').warn('has no meaning for an empty volume', volume.recursive);
    if (mode !== undefined && !/^0?[0-7]{3}$/.test(mode)) r.at('mode').error('must be an octal permission string such as "0755"', mode);
  }
  return checkWith(r.at('name'), name, acName) ? name : undefined;
}

function checkPodPorts(r: Reporter, value: unknown, appPorts: AppPorts): void {
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const port = readObject(at, item, { required: true });
    if (!port) return;
    reportUnknownKeys(at, port, ['name', 'hostPort', 'hostIP', 'podPort']);
    const name = readString(at.at('name'), port.name, { required: true });
    const hostPort = readInteger(at.at('hostPort'), port.hostPort, { required: true, min: 1, max: 65535 });
    const hostIP = readString(at.at('hostIP'), port.hostIP, { nonEmpty: true });
    checkWith(at.at('hostIP'), hostIP, ipv4);
    const hasPodPort = port.podPort !== undefined && port.podPort !== null;
    if (hasPodPort) checkPort(at.at('podPort'), port.podPort);
    if (checkWith(at.at('name'), name, acName) && name !== undefined) {
      if (names.has(name)) at.at('name').error('must be unique: this app port is already exposed', name);
      names.add(name);
      if (!hasPodPort && appPorts.complete && !appPorts.names.has(name)) at.at('name').error('must name a port of an app in this pod (or give "podPort")', name);
    }
    if (hostPort !== undefined) {
      const key = `${hostIP ?? '0.0.0.0'}:${hostPort}`;
      if (hostPorts.has(key)) at.at('hostPort').error('must be unique: another pod port already uses this host port', hostPort);
      hostPorts.add(key);
    }
  });
}
