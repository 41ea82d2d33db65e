import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Objects in the YAML (a document per top-level `kind:`) and JSON arrays written; sha256 of the YAML, in path order. */
export function readOutput(dir: string): { objects: number; yamlSha256?: string } {
  const files = listFiles(dir).sort();
  const hash = createHash('sha256');
  let objects = 0;
  let yaml = false;
  for (const file of files) {
    if (/\.ya?ml$/.test(file)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      objects += text.match(/^kind: /gm)?.length ?? 0;
      hash.update(text);
      yaml = true;
    } else if (/\.json$/.test(file) && !file.startsWith(`appc${path.sep}`)) {
      const value: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      if (Array.isArray(value)) objects += value.length;
    }
  }
  return { objects, yamlSha256: yaml ? hash.digest('hex') : undefined };
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}
