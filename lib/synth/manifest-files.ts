import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { ManifestFile } from './render';
import { renderApiObject } from './render-object';

/** Writes each planned file into `dir`, serialized exactly as cdk8s's `Yaml.save` would. */
export function writeManifests(dir: string, files: readonly ManifestFile[]): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    fs.writeFileSync(path.join(dir, file.fileName), Yaml.stringify(...file.objects.map(renderApiObject)));
  }
}
