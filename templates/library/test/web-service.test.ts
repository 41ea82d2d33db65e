import { App, Chart } from 'berth';
import { findObject, problemsOf, synth } from 'berth/testing';
import { WebService } from '../constructs/web-service';

test('defaults', () => {
  const chart = new Chart(new App(), 'test');
  new WebService(chart, 'web', { image: 'nginx:1.27' });
  const objects = synth(chart);
  expect(findObject(objects, 'Deployment', 'web').spec.replicas).toBe(2);
  expect(findObject(objects, 'Service', 'web').spec.ports).toEqual([{ port: 80, targetPort: 'http' }]);
});

test('fails for a bad image', () => {
  const chart = new Chart(new App(), 'test');
  new WebService(chart, 'web', { image: 'Nginx' });
  expect(problemsOf(chart).map((p) => p.field)).toEqual(['containers[0].image']);
});
