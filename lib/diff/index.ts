export { diffObjects } from './engine';
export { loadObjects, parseObjects } from './load';
export { formatJson, formatText } from './render';
export type { TextOptions, TextStyle } from './render';
export { APPLYSET_LABEL, applysetId, defaultApplysetId, labelApplySetMembers } from './applyset';
export { DiffInputError, VERDICTS } from './types';
export type { Conflict, DiffOptions, DiffReport, KubeObject, ObjectDiff, Summary, Verdict } from './types';
export { diffAgainstCluster } from './cluster';
export type { ClusterDiffOptions, DryRunAnswer, LiveCluster } from './cluster';
