import { App, Chart, Deployment } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';

const container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] };

function chart(): Chart {
  return new Chart(new App(), 'test');
}

describe('Deployment', () => {
  test('defaults', () => {
    const c = chart();
    new Deployment(c, 'web', { containers: [container] });
    const objects = synth(c);
    expect(objects).toMatchSnapshot();
    const d = findObject(objects, 'Deployment', 'web');
    expect(d.apiVersion).toBe('apps/v1');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d.spec.strategy).toBeUndefined();
  });

  test('strategy, history and deadlines', () => {
    const c = chart();
    new Deployment(c, 'web', {
      containers: [container],
      replicas: 4,
      strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: '0%' },
      minReadySeconds: 5,
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: 120,
    });
    const d = findObject(synth(c), 'Deployment', 'web');
    expect(d.spec).toMatchObject({ replicas: 4, minReadySeconds: 5, revisionHistoryLimit: 3, progressDeadlineSeconds: 120 });
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } });
  });

  test('Recreate strategy', () => {
    const c = chart();
    new Deployment(c, 'web', { containers: [container], strategy: { type: 'Recreate' } });
    expect(findObject(synth(c), 'Deployment', 'web').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('fails when a rollout could never progress', () => {
    const c = chart();
    new Deployment(c, 'web', { containers: [container], strategy: { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 0 } });
    expect(problemsOf(c).map((p) => p.message)).toEqual(['must allow maxSurge or maxUnavailable above zero, or no rollout can make progress']);
  });

  test('fails for a bad surge and a deadline below minReadySeconds', () => {
    const c = chart();
    new Deployment(c, 'web', { containers: [container], minReadySeconds: 30, progressDeadlineSeconds: 10, strategy: { type: 'RollingUpdate', maxSurge: '1.5' } });
    expect(problemsOf(c).map((p) => p.field).sort()).toEqual(['progressDeadlineSeconds', 'strategy.maxSurge']);
  });
});
