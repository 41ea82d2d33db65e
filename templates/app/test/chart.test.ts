import { App } from 'berth';
import { findObject, synth } from 'berth/testing';
import { AppChart } from '../chart';

test('the web Service fronts the web Deployment', () => {
  const objects = synth(new AppChart(new App(), 'test'));
  const deployment = findObject(objects, 'Deployment', 'web');
  expect(findObject(objects, 'Service', 'web').spec.selector).toEqual(deployment.spec.selector.matchLabels);
});
