import { MeasurementParams } from '../types';

/**
 * A measurement prepares what it needs outside the clock (the specs; input files in `scratch`) and returns the timed
 * part: build and synthesize into `outdir`. The child (child.ts) counts and hashes the YAML written there after the
 * clock stops, unless the timed part returns the number of objects itself.
 */
export type Measurement = (params: MeasurementParams, scratch: string) => (outdir: string) => number | void;

/**
 * Every measurement, loaded only when it runs: a child that measures berth never loads cdk8s-plus, whose modules
 * would count in berth's peak RSS.
 */
export const MEASUREMENTS: Readonly<Record<string, () => Promise<Measurement>>> = {
  berth: async () => (await import('./berth')).berth,
  'berth-k8s': async () => (await import('./berth')).berthK8s,
  'cdk8s-plus': async () => (await import('./cdk8s-plus')).cdk8sPlus,
  yaml: async () => (await import('./plain')).yaml,
  json: async () => (await import('./plain')).json,
  'berth-chain': async () => (await import('./chain')).berthChain,
  'cdk8s-chain': async () => (await import('./chain')).cdk8sChain,
  diff: async () => (await import('./diff')).diff,
};
