import { isRecord } from './fieldset';
import { DiffInputError, KubeObject } from './types';

/** Counts the API server requires to be non-negative (apps and batch validation), by kind. */
const NON_NEGATIVE: Record<string, readonly string[]> = {
  Deployment: ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'],
  ReplicaSet: ['replicas', 'minReadySeconds'],
  ReplicationController: ['replicas', 'minReadySeconds'],
  StatefulSet: ['replicas', 'minReadySeconds', 'revisionHistoryLimit'],
  DaemonSet: ['minReadySeconds', 'revisionHistoryLimit'],
  Job: ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds'],
};

/**
 * The rejections the API server would give for the most common invalid values (`kubectl diff` exits 2 on them,
 * d10 in the recorded fixtures): an offline diff must not report an update the server would refuse.
 */
export function checkDesired(objects: readonly KubeObject[]): void {
  const problems: string[] = [];
  for (const object of objects) {
    const fields = NON_NEGATIVE[object.kind];
    if (!fields || !isRecord(object.spec)) continue;
    for (const field of fields) {
      const value = object.spec[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        problems.push(`${object.kind} "${object.metadata.name}" is invalid: spec.${field}: Invalid value: ${JSON.stringify(value)}: must be an integer greater than or equal to 0`);
      }
    }
  }
  if (problems.length) throw new DiffInputError(problems.join('\n'));
}
