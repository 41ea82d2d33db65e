import { ApiObject } from 'cdk8s';
import { FileSink, openFileSink } from './file-sink';
import { ManifestFile } from './render';
import { renderApiObjectYaml } from './render-yaml';

/**
 * Bytes gathered before a write: few system calls, and a large file is never held whole in memory. Kept below
 * V8's and malloc's large-allocation sizes (128 KiB): fresh memory from the system on every chunk cost more than
 * rendering it on the machine this was measured on (first-touching pages: ~4 ms a MiB).
 */
const CHUNK_BYTES = 1 << 16;

/** Writes each planned file into `output` (a directory, or the synth's sink), byte for byte as cdk8s's `Yaml.save` would. */
export function writeManifests(output: string | FileSink, files: readonly ManifestFile[]): void {
  const sink = typeof output === 'string' ? openFileSink(output) : output;
  const bytes = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  for (const file of files) new ManifestWriter(sink, file.fileName, bytes).writeAll(file.objects);
  if (typeof output === 'string') sink.close();
}

/**
 * One file, rendered, serialized and written one object at a time (cdk8s joins the documents with `---\n` the same
 * way), so neither the JSON nor the YAML of a large app is ever held all at once.
 *
 * A small file (most charts) is handed to the sink as text, which its thread encodes. A file that outgrows a chunk
 * has each further document encoded into the chunk as soon as it is rendered: its text (a rope of small pieces) is
 * garbage at once, where a chunk of text outlived several young-generation collections and was copied into the
 * old generation.
 */
class ManifestWriter {
  private texts: string[] = [];
  private textLength = 0;
  private encoding = false;
  private used = 0;
  private started = false;

  public constructor(
    private readonly sink: FileSink,
    private readonly fileName: string,
    private readonly bytes: Buffer,
  ) {}

  public writeAll(objects: readonly ApiObject[]): void {
    objects.forEach((object, i) => this.add(i === 0 ? renderApiObjectYaml(object) : `---\n${renderApiObjectYaml(object)}`));
    if (!this.encoding) this.sink.write(this.fileName, this.texts.join(''));
    else if (this.used > 0) this.flush();
  }

  private add(text: string): void {
    if (this.encoding) return this.encode(text);
    this.texts.push(text);
    this.textLength += text.length;
    if (this.textLength * 3 <= this.bytes.length) return;
    this.encoding = true; // from here on, the file is written chunk by chunk
    for (const earlier of this.texts) this.encode(earlier);
    this.texts = [];
  }

  private encode(text: string): void {
    const most = text.length * 3; // UTF-8 bytes of the text, at most
    if (this.used + most > this.bytes.length && this.used > 0) this.flush();
    if (most > this.bytes.length) {
      this.write(text); // a document larger than a chunk goes on its own
    } else {
      this.used += this.bytes.write(text, this.used, 'utf8');
    }
  }

  private flush(): void {
    this.write(this.bytes.subarray(0, this.used));
    this.used = 0;
  }

  private write(data: string | Uint8Array): void {
    this.sink.write(this.fileName, data, { append: this.started, chunk: true });
    this.started = true;
  }
}
