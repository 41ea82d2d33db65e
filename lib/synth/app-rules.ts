import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ProblemList } from '../problems';
import { addRule, allConstructs, perPass } from './rules';

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
  const seen = perPass('object-identities', () => new Map<string, ApiObject>());
  seen.clear();
  for (const construct of allConstructs(root)) {
    if (!ApiObject.isApiObject(construct)) continue;
    const namespace = construct.metadata.namespace ?? '';
    const key = `${construct.apiGroup}/${construct.kind}/${namespace}/${construct.name}`;
    const first = seen.get(key);
    if (first) {
      const where = namespace ? ` in namespace "${namespace}"` : '';
      problems.error(
        '',
        `${construct.kind} name must be unique${where}: ${construct.node.path} and ${first.node.path} are both named "${construct.name}"`,
        { value: construct.name, fix: 'give one of them another metadata.name, or move it to another namespace' },
      );
    } else {
      seen.set(key, construct);
    }
  }
}
