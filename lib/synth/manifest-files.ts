import * as fs from 'fs';
import * as path from 'path';
import { ManifestFile } from './render';
import { renderApiObject } from './render-object';
import { stringifyDocuments } from './yaml-emit';

/** Writes each planned file into `dir`, byte for byte as cdk8s's `Yaml.save` would. */
export function writeManifests(dir: string, files: readonly ManifestFile[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    // Rendered and serialized one object at a time (cdk8s joins the documents with `---\n` in the same way), so
    // the JSON of a large app is never held all at once.
    const texts = file.objects.map((object) => stringifyDocuments([renderApiObject(object)]));
    fs.writeFileSync(path.join(dir, file.fileName), texts.join('---\n'));
  }
}
