import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { dependenciesOf, dependencyOrder } from './dependency-order';
import { perPass, treeListing } from './rules';

/** One Kubernetes YAML file of the output: its name and the API objects in it, in order. */
export interface ManifestFile {
  readonly fileName: string;
  readonly objects: readonly ApiObject[];
}

/**
 * The files cdk8s's `App.synth()` writes, with the same names and the same objects in the same order — computed in
 * time linear in the app. cdk8s renders each chart through `Chart.toJson()`, which re-resolves dependencies and
 * re-validates the whole app for every chart (quadratic in charts), and orders objects with a recursive graph
 * walk that overflows the stack on long dependency chains.
 *
 * Returns undefined for output layouts this renderer does not take over (file per resource, construct metadata):
 * the caller then lets cdk8s write them.
 */
export function planManifests(app: App): ManifestFile[] | undefined {
  if ((app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata) return undefined; // private in cdk8s's types
  const layout = app.yamlOutputType;
  if (layout !== YamlOutputType.FILE_PER_CHART && layout !== YamlOutputType.FILE_PER_APP) return undefined;

  const subtrees = new SubtreeCache(app);
  const hasDependantCharts = resolveDependencies(app, subtrees);
  const charts = dependencyOrder(subtrees.of(app)).filter((c): c is Chart => Chart.isChart(c));
  const objectsOf = (chart: Chart): ApiObject[] =>
    dependencyOrder(subtrees.of(chart)).filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);

  if (layout === YamlOutputType.FILE_PER_APP) {
    return charts.length === 0 ? [] : [{ fileName: `app${app.outputFileExtension}`, objects: charts.flatMap(objectsOf) }];
  }
  return charts.map((chart, index) => ({
    // cdk8s numbers the files (0000-name) as soon as any chart depends on another, so they apply in order
    fileName: `${hasDependantCharts ? `${String(index).padStart(4, '0')}-` : ''}${chartFileBase(chart)}${app.outputFileExtension}`,
    objects: objectsOf(chart),
  }));
}

/**
 * The base of a chart's file names, as cdk8s names its YAML file (`Names.toDnsLabel`, which hashes the chart's path),
 * computed once per pass: the YAML plan and the appc target each name every chart.
 */
export function chartFileBase(chart: Chart): string {
  const bases = perPass('chart-file-bases', () => new Map<Chart, string>());
  let base = bases.get(chart);
  if (base === undefined) bases.set(chart, (base = Names.toDnsLabel(chart)));
  return base;
}

/** `node.findAll()` of a construct, computed once per render (from the pass's listing of the app, for charts). */
class SubtreeCache {
  private readonly cache = new Map<IConstruct, readonly IConstruct[]>();

  public constructor(private readonly app: App) {}

  public of(construct: IConstruct): readonly IConstruct[] {
    let all = this.cache.get(construct);
    if (!all) {
      all = treeListing(this.app).subtree(construct);
      this.cache.set(construct, all);
    }
    return all;
  }
}

/**
 * What cdk8s's synth does to the tree before ordering (and every cdk8s synth does again): a chart depends on the
 * charts nested in it and on the charts its constructs depend on, and each API object depends on the API objects
 * its constructs' dependencies own. Same edges, added in the same order, so the order of output is the same.
 */
function resolveDependencies(app: App, subtrees: SubtreeCache): boolean {
  let hasDependantCharts = false;
  const all = subtrees.of(app);
  // Each chart nested in a chart: found from the child's side, as listing a chart's children copies them all (a chart
  // of 20,000 objects took ~20 ms). A parent's dependencies are added in the order of its children, as cdk8s does.
  for (const child of all) {
    if (!Chart.isChart(child)) continue;
    const parent = child.node.scope;
    if (!parent || !Chart.isChart(parent)) continue;
    parent.node.addDependency(child);
    hasDependantCharts = true;
  }
  for (const { source, target } of dependencies(all)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  const ownObjects = (construct: IConstruct, chart: Chart): ApiObject[] =>
    subtrees.of(construct).filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
  for (const { source, target } of dependencies(all)) {
    const targets = ownObjects(target, Chart.of(target));
    if (targets.length === 0) continue;
    for (const sourceObject of ownObjects(source, Chart.of(source))) {
      for (const targetObject of targets) if (targetObject !== sourceObject) sourceObject.node.addDependency(targetObject);
    }
  }
  return hasDependantCharts;
}

function dependencies(all: readonly IConstruct[]): Array<{ source: IConstruct; target: IConstruct }> {
  const found: Array<{ source: IConstruct; target: IConstruct }> = [];
  for (const source of all) for (const target of dependenciesOf(source)) found.push({ source, target });
  return found;
}
