import * as fs from 'fs';
import * as path from 'path';
import { doneWith, measurementDir, openWorkspace, WORKSPACE_ENV } from '../../bench/workspace';

afterEach(() => {
  delete process.env[WORKSPACE_ENV];
});

test('outside a run, a measurement\'s directory is removed as soon as it is done with', () => {
  const dir = measurementDir('berth-bench-test-');
  fs.writeFileSync(path.join(dir, 'file'), 'x');
  doneWith(dir);
  expect(fs.existsSync(dir)).toBe(false);
});

test('in a run, measurements keep their files (no deletions between rows) until the run removes its workspace', () => {
  const listeners = process.listenerCount('SIGINT');
  const workspace = openWorkspace();
  expect(process.env[WORKSPACE_ENV]).toBe(workspace.dir);
  const dir = measurementDir('berth-bench-test-');
  expect(path.dirname(dir)).toBe(workspace.dir);
  fs.writeFileSync(path.join(dir, 'file'), 'x');
  doneWith(dir);
  expect(fs.existsSync(path.join(dir, 'file'))).toBe(true);
  workspace.remove();
  expect(fs.existsSync(workspace.dir)).toBe(false);
  expect(process.env[WORKSPACE_ENV]).toBeUndefined();
  expect(process.listenerCount('SIGINT')).toBe(listeners);
});
