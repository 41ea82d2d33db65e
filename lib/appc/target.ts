/**
 * The appc target: after the Kubernetes YAML, every AppcImage of the app is built into `appc/images/` (archive,
 * manifest, image ID), then every pod of every pod source is written to `appc/<chart>/<pod>.pod.json`, once per
 * distinct pod (replicas are Kubernetes's business). Each manifest is checked by berth's own appc validator before
 * it is written: a manifest that fails the spec is a synth error naming the construct, never an output file.
 */
import * as path from 'path';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { App, SynthTarget, TargetContext } from '../app';
import { isPodSource } from '../../constructs/pod-source';
import { ProblemList } from '../problems';
import { chartFileBase } from '../synth/render';
import { allConstructs } from '../synth/rules';
import { RootfsError } from './aci/build';
import { validateManifest } from './check';
import { IAppcImage, isAppcImage } from './image-source';
import { ImageResolver, ResolvedImage } from './render/image';
import { renderPod } from './render/pod';
import { ImageManifest, manifestJson, PodManifest } from './types';

export const APPC_DIR = 'appc';
export const IMAGES_DIR = 'images';

export class AppcTarget implements SynthTarget {
  public readonly name = 'appc';

  /** A manifest per pod source (most render one pod), and three files per image. */
  public expectedFiles(constructs: readonly IConstruct[]): number {
    let files = 0;
    for (const construct of constructs) files += isPodSource(construct) ? 1 : isAppcImage(construct) ? 3 : 0;
    return files;
  }

  public render(app: App, context: TargetContext): void {
    const all = allConstructs(app);
    const resolved = this.renderImages(all.filter(isAppcImage), context);
    const resolve: ImageResolver = (reference) => resolved.get(reference);
    const written = new Map<string, string>();
    for (const source of all.filter(isPodSource)) {
      const pods = source.podsToRender();
      // what the pods of one source share (etcd members) is reported once; a single pod needs no bookkeeping
      const problems = pods.length > 1 ? context.problems(source.node.path).deduped() : context.problems(source.node.path);
      const chart = podDirectory(source);
      for (const { name, pod } of pods) {
        const manifest = renderPod(pod, resolve, problems);
        const file = path.join(APPC_DIR, chart, `${name}.pod.json`);
        const owner = written.get(file);
        if (owner) {
          problems.error('', `renders the appc pod ${file}, which ${owner} already renders`, { fix: 'give one of them another name' });
          continue;
        }
        written.set(file, source.node.path);
        if (checkOwnOutput(manifest, problems, 'PodManifest')) context.writeFile(file, manifestJson(manifest));
      }
    }
  }

  private renderImages(images: IAppcImage[], context: TargetContext): Map<string, ResolvedImage> {
    const resolved = new Map<string, ResolvedImage>();
    const files = new Map<string, string>();
    for (const image of images) {
      const problems = context.problems(image.node.path);
      const clash = resolved.has(image.imageReference) ? image.imageReference : files.get(image.fileBase);
      if (clash !== undefined) {
        problems.error('name', `gives the image reference "${image.imageReference}" (file ${image.fileBase}.aci), which another AppcImage of this app already has`, { fix: 'give it another name or version' });
        continue;
      }
      files.set(image.fileBase, image.imageReference);
      if (!checkOwnOutput(image.manifest, problems, 'ImageManifest')) continue;
      let built;
      try {
        built = image.buildArchive();
      } catch (error) {
        if (!(error instanceof RootfsError)) throw error;
        problems.error('rootfs', error.message);
        continue;
      }
      const base = path.join(APPC_DIR, IMAGES_DIR, image.fileBase);
      context.writeFile(`${base}.aci`, built.archive);
      context.writeFile(`${base}.aci.id`, `${built.imageId}\n`);
      context.writeFile(`${base}.manifest.json`, manifestJson(image.manifest));
      context.message(`appc image ${image.imageReference}: ${built.imageId} (${base}.aci)`);
      resolved.set(image.imageReference, { image: { id: built.imageId, name: image.manifest.name, labels: image.manifest.labels }, app: image.manifest.app });
    }
    return resolved;
  }
}

/**
 * Runs the validator on what berth is about to write; errors become synth errors of the construct. It checks the
 * rendered object, not its text parsed back (~80 ms and as much garbage for 10,000 pods): renderers build plain JSON
 * data, and the validator reads an undefined property as absent, as the text lacks it. test/appc/render.test.ts
 * checks that both give the same issues in every case it renders.
 */
function checkOwnOutput(manifest: ImageManifest | PodManifest, problems: ProblemList, kind: 'ImageManifest' | 'PodManifest'): boolean {
  const issues = validateManifest(manifest, kind).issues.filter((i) => i.severity === 'error' || i.actoolRejects);
  for (const issue of issues) {
    problems.error(`appc ${kind}${issue.path ? ` ${issue.path}` : ''}`, issue.message, 'value' in issue ? { value: issue.value } : {});
  }
  return issues.length === 0;
}

/** The directory of a construct's pods: its chart's file base, as the chart's YAML file is named. */
function podDirectory(construct: IConstruct): string {
  let chart: Chart;
  try {
    chart = Chart.of(construct);
  } catch {
    return 'app';
  }
  return chartFileBase(chart);
}
