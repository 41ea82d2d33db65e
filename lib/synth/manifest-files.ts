import { FileSink, openFileSink } from './file-sink';
import { ManifestFile } from './render';
import { renderApiObjectYaml } from './render-yaml';

/**
 * Characters gathered before a write: few system calls, and a large file is never held whole in memory. Kept
 * below V8's large-object size (128 KiB): a larger string, and the buffer it is encoded into, is fresh memory
 * from the system on every chunk, and touching fresh pages cost 4 ms a MiB on the machine this was measured on
 * (joining 1 MiB chunks was slower than rendering them).
 */
const CHUNK = 1 << 16;

/** Writes each planned file into `output` (a directory, or the synth's sink), byte for byte as cdk8s's `Yaml.save` would. */
export function writeManifests(output: string | FileSink, files: readonly ManifestFile[]): void {
  const sink = typeof output === 'string' ? openFileSink(output) : output;
  for (const file of files) {
    // Rendered, serialized and written one object at a time (cdk8s joins the documents with `---\n` the same way),
    // so neither the JSON nor the YAML of a large app is ever held all at once.
    let pending = '';
    let started = false;
    const flush = () => {
      sink.write(file.fileName, pending, { append: started });
      started = true;
      pending = '';
    };
    file.objects.forEach((object, i) => {
      const text = renderApiObjectYaml(object);
      pending += i === 0 ? text : `---\n${text}`;
      if (pending.length >= CHUNK) flush();
    });
    if (pending.length > 0 || !started) flush();
  }
  if (typeof output === 'string') sink.close();
}
