import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ProblemList } from '../problems';
import { addRule, allConstructs } from './rules';

const rooted = new WeakSet<IConstruct>();

/**
 * Rules about the app as a whole, attached to the root the first time a berth construct joins it — so they run
 * under berth's App and under a plain cdk8s App alike, and only once per app.
 */
export function ensureAppRules(construct: IConstruct): void {
  const root = construct.node.root;
  if (rooted.has(root)) return;
  rooted.add(root);
  addRule(root, (problems) => checkUniqueNames(root, problems));
}

/** Two objects of one kind, namespace and name would overwrite each other when applied. */
function checkUniqueNames(root: IConstruct, problems: ProblemList): void {
  // Keyed level by level rather than by one joined string: the parts are strings already hashed, a joined key would be
  // a new string to flatten and hash for each of the app's objects.
  const seen: NestedMap = new Map();
  for (const construct of allConstructs(root)) {
    if (!ApiObject.isApiObject(construct)) continue;
    const namespace = construct.metadata.namespace ?? '';
    const names = level(level(level(seen, construct.apiGroup), construct.kind), namespace) as Map<string, ApiObject>;
    const first = names.get(construct.name);
    if (first) {
      const where = namespace ? ` in namespace "${namespace}"` : '';
      problems.error(
        '',
        `${construct.kind} name must be unique${where}: ${construct.node.path} and ${first.node.path} are both named "${construct.name}"`,
        { value: construct.name, fix: 'give one of them another metadata.name, or move it to another namespace' },
      );
    } else {
      names.set(construct.name, construct);
    }
  }
}

type NestedMap = Map<string, NestedMap | ApiObject>;

function level(map: NestedMap, key: string): NestedMap {
  let next = map.get(key) as NestedMap | undefined;
  if (!next) map.set(key, (next = new Map()));
  return next;
}
