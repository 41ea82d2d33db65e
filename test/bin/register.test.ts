import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO, tempDir } from '../helpers';

const REGISTER = path.join(REPO, 'bin', 'register.js');

function run(file: string, cache: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', REGISTER, file], { cwd: path.dirname(file), encoding: 'utf8', timeout: 30_000, env: { ...process.env, BERTH_REGISTER_CACHE: cache } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cachedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
}

describe('berth/register', () => {
  test('runs TypeScript, caches the compiled file by content, and recompiles an edited one', () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const app = path.join(dir, 'app.ts');
    fs.writeFileSync(app, "import { helper } from './helper';\nconst n: number = helper(2);\nconsole.log(`twice: ${n}`);\n");
    fs.writeFileSync(path.join(dir, 'helper.ts'), 'export function helper(x: number): number { return x * 2; }\n');

    expect(run(app, cache)).toMatchObject({ code: 0, stdout: 'twice: 4\n' });
    expect(cachedFiles(cache)).toHaveLength(2);
    expect(run(app, cache)).toMatchObject({ code: 0, stdout: 'twice: 4\n' }); // from the cache
    expect(cachedFiles(cache)).toHaveLength(2);

    fs.writeFileSync(path.join(dir, 'helper.ts'), 'export function helper(x: number): number { return x * 3; }\n');
    expect(run(app, cache)).toMatchObject({ code: 0, stdout: 'twice: 6\n' }); // never a stale compile
    expect(cachedFiles(cache)).toHaveLength(3);
  });

  test('BERTH_REGISTER_CACHE=off compiles every time and writes nothing', () => {
    const dir = tempDir();
    const app = path.join(dir, 'app.ts');
    fs.writeFileSync(app, 'const s: string = "ok";\nconsole.log(s);\n');
    expect(run(app, 'off')).toMatchObject({ code: 0, stdout: 'ok\n' });
    expect(fs.readdirSync(dir)).toEqual(['app.ts']);
  });

  describe("the tsconfig's paths", () => {
    const LOADED = "console.log(Object.keys(require.cache).some((file) => file.includes('tsconfig-paths')) ? 'loaded' : 'not loaded');\n";

    function project(tsconfig: object, extra: Record<string, string> = {}): string {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      fs.mkdirSync(path.join(dir, 'lib'));
      fs.writeFileSync(path.join(dir, 'lib', 'helper.ts'), 'export const helper = (x: number): number => x + 1;\n');
      for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
      return dir;
    }

    test('map imports as tsc maps them', () => {
      const dir = project({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['./lib/*'] } } });
      fs.writeFileSync(path.join(dir, 'app.ts'), `import { helper } from '@lib/helper';\nconsole.log(helper(1));\n${LOADED}`);
      expect(run(path.join(dir, 'app.ts'), 'off')).toMatchObject({ code: 0, stdout: '2\nloaded\n' });
    });

    test('map imports when an extended tsconfig sets them', () => {
      const dir = project({ extends: './base.json' }, { 'base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['./lib/*'] } } }) });
      fs.writeFileSync(path.join(dir, 'app.ts'), `import { helper } from '@lib/helper';\nconsole.log(helper(2));\n`);
      expect(run(path.join(dir, 'app.ts'), 'off')).toMatchObject({ code: 0, stdout: '3\n' });
    });

    test('cost nothing when the tsconfig can map none (no paths, nothing extended)', () => {
      const dir = project({ compilerOptions: { strict: true } });
      fs.writeFileSync(path.join(dir, 'app.ts'), `import { helper } from './lib/helper';\nconsole.log(helper(3));\n${LOADED}`);
      expect(run(path.join(dir, 'app.ts'), 'off')).toMatchObject({ code: 0, stdout: '4\nnot loaded\n' });
    });
  });

  test('a syntax error is reported with the file name, and nothing is cached for it', () => {
    const dir = tempDir();
    const cache = path.join(dir, 'cache');
    const app = path.join(dir, 'broken.ts');
    fs.writeFileSync(app, 'const = ;\n');
    const result = run(app, cache);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('broken.ts');
    expect(cachedFiles(cache)).toEqual([]);
  });
});
