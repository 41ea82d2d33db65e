import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { buildAci, BuiltAci, InlineFile, RootfsError } from '../lib/appc/aci/build';
import { validateManifest } from '../lib/appc/check';
import { IAppcImage, isAppcImage, markAppcImage } from '../lib/appc/image-source';
import { AC_VERSION } from '../lib/appc/spec';
import { AppcApp, Dependency, ImageManifest, Isolator, nameValues, nonEmpty, nonEmptyMap } from '../lib/appc/types';
import { ProblemList } from '../lib/problems';
import { addRule } from '../lib/synth/rules';

/** A port the image's app listens on. */
export interface AppcImagePort {
  /** AC Name (lowercase letters, digits, "-"), the key pods use to expose it. */
  readonly name: string;
  readonly port: number;
  /** @default 'tcp' */
  readonly protocol?: string;
  /** Number of consecutive ports, starting at `port`. @default 1 */
  readonly count?: number;
  /** The executor opens the socket and passes it to the app (systemd socket activation). @default false */
  readonly socketActivated?: boolean;
}

/** The default execution parameters of an image (appc `app`). */
export interface AppcImageApp {
  /** argv; a relative argv[0] is looked up in PATH. @default - none: a pod must give exec */
  readonly exec?: readonly string[];
  /** User name, numeric uid, or an absolute path whose owner is used. @default '0' */
  readonly user?: string;
  /** @default '0' */
  readonly group?: string;
  /** @default - none */
  readonly supplementaryGIDs?: readonly number[];
  /** Absolute. @default '/' (the executor's default) */
  readonly workingDirectory?: string;
  /** Literal values, in this order. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly ports?: readonly AppcImagePort[];
  /** Places where the app expects a volume. @default - none */
  readonly mountPoints?: ReadonlyArray<{ readonly name: string; readonly path: string; readonly readOnly?: boolean }>;
  /** appc isolators (`resource/memory`, `os/linux/capabilities-retain-set`, …), checked against the spec. @default - none */
  readonly isolators?: readonly Isolator[];
  /** Commands run before the app starts and after it stops (appc event handlers). @default - none */
  readonly eventHandlers?: { readonly preStart?: readonly string[]; readonly postStop?: readonly string[] };
  /** @default - none */
  readonly userAnnotations?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly userLabels?: Readonly<Record<string, string>>;
}

/** An image this one is layered on, by name and labels (and optionally pinned by ID). */
export interface AppcDependency {
  readonly imageName: string;
  /** @default - resolved by discovery from name and labels */
  readonly imageId?: string;
  /** @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Size of the dependency's uncompressed tar, in bytes. @default - not checked */
  readonly size?: number;
}

export interface AppcImageProps {
  /** The image name: an AC Identifier such as `example.com/web`. */
  readonly name: string;
  /** The `version` label; with `name` it identifies the image. @default - no version label */
  readonly version?: string;
  /** @default 'linux' */
  readonly os?: string;
  /** appc spelling: `amd64`, `aarch64`, `i386`, … @default 'amd64' */
  readonly arch?: string;
  /** Further labels, after version, os and arch. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none: the image is a filesystem layer for others */
  readonly app?: AppcImageApp;
  /** Images whose rootfs this one is rendered on, in order. An AppcImage of this app is pinned by its ID. @default - none */
  readonly dependencies?: ReadonlyArray<AppcImage | AppcDependency>;
  /** Image annotations (`authors`, `homepage`, `created`, …). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Absolute paths kept after rendering dependencies; empty keeps everything. @default - none */
  readonly pathWhitelist?: readonly string[];
  /** A directory whose contents become the image's rootfs (relative to the working directory). @default - none */
  readonly rootfs?: string;
  /** Files of the rootfs given inline, by absolute path inside the image; they win over `rootfs`. @default - none */
  readonly files?: Readonly<Record<string, string | InlineFile>>;
  /** @default 'gzip' */
  readonly compression?: 'gzip' | 'none';
}

/**
 * An appc image: its ImageManifest and a reproducible `.aci` (fixed entry order, root owner, fixed modes and
 * mtimes), written to `appc/images/` by synth with its image ID (`sha512-` of the uncompressed tar). A container
 * runs it with `image: appcImage.imageReference`: Kubernetes YAML keeps that reference, and the appc pod pins the
 * image by name, labels and ID and starts from the image's app.
 */
export class AppcImage extends Construct implements IAppcImage {
  public readonly imageReference: string;
  public readonly fileBase: string;
  private readonly props: AppcImageProps;
  private built?: BuiltAci;

