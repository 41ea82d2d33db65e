import * as fs from 'fs';
import * as path from 'path';
import { ManifestFile } from './render';
import { renderApiObjectYaml } from './render-yaml';

/** Bytes gathered before a write: few system calls, and a large file is never held whole in memory. */
const CHUNK = 1 << 20;

/** Writes each planned file into `dir`, byte for byte as cdk8s's `Yaml.save` would. */
export function writeManifests(dir: string, files: readonly ManifestFile[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    // Rendered, serialized and written one object at a time (cdk8s joins the documents with `---\n` the same way),
    // so neither the JSON nor the YAML of a large app is ever held all at once.
    const fd = fs.openSync(path.join(dir, file.fileName), 'w');
    try {
      let pending: string[] = [];
      let size = 0;
      file.objects.forEach((object, i) => {
        const text = renderApiObjectYaml(object);
        pending.push(i === 0 ? text : `---\n${text}`);
        size += text.length;
        if (size >= CHUNK) {
          writeAll(fd, pending.join(''));
          pending = [];
          size = 0;
        }
      });
      writeAll(fd, pending.join(''));
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** A write may be short (a full disk, a signal): keep writing until every byte is down, as writeFileSync does. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset);
}
