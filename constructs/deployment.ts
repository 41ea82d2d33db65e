import { Construct } from 'constructs';
import { renderPodTemplate } from '../lib/kubernetes/pod-spec';
import { ProblemList } from '../lib/problems';
import { checkNonNegativeInteger } from '../lib/validation/pod';
import { Workload, WorkloadProps } from './workload';

/** How old pods are replaced by new ones. */
export type DeploymentStrategy =
  | { readonly type: 'Recreate' }
  | {
      readonly type: 'RollingUpdate';
      /** Extra pods allowed during a rollout, a count or a percentage. @default '25%' */
      readonly maxSurge?: number | string;
      /** Pods that may be unavailable during a rollout, a count or a percentage. @default '25%' */
      readonly maxUnavailable?: number | string;
    };

export interface DeploymentProps extends WorkloadProps {
  /** @default 1 */
  readonly replicas?: number;
  /** @default - RollingUpdate with 25% surge and 25% unavailable (the API server's default) */
  readonly strategy?: DeploymentStrategy;
  /** @default 0 */
  readonly minReadySeconds?: number;
  /** @default 10 */
  readonly revisionHistoryLimit?: number;
  /** @default 600 */
  readonly progressDeadlineSeconds?: number;
}

/** Replicated pods with rolling updates: a ReplicationController that also manages how a new version rolls out. */
export class Deployment extends Workload {
  public readonly replicas: number;
  private readonly deploymentProps: DeploymentProps;

  constructor(scope: Construct, id: string, props: DeploymentProps = {}) {
    super(scope, id, props, { apiVersion: 'apps/v1', kind: 'Deployment', controlled: true });
    this.replicas = props.replicas ?? 1;
    this.deploymentProps = props;
  }

  protected override renderSpec(): unknown {
    const { strategy, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds } = this.deploymentProps;
    return {
      replicas: this.replicas,
      minReadySeconds,
      revisionHistoryLimit,
      progressDeadlineSeconds,
      strategy: strategy && renderStrategy(strategy),
      selector: { matchLabels: this.podSelector },
      template: renderPodTemplate(this.pod),
    };
  }

  protected override checkKind(problems: ProblemList): void {
    const { strategy, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds } = this.deploymentProps;
    checkNonNegativeInteger(this.replicas, problems, 'replicas');
    checkNonNegativeInteger(minReadySeconds, problems, 'minReadySeconds');
    checkNonNegativeInteger(revisionHistoryLimit, problems, 'revisionHistoryLimit');
    checkNonNegativeInteger(progressDeadlineSeconds, problems, 'progressDeadlineSeconds');
    if (progressDeadlineSeconds !== undefined && minReadySeconds !== undefined && progressDeadlineSeconds <= minReadySeconds) {
      problems.error('progressDeadlineSeconds', 'must be greater than minReadySeconds', { value: progressDeadlineSeconds, fix: `use more than ${minReadySeconds}` });
    }
    if (strategy?.type === 'RollingUpdate') {
      for (const field of ['maxSurge', 'maxUnavailable'] as const) {
        const value = strategy[field];
        if (value !== undefined && !isCountOrPercent(value)) problems.error(`strategy.${field}`, 'must be a non-negative integer or a percentage such as "25%"', { value });
      }
      if (isZero(strategy.maxSurge) && isZero(strategy.maxUnavailable)) {
        problems.error('strategy', 'must allow maxSurge or maxUnavailable above zero, or no rollout can make progress', { value: strategy, fix: 'set maxSurge: 1' });
      }
    } else if (strategy !== undefined && strategy.type !== 'Recreate') {
      problems.error('strategy.type', 'must be RollingUpdate or Recreate', { value: (strategy as { type: unknown }).type });
    }
  }
}

function renderStrategy(strategy: DeploymentStrategy): unknown {
  if (strategy.type === 'Recreate') return { type: 'Recreate' };
  const { maxSurge, maxUnavailable } = strategy;
  return { type: 'RollingUpdate', rollingUpdate: maxSurge === undefined && maxUnavailable === undefined ? undefined : { maxSurge, maxUnavailable } };
}

function isCountOrPercent(value: number | string): boolean {
  return typeof value === 'number' ? Number.isInteger(value) && value >= 0 : /^[0-9]+%$/.test(value);
}

function isZero(value: number | string | undefined): boolean {
  return value === 0 || value === '0%';
}
