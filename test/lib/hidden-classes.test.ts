import { runWithNatives } from '../helpers';

/**
 * berth keeps its objects on shared V8 hidden classes (see constructs/rendered-object.ts and lib/chart.ts): an
 * object per class made every read of them slow, and the 3,000-chart app twice as slow per object. No timing is
 * asserted: the classes are counted, in a child process that may call V8's `%HaveSameMap`.
 */
describe('hidden classes of a large app', () => {
  test('objects of a kind share their props and labels classes, 3,000 charts leave `{}` able to share, problems are whole literals', () => {
    const child = runWithNatives('hidden-classes.ts', ['3000']);
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ deploymentProps: 1, serviceProps: 1, deploymentLabels: 1, serviceLabels: 1, emptyObjectsShareClasses: true, problemsAreWholeLiterals: true });
  });
});
