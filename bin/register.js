'use strict';
// `node -r berth/register app.ts` runs a TypeScript app without type-checking it (sucrase strips the types),
// which is what makes `berth synth` start in a fraction of the time `ts-node` needs. Type-check with `tsc --noEmit`.
require('sucrase/register/ts');
