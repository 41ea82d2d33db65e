/** The `app` object (docs/appc.md §2.2): of an ImageManifest, or a pod's complete replacement `apps[].app`. */
import { Reporter } from './issues';
import { checkIsolators } from './isolators';
import { checkWith, readBoolean, readInteger, readList, readObject, readString, readStringMap, reportUnknownKeys } from './shape';
import { absolutePath, acName, envName } from './values';

const APP_KEYS = ['exec', 'eventHandlers', 'user', 'group', 'supplementaryGIDs', 'workingDirectory', 'environment', 'mountPoints', 'ports', 'isolators', 'userAnnotations', 'userLabels'];
// The spec's own example spells it supplementaryGids; the reference code reads both.
const APP_KEYS_READ = [...APP_KEYS, 'supplementaryGids'];

/** `portNames` collects port names across the apps of a pod, where they must be unique. */
export function checkApp(r: Reporter, value: unknown, portNames = new Set<string>()): void {
  const app = readObject(r, value);
  if (!app) return;
  reportUnknownKeys(r, app, APP_KEYS_READ);
  checkArgv(r.at('exec'), app.exec, false);
  checkEventHandlers(r.at('eventHandlers'), app.eventHandlers);
  readString(r.at('user'), app.user, { required: true, nonEmpty: true });
  readString(r.at('group'), app.group, { required: true, nonEmpty: true });
  const gidsKey = app.supplementaryGIDs === undefined && app.supplementaryGids !== undefined ? 'supplementaryGids' : 'supplementaryGIDs';
  readList(r.at(gidsKey), app[gidsKey])?.forEach((gid, i) => readInteger(r.at(gidsKey).at(i), gid, { required: true, min: 0 }));
  checkWith(r.at('workingDirectory'), readString(r.at('workingDirectory'), app.workingDirectory, { nonEmpty: true }), absolutePath);
  checkEnvironment(r.at('environment'), app.environment);
  checkMountPoints(r.at('mountPoints'), app.mountPoints);
  checkPorts(r.at('ports'), app.ports, portNames);
  checkIsolators(r.at('isolators'), app.isolators, 'app');
  readStringMap(r.at('userAnnotations'), app.userAnnotations);
  readStringMap(r.at('userLabels'), app.userLabels);
}

function checkArgv(r: Reporter, value: unknown, required: boolean): void {
  const argv = readList(r, value, { required });
  if (!argv) return;
  if (required && argv.length === 0) r.error('must not be empty');
  argv.forEach((arg, i) => readString(r.at(i), arg, { required: true }));
  if (typeof argv[0] === 'string' && argv[0] === '') r.at(0).error('must not be empty: it is the program to run');
}

function checkEventHandlers(r: Reporter, value: unknown): void {
  const seen = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const handler = readObject(at, item, { required: true });
    if (!handler) return;
    reportUnknownKeys(at, handler, ['name', 'exec']);
    const name = readString(at.at('name'), handler.name, { required: true, nonEmpty: true });
    if (name !== undefined && name !== 'pre-start' && name !== 'post-stop') at.at('name').error('must be "pre-start" or "post-stop"', name);
    else if (name !== undefined && seen.has(name)) at.at('name').error(`must be unique: there is already a "${name}" handler`, name);
    if (name !== undefined) seen.add(name);
    checkArgv(at.at('exec'), handler.exec, true);
  });
}

function checkEnvironment(r: Reporter, value: unknown): void {
  const seen = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const variable = readObject(at, item, { required: true });
    if (!variable) return;
    reportUnknownKeys(at, variable, ['name', 'value']);
    const name = readString(at.at('name'), variable.name, { required: true });
    readString(at.at('value'), variable.value, { required: true });
    if (!checkWith(at.at('name'), name, envName) || name === undefined) return;
    if (seen.has(name)) at.at('name').error('must be unique: this variable is already set', name);
    seen.add(name);
  });
}

function checkMountPoints(r: Reporter, value: unknown): void {
  const names = new Set<string>();
  const paths = new Set<string>();
  readList(r, value)?.forEach((item, i) => {
    const at = r.at(i);
    const mountPoint = readObject(at, item, { required: true });
    if (!mountPoint) return;
    reportUnknownKeys(at, mountPoint, ['name', 'path', 'readOnly']);
    const name = readString(at.at('name'), mountPoint.name, { required: true });
    const path = readString(at.at('path'), mountPoint.path, { required: true, nonEmpty: true });
    readBoolean(at.at('readOnly'), mountPoint.readOnly);
    if (checkWith(at.at('name'), name, acName) && name !== undefined) {
      if (names.has(name)) at.at('name').error('must be unique: volumes are matched to mount points by this name', name);
      names.add(name);
    }
    if (checkWith(at.at('path'), path, absolutePath) && path !== undefined) {
      if (paths.has(path)) at.at('path').error('must be unique: another mount point already uses this path', path);
      paths.add(path);
    }
  });
}

/** App ports: unique AC Name names (the pod-level key), a protocol, and ranges that fit 1–65535 and do not overlap. */
export function checkPorts(r: Reporter, value: unknown, names = new Set<string>()): void {
  const ranges: PortRange[] = [];
  readList(r, value)?.forEach((item, i) => checkPort(r.at(i), item, names, ranges));
}

interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

export function checkPort(at: Reporter, item: unknown, names = new Set<string>(), ranges: PortRange[] = []): void {
  const port = readObject(at, item, { required: true });
  if (!port) return;
  reportUnknownKeys(at, port, ['name', 'protocol', 'port', 'count', 'socketActivated']);
  const name = readString(at.at('name'), port.name, { required: true });
  const protocol = readString(at.at('protocol'), port.protocol, { required: true, nonEmpty: true });
  const number = readInteger(at.at('port'), port.port, { required: true, min: 1, max: 65535 });
  const count = readInteger(at.at('count'), port.count, { min: 1 }) ?? (port.count === undefined || port.count === null ? 1 : undefined);
  readBoolean(at.at('socketActivated'), port.socketActivated);
  if (checkWith(at.at('name'), name, acName) && name !== undefined) {
    if (names.has(name)) at.at('name').error('must be unique across the pod: pod ports refer to app ports by name', name);
    names.add(name);
  }
  if (protocol !== undefined && protocol !== protocol.toLowerCase()) at.at('protocol').warn('is conventionally lowercase ("tcp", "udp"); executors compare it as written', protocol);
  if (number === undefined || count === undefined) return;
  const to = number + count - 1;
  if (to > 65535) at.at('count').error(`must keep the range inside 1–65535: ${number}+${count}-1 = ${to}`, count);
  const proto = (protocol ?? '').toLowerCase();
  const clash = ranges.find((other) => other.protocol === proto && number <= other.to && to >= other.from);
  if (clash) at.at('port').error(`must not overlap another ${proto} port of this app (${clash.from}${clash.to > clash.from ? `–${clash.to}` : ''})`, number);
  ranges.push({ protocol: proto, from: number, to });
}
