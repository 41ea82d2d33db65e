'use strict';
// `node -r berth/register app.ts` runs a TypeScript app without type-checking it (sucrase strips the types),
// which is what makes `berth synth` start in a fraction of the time `ts-node` needs. Type-check with `tsc --noEmit`.
require('sucrase/register/ts');

// The `compilerOptions.paths` of the app's tsconfig.json (found from the working directory upwards) resolve at run
// time as they do for tsc, so a monorepo can consume its own construct packages by name.
const tsconfigPaths = require('tsconfig-paths');
const config = tsconfigPaths.loadConfig(process.cwd());
if (config.resultType === 'success' && Object.keys(config.paths || {}).length > 0) {
  tsconfigPaths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths, addMatchAll: false });
}
