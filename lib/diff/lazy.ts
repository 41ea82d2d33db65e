/**
 * The diff engine as the package's main entry exports it, loaded on first call: every synth imports `berth`, and
 * the engine, its YAML readers and its text diff are a tenth of what that import would load.
 */
type Diff = typeof import('./index');

let engine: Diff | undefined;
function load(): Diff {
  engine ??= require('./index') as Diff;
  return engine;
}

export const diffObjects: Diff['diffObjects'] = (...args) => load().diffObjects(...args);
export const formatDiffJson: Diff['formatJson'] = (...args) => load().formatJson(...args);
export const formatDiffText: Diff['formatText'] = (...args) => load().formatText(...args);
export const loadObjects: Diff['loadObjects'] = (...args) => load().loadObjects(...args);
export const parseObjects: Diff['parseObjects'] = (...args) => load().parseObjects(...args);