  constructor(scope: Construct, id: string, props: AppcImageProps) {
    super(scope, id);
    markAppcImage(this);
    this.props = props;
    this.imageReference = props.version ? `${props.name}:${props.version}` : props.name;
    this.fileBase = `${props.name.replace(/\//g, '_')}${props.version ? `-${props.version}` : ''}`;
    addRule(this, (problems) => this.check(problems));
  }

  /** The ImageManifest, keys in the spec's canonical order. */
  public get manifest(): ImageManifest {
    const p = this.props;
    return {
      acKind: 'ImageManifest',
      acVersion: AC_VERSION,
      name: p.name,
      labels: nameValues({ ...(p.version !== undefined ? { version: p.version } : {}), os: p.os ?? 'linux', arch: p.arch ?? 'amd64', ...p.labels }),
      app: p.app ? renderImageApp(p.app) : undefined,
      annotations: nameValues(p.annotations),
      dependencies: nonEmpty(p.dependencies?.map(renderDependency)),
      pathWhitelist: nonEmpty(p.pathWhitelist),
    };
  }

  /** The full image ID (`sha512-` + 128 hex digits), building the archive if needed. */
  public get imageId(): string {
    return this.buildArchive().imageId;
  }

  public buildArchive(): BuiltAci {
    this.built ??= buildAci({
      manifest: `${JSON.stringify(this.manifest)}\n`,
      rootfsDir: this.props.rootfs ? path.resolve(this.props.rootfs) : undefined,
      files: this.props.files,
      compression: this.props.compression,
    });
    return this.built;
  }

  private check(problems: ProblemList): void {
    let manifest: ImageManifest;
    try {
      manifest = this.manifest;
    } catch (error) {
      // A dependency that is an AppcImage is pinned by its ID, so its archive is built here; its own rules say why it failed.
      if (!(error instanceof RootfsError)) throw error;
      problems.error('dependencies', `include an AppcImage whose archive cannot be built: ${error.message}`);
      return;
    }
    // The manifest is what the rules are about: every issue of the spec validator, at its manifest path.
    for (const issue of validateManifest(JSON.parse(JSON.stringify(manifest)), 'ImageManifest').issues) {
      const details = 'value' in issue ? { value: issue.value } : {};
      // berth's own output must pass actool too, so what actool rejects is an error here, not a warning.
      if (issue.severity === 'error' || issue.actoolRejects) problems.error(`manifest.${issue.path}`, issue.message, details);
      else problems.warn(`manifest.${issue.path}`, issue.message, details);
    }
    const { rootfs, files } = this.props;
    if (rootfs !== undefined) {
      const stat = fs.statSync(path.resolve(rootfs), { throwIfNoEntry: false });
      if (!stat?.isDirectory()) problems.error('rootfs', stat ? 'must be a directory' : 'must be an existing directory', { value: rootfs });
    }
    for (const file of Object.keys(files ?? {})) {
      if (!file.startsWith('/') || file === '/' || path.posix.normalize(file) !== file) problems.error(`files["${file}"]`, 'must be a normalized absolute path of a file inside the image, such as "/etc/motd"', { value: file });
    }
  }
}

function renderImageApp(app: AppcImageApp): AppcApp {
  const handlers = [
    ...(app.eventHandlers?.preStart ? [{ name: 'pre-start' as const, exec: app.eventHandlers.preStart }] : []),
    ...(app.eventHandlers?.postStop ? [{ name: 'post-stop' as const, exec: app.eventHandlers.postStop }] : []),
  ];
  return {
    exec: app.exec,
    eventHandlers: nonEmpty(handlers),
    user: app.user ?? '0',
    group: app.group ?? '0',
    supplementaryGIDs: nonEmpty(app.supplementaryGIDs),
    workingDirectory: app.workingDirectory,
    environment: nameValues(app.environment),
    mountPoints: nonEmpty(app.mountPoints?.map((m) => ({ name: m.name, path: m.path, ...(m.readOnly ? { readOnly: true } : {}) }))),
    ports: nonEmpty(app.ports?.map((p) => ({ name: p.name, protocol: p.protocol ?? 'tcp', port: p.port, count: p.count ?? 1, socketActivated: p.socketActivated ?? false }))),
    isolators: nonEmpty(app.isolators),
    userAnnotations: nonEmptyMap(app.userAnnotations),
    userLabels: nonEmptyMap(app.userLabels),
  };
}

function renderDependency(dependency: AppcImage | AppcDependency): Dependency {
  if (isAppcImage(dependency)) {
    const image = dependency;
    const built = image.buildArchive();
    return { imageName: image.manifest.name, imageID: built.imageId, labels: image.manifest.labels, size: built.tarSize };
  }
  return { imageName: dependency.imageName, imageID: dependency.imageId, labels: nameValues(dependency.labels), size: dependency.size };
}
