'use strict';
// `node -r berth/register app.ts` runs a TypeScript app without type-checking it (sucrase strips the types),
// which is what makes `berth synth` start in a fraction of the time `ts-node` needs. Type-check with `tsc --noEmit`.
//
// Compiled files are cached on disk by content (node_modules/.cache/berth-register, as babel and others do), so a
// second synth of an unchanged app loads JavaScript straight away and does not even load the compiler: for the
// bundled guestbook that is most of the run. BERTH_REGISTER_CACHE=off turns the cache off; a directory path
// moves it.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const os = require('os');
const { addHook } = require('pirates');

const SUCRASE_VERSION = require('sucrase/package.json').version;
// Only the TypeScript syntax and the imports are transformed: Node 20 runs ES2022 as written. sucrase's default
// rewrites `a?.b` and `a ?? b` into helper calls that allocate an array and closures at every use, which made
// berth's own hot paths (rules, rendering) measurably slower than the same code compiled by tsc. Class fields keep
// ES2022 semantics, as tsc's output for this target does.
const OPTIONS = { transforms: ['imports', 'typescript'], disableESTransforms: true };
const OPTIONS_KEY = JSON.stringify(OPTIONS);
const cacheDir = findCacheDir();
let sucrase; // loaded on the first cache miss only

addHook(compile, { exts: ['.ts'] }); // files under node_modules are left to Node, as sucrase's own register does

function compile(code, filename) {
  const key = crypto.createHash('sha256').update(`${SUCRASE_VERSION}\0${OPTIONS_KEY}\0${filename}\0`).update(code).digest('hex');
  const cached = cacheDir && path.join(cacheDir, key.slice(0, 2), `${key}.js`);
  if (cached) {
    try {
      return fs.readFileSync(cached, 'utf8');
    } catch {
      // not compiled yet
    }
  }
  sucrase = sucrase || require('sucrase');
  const { code: js, sourceMap } = sucrase.transform(code, { ...OPTIONS, filePath: filename, sourceMapOptions: { compiledFilename: filename } });
  const result = `${js}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(sourceMap)).toString('base64')}`;
  if (cached) store(cached, result);
  return result;
}

/** Writes through a temporary file and a rename, so a parallel run never reads half a file. */
function store(file, content) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } catch {
    // a read-only checkout still runs, uncached
  }
}

function findCacheDir() {
  const setting = process.env.BERTH_REGISTER_CACHE;
  if (setting === 'off') return undefined;
  if (setting) return path.resolve(setting);
  const modules = findUpwards(['node_modules']);
  if (modules) return path.join(modules, '.cache', 'berth-register');
  return path.join(os.tmpdir(), `berth-register-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
}

/** The first of `names` that exists in the working directory, or else in the nearest directory above it that has one. */
function findUpwards(names) {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

// The `compilerOptions.paths` of the app's tsconfig.json (found from the working directory upwards) resolve at run
// time as they do for tsc, so a monorepo can consume its own construct packages by name.
if (mayMapPaths()) {
  const tsconfigPaths = require('tsconfig-paths');
  const config = tsconfigPaths.loadConfig(process.cwd());
  if (config.resultType === 'success' && Object.keys(config.paths || {}).length > 0) {
    tsconfigPaths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths, addMatchAll: false });
  }
}

/**
 * Whether the tsconfig.json that tsconfig-paths would read can map paths: loading the library (and the JSON5 parser it
 * reads the file with) is ~20 ms of every run, and a file that neither names `paths` nor extends another (as
 * `berth init` writes it) maps none. Anything else, or a project tsconfig-paths takes from its environment
 * variables, goes to the library.
 */
function mayMapPaths() {
  if (process.env.TS_NODE_PROJECT || process.env.TS_NODE_BASEURL) return true;
  // the file tsconfig-paths reads: the first tsconfig.json, or else jsconfig.json, from the working directory up
  const file = findUpwards(['tsconfig.json', 'jsconfig.json']);
  if (!file) return false; // none: tsconfig-paths would find none either
  try {
    return /\b(paths|extends)\b/.test(fs.readFileSync(file, 'utf8'));
  } catch {
    return true;
  }
}
