/**
 * Boots synthesized etcd members as real `etcd` processes on 127.0.0.1, so tests check that a cluster berth
 * renders really forms. Each member is started the way the kubelet would start it (see ./kubelet), with the two
 * things this machine cannot give every pod mapped: DNS names and the pod network (each member's host name becomes
 * 127.0.0.1 with ports of its own), and volumes (a temporary directory per member and volume; Secret volumes get
 * the test's files). Every process runs in its own process group and is killed in `stop()`/`stopAll()`, and by an
 * exit hook if a test forgets.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { MemberSpec } from './etcd-members';

export { membersOfPods, membersOfStatefulSet } from './etcd-members';
export type { MemberSpec } from './etcd-members';

export const ETCD = '/usr/bin/etcd';
export const ETCDCTL = '/usr/bin/etcdctl';

export interface BootOptions {
  /** Secret name → key → file content, materialized for Secret volumes as the kubelet would. */
  readonly secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Client credentials for etcdctl and health checks when the cluster serves TLS (file paths). */
  readonly client?: { readonly cacert: string; readonly cert: string; readonly key: string };
  /** @default 45000 */
  readonly timeoutMs?: number;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

/** A cluster of real etcd processes booted from member specs. */
export class LocalCluster {
  /** Starts every member and waits (bounded) until each answers `/health` with true. */
  public static async start(members: readonly MemberSpec[], options: BootOptions = {}): Promise<LocalCluster> {
    // A free port can be taken by another process between our probe and etcd's bind: boot once more on new ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await LocalCluster.boot(members, options);
      } catch (error) {
        if (attempt >= 2 || !/address already in use/.test(String((error as Error).message))) throw error;
      }
    }
  }

  private static async boot(members: readonly MemberSpec[], options: BootOptions): Promise<LocalCluster> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-etcd-'));
    const cluster = new LocalCluster(members, root, options, await freePorts(members.flatMap((m) => m.container.ports ?? []).length));
    try {
      members.forEach((_, i) => cluster.launch(i));
      await cluster.waitHealthy(options.timeoutMs ?? 45_000);
      return cluster;
    } catch (error) {
      cluster.stopAll();
      throw error;
    }
  }

  /** The command line each member was started with, after mapping: for assertions and for reading failures. */
  public readonly commandLines: string[][] = [];
  private readonly children: Array<ChildProcess | undefined> = [];
  private readonly ports = new Map<string, number>();

  private constructor(
    private readonly members: readonly MemberSpec[],
    private readonly root: string,
    private readonly options: BootOptions,
    free: number[],
  ) {
    members.forEach((m, i) => (m.container.ports ?? []).forEach((p) => this.ports.set(`${i}:${p.containerPort}`, free.shift()!)));
  }

  /** Member `i`'s client URL on this machine. */
  public clientUrl(i: number): string {
    const port = (this.members[i].container.ports ?? []).find((p) => p.name === 'client')!.containerPort;
    return this.mapUrl(i, `${this.clientScheme(i)}://0.0.0.0:${port}`);
  }

  /** Runs etcdctl against the given members (default: all that are running) and returns its stdout. */
  public etcdctl(args: readonly string[], members: readonly number[] = this.runningMembers()): Promise<string> {
    const tls = this.options.client ? [`--cacert=${this.options.client.cacert}`, `--cert=${this.options.client.cert}`, `--key=${this.options.client.key}`] : [];
    const all = [`--endpoints=${members.map((i) => this.clientUrl(i)).join(',')}`, '--dial-timeout=5s', '--command-timeout=10s', ...tls, ...args];
    return new Promise((resolve, reject) => {
      execFile(ETCDCTL, all, { timeout: 20_000, env: { PATH: process.env.PATH, ETCDCTL_API: '3' } }, (error, stdout, stderr) => {
        if (error) reject(new Error(`etcdctl ${args.join(' ')} failed: ${stderr || error.message}`));
        else resolve(stdout);
      });
    });
  }

  /** Index of the member that is the Raft leader now. */
  public async leader(): Promise<number> {
    // Member IDs are 64-bit: quote them before JSON.parse rounds them to doubles.
    const text = (await this.etcdctl(['endpoint', 'status', '-w', 'json'])).replace(/"(member_id|leader)":(\d+)/g, '"$1":"$2"');
    const statuses = JSON.parse(text) as Array<{ Endpoint: string; Status: { header: { member_id: string }; leader: string } }>;
    const leader = statuses.find((s) => s.Status.header.member_id === s.Status.leader);
    const index = leader ? this.members.findIndex((_, i) => this.children[i] && this.clientUrl(i) === leader.Endpoint) : -1;
    if (index < 0) throw new Error(`no leader among ${JSON.stringify(statuses)}`);
    return index;
  }

  /** Runs one of member `i`'s HTTP probes as the kubelet would (it skips certificate checks and sends no client certificate). */
  public async probe(i: number, kind: 'readinessProbe' | 'livenessProbe'): Promise<{ status: number; body: string }> {
    const get = this.members[i].container[kind]?.httpGet;
    if (!get) throw new Error(`member ${i} has no ${kind}.httpGet`);
    const containerPort = typeof get.port === 'number' ? get.port : (this.members[i].container.ports ?? []).find((p) => p.name === get.port)?.containerPort;
    const port = this.ports.get(`${i}:${containerPort}`);
    if (!port) throw new Error(`member ${i}: ${kind} port ${get.port} is not a container port`);
    return httpGet(`${(get.scheme ?? 'HTTP').toLowerCase()}://127.0.0.1:${port}${get.path ?? '/'}`, { rejectUnauthorized: false });
  }

  /** Stops member `i` as the kubelet would (SIGTERM, then SIGKILL after a bound). */
  public async stop(i: number): Promise<void> {
    const child = this.children[i];
    if (!child) return;
    const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    running.delete(child);
    this.children[i] = undefined;
  }

  /** Kills every member at once and removes the data directories; safe to call twice. */
  public stopAll(): void {
    for (const child of this.children) {
      if (!child) continue;
      killGroup(child, 'SIGKILL');
      running.delete(child);
    }
    this.children.length = 0;
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** The last lines a member logged, for failure messages. */
  public log(i: number): string {
    const file = path.join(this.root, `${this.members[i].name}.log`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '';
  }

  private runningMembers(): number[] {
    return this.members.map((_, i) => i).filter((i) => this.children[i]);
  }

  private clientScheme(i: number): string {
    const flag = this.members[i].argv.find((a) => a.startsWith('--listen-client-urls='));
    return flag?.includes('https://') ? 'https' : 'http';
  }

  private launch(i: number): void {
    const spec = this.members[i];
    if (path.basename(spec.argv[0]) !== 'etcd') throw new Error(`member ${spec.name} runs ${spec.argv[0]}, not etcd`);
    const mounts = this.materializeVolumes(i);
    const args = spec.argv.slice(1).map((arg) => this.mapPaths(this.mapUrls(i, arg), mounts, spec.name));
    this.commandLines[i] = [ETCD, ...args];
    const log = fs.openSync(path.join(this.root, `${spec.name}.log`), 'w');
    const child = spawn(ETCD, args, { env: { PATH: process.env.PATH, ...Object.fromEntries(spec.env) }, detached: true, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    running.add(child);
    this.children[i] = child;
  }

  /** Each volume a directory of its own: claims and emptyDirs empty, Secrets with their keys as files. */
  private materializeVolumes(i: number): Array<[string, string]> {
    const spec = this.members[i];
    const dirs = new Map<string, string>();
    for (const volume of spec.volumes) {
      const dir = path.join(this.root, spec.name, volume.name);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (volume.secret) {
        const data = this.options.secrets?.[volume.secret.secretName];
        if (!data) throw new Error(`member ${spec.name} mounts Secret ${volume.secret.secretName}, which the test did not provide`);
        for (const [key, content] of Object.entries(data)) fs.writeFileSync(path.join(dir, key), content, { mode: volume.secret.defaultMode ?? 0o644 });
      } else if (!volume.emptyDir && !volume.persistentVolumeClaim) {
        throw new Error(`volume ${volume.name}: only emptyDir, persistentVolumeClaim and secret are materialized here`);
      }
      dirs.set(volume.name, dir);
    }
    return (spec.container.volumeMounts ?? [])
      .map((m): [string, string] => {
        const dir = dirs.get(m.name);
        if (!dir) throw new Error(`member ${spec.name} mounts ${m.name}, which is not a volume of the pod`);
        return [m.mountPath, dir];
      })
      .sort((a, b) => b[0].length - a[0].length);
  }

  /** Every URL in an argument, with its host resolved to a member and mapped to 127.0.0.1 and that member's port. */
  private mapUrls(i: number, arg: string): string {
    return arg.replace(/\b(https?):\/\/([^/:,\s]+):(\d+)/g, (url) => this.mapUrl(i, url));
  }

  private mapUrl(i: number, url: string): string {
    const match = /^(https?):\/\/([^/:,\s]+):(\d+)$/.exec(url)!;
    const [, scheme, host, port] = match;
    const target = ['0.0.0.0', '127.0.0.1', 'localhost'].includes(host) ? i : this.members.findIndex((m) => host === m.dnsPrefix || host.startsWith(`${m.dnsPrefix}.`));
    if (target < 0) throw new Error(`member ${this.members[i].name}: ${url} names no member`);
    const mapped = this.ports.get(`${target}:${port}`);
    if (!mapped) throw new Error(`member ${this.members[i].name}: ${url} is not a container port of ${this.members[target].name}`);
    return `${scheme}://127.0.0.1:${mapped}`;
  }

  /** A flag's absolute path must lie on a volume (else the data would live in the container's writable layer). */
  private mapPaths(arg: string, mounts: ReadonlyArray<[string, string]>, name: string): string {
    const eq = arg.indexOf('=');
    const value = eq < 0 ? '' : arg.slice(eq + 1);
    if (!value.startsWith('/')) return arg;
    const mount = mounts.find(([mountPath]) => value === mountPath || value.startsWith(`${mountPath}/`));
    if (!mount) throw new Error(`member ${name}: ${arg} is not on a volume`);
    return `${arg.slice(0, eq + 1)}${mount[1]}${value.slice(mount[0].length)}`;
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(this.members.map((_, i) => i));
    while (pending.size > 0) {
      for (const i of [...pending]) {
        const child = this.children[i];
        if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`member ${this.members[i].name} exited (${child.exitCode ?? child.signalCode}):\n${this.log(i)}`);
        const health = await this.health(i).catch(() => undefined);
        if (health === true) pending.delete(i);
      }
      if (pending.size === 0) break;
      if (Date.now() > deadline) throw new Error(`members not healthy after ${timeoutMs} ms: ${[...pending].map((i) => `${this.members[i].name}:\n${this.log(i)}`).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async health(i: number): Promise<boolean> {
    const client = this.options.client;
    const tls = client ? { ca: fs.readFileSync(client.cacert), cert: fs.readFileSync(client.cert), key: fs.readFileSync(client.key) } : {};
    const response = await httpGet(`${this.clientUrl(i)}/health`, tls);
    return response.status === 200 && (JSON.parse(response.body) as { health?: string }).health === 'true';
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function httpGet(url: string, tls: https.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const request = get(url, { ...tls, timeout: 3_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

/** Ports free on 127.0.0.1 (all held open together, so none is handed out twice). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
