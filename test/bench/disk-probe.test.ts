import * as fs from 'fs';
import { probeFileCreation } from '../../bench/disk-probe';
import { openWorkspace, WORKSPACE_ENV } from '../../bench/workspace';

afterEach(() => {
  delete process.env[WORKSPACE_ENV];
});

test('the probe times creating files; in a run it keeps them, as every measurement does (no deletions between rows)', () => {
  const workspace = openWorkspace();
  try {
    expect(probeFileCreation(50)).toBeGreaterThan(0);
    const [probe] = fs.readdirSync(workspace.dir);
    expect(probe).toMatch(/^berth-bench-probe-/);
    expect(fs.readdirSync(`${workspace.dir}/${probe}`)).toHaveLength(50);
  } finally {
    workspace.remove();
  }
});
