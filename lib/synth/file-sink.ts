import * as fs from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/**
 * Where a synth writes its files: paths relative to one directory, parent directories made as needed, and every
 * write done (or the first failure thrown) by `close()`.
 *
 * Creating a file is slow on some disks (a tenth of a millisecond to a millisecond here), and an app of 10,000 pods
 * writes 10,000 appc manifests: done in line, the synth waited on the disk for seconds between renders. Past the
 * first THREAD_AFTER files (or from the first, with a thread started ahead: `startWriter`) a worker thread writes
 * them while the main thread renders the next ones, so the disk time overlaps the CPU time. A small app never starts
 * the thread, and the pieces of a large file are written in line (`chunk`).
 */
export interface FileSink {
  /** Writes (or with `append`, adds to) `file`, a path relative to the sink's directory. */
  write(file: string, data: string | Uint8Array, options?: WriteOptions): void;
  /** Waits until every write is on disk; throws the first write's error. The sink takes no more writes. */
  close(): void;
  /** Drops the writes not yet done and waits until none is in progress (the directory can then be removed). */
  abort(): void;
}

export interface WriteOptions {
  /** Add to the file rather than write it anew. */
  readonly append?: boolean;
  /**
   * One piece of a large file written piece by piece: written in line even when a thread writes the other files.
   * A thread would get a copy of each piece, fresh memory every time (+11 MB at 10,000 services), to make one
   * system call that costs about as much as the copy.
   */
  readonly chunk?: boolean;
}

/** Files written in line before the rest go to a thread: below this, starting a thread costs more than it saves. */
export const THREAD_AFTER = 64;
/**
 * Writes posted to the thread and not yet done, at most: past it the main thread waits for the disk, so a slow disk
 * does not pile every file of the app up in memory.
 */
const MAX_PENDING = 256;
/** Writes handed to the thread in one message, at most; and characters (or bytes), past which a batch goes at once. */
const BATCH_WRITES = 32;
const BATCH_LENGTH = 1 << 16;
/** How long `close()` (or a full queue) waits for the thread before giving up: a stuck disk is an error, not a hang. */
const CLOSE_TIMEOUT_MS = 10 * 60_000;

export interface FileSinkOptions {
  /** Files written in line before a thread takes over. @default THREAD_AFTER */
  readonly threadAfter?: number;
  /** A thread started ahead (`startWriter()`), which writes every file from the first. */
  readonly writer?: StartedWriter;
}

export function openFileSink(dir: string, options: FileSinkOptions = {}): FileSink {
  return new SwitchingSink(dir, options.threadAfter ?? THREAD_AFTER, options.writer?.take());
}

/**
 * A writer thread started before its sink is opened. A thread takes 60-100 ms to start here (Node compiles its
 * internals for the new isolate), and a sink that started one at its 64th file had the synth wait for it: started
 * while the rules run, on the other core, it is ready when the first file is. Unused, `discard()` stops it.
 */
export interface StartedWriter {
  /** Hands the thread to a sink (once). */
  take(): WriterThread | undefined;
  /** Stops the thread unless a sink took it. */
  discard(): void;
}

export function startWriter(): StartedWriter {
  let thread: WriterThread | undefined = new WriterThread([]);
  return {
    take: () => {
      const taken = thread;
      thread = undefined;
      return taken;
    },
    discard: () => {
      thread?.stopUnused();
      thread = undefined;
    },
  };
}

interface WriteMessage {
  readonly file: string;
  readonly data: string | Uint8Array;
  readonly flag: 'w' | 'a';
}

/** In line for the first files, then through a thread. */
class SwitchingSink implements FileSink {
  private readonly madeDirs = new Set<string>();
  private readonly inLine = fileWriter(fs, path, this.madeDirs);
  private written = 0;
  /** The file the in-line writer has open, while none of its writes has gone to the thread since it was opened. */
  private inLineOnly?: string;
  private closed = false;

  public constructor(
    private readonly dir: string,
    private readonly threadAfter: number,
    private thread?: WriterThread,
  ) {}

  public write(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
    if (this.closed) throw new Error(`cannot write ${file}: the output is already closed`);
    const message: WriteMessage = { file: path.join(this.dir, file), data, flag: options.append ? 'a' : 'w' };
    // Files are counted, not writes: a large file comes in many appends, each a single write to an open file,
    // which a thread would not make cheaper (the data would be copied to it), and a thread costs memory.
    if (!this.thread && !options.append && this.written++ >= this.threadAfter) {
      this.inLine.release(); // the thread goes on with the file this one had open
      this.thread = new WriterThread([...this.madeDirs]);
    }
    if (!this.thread) {
      this.inLine.write(message);
    } else if (options.chunk) {
      // In line, after whatever the thread still has of this file: unless every write to it so far was in line.
      if (!(options.append && message.file === this.inLineOnly)) this.thread.drain();
      else this.thread.send(); // the thread works on what it has meanwhile
      this.inLine.write(message);
      this.inLineOnly = message.file;
    } else {
      if (message.file === this.inLineOnly) {
        this.inLine.release(); // the thread goes on with it: a later piece reopens it here, after the thread's writes
        this.inLineOnly = undefined;
      }
      this.thread.post(message);
    }
  }

  public close(): void {
    this.closed = true;
    this.inLine.release();
    this.thread?.finish(false);
  }

  public abort(): void {
    this.closed = true;
    try {
      this.inLine.release();
    } finally {
      this.thread?.finish(true);
    }
  }
}

/**
 * Writes messages in order, making parent directories as needed, and keeps the last file open: a large file comes
 * in chunks (`append`), and each then costs one write, not an open, a write and a close (a tenth of a millisecond
 * each on some machines). It runs in line and, from its source, in the thread, so it uses nothing but its
 * parameters (`fs` and `path` are passed in, not imported).
 */
function fileWriter(fs: typeof import('fs'), path: typeof import('path'), madeDirs: Set<string>): { write(message: WriteMessage): void; release(): void } {
  let openFile: string | undefined;
  let fd = -1;
  const scratch = Buffer.allocUnsafeSlow(1 << 18);
  function release(): void {
    if (fd < 0) return;
    const closing = fd;
    fd = -1;
    openFile = undefined;
    fs.closeSync(closing);
  }
  /**
   * A plain mkdir first: the parent is there for all but the first directory of a kind (appc/<chart>/), and Node's
   * recursive mkdir takes half as long again here (~55 against ~35 µs a directory on ext4).
   */
  function makeDirectory(dir: string): void {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') fs.mkdirSync(dir, { recursive: true });
      else if (code !== 'EEXIST' || !fs.statSync(dir).isDirectory()) throw error;
    }
  }
  function write(message: WriteMessage): void {
    if (message.flag !== 'a' || message.file !== openFile) {
      release();
      const dir = path.dirname(message.file);
      if (!madeDirs.has(dir)) {
        makeDirectory(dir);
        madeDirs.add(dir);
      }
      fd = fs.openSync(message.file, message.flag);
      openFile = message.file;
    }
    const data = message.data;
    if (typeof data === 'string' && data.length * 3 <= scratch.length) {
      // Encoded into one reused buffer: Node would allocate a fresh one of three bytes a character for each
      // string, large enough to be fresh memory from the system every time.
      fs.writeFileSync(fd, scratch.subarray(0, scratch.write(data, 'utf8')));
    } else {
      fs.writeFileSync(fd, data); // with a descriptor: at its position, the whole of it
    }
  }
  return { write, release };
}

/**
 * The thread's side, as source: a worker evaluated from a string needs no file of its own (nor a TypeScript
 * loader). It receives writes in batches, writes them in order, skips everything once told to cancel, and reports
 * the first error.
 * state[0]: 1 when the thread has finished; state[1]: 1 to cancel; state[2]: writes done (or dropped).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const state = new Int32Array(workerData.state);
const results = workerData.results;
const writer = (${fileWriter.toString()})(require('fs'), require('path'), new Set(workerData.madeDirs));
let error;
parentPort.on('message', (message) => {
  if (message === 'finish') {
    try {
      writer.release();
    } catch (e) {
      error = error || { message: e.message, code: e.code, stack: e.stack };
    }
    results.postMessage(error ? { error } : {});
    Atomics.store(state, 0, 1);
    Atomics.notify(state, 0);
    return;
  }
  for (const write of message) {
    if (!error && Atomics.load(state, 1) === 0) {
      try {
        writer.write(write);
      } catch (e) {
        error = { message: e.message, code: e.code, stack: e.stack };
      }
    }
    Atomics.add(state, 2, 1);
  }
  Atomics.notify(state, 2);
});
`;

export class WriterThread {
  private readonly worker: Worker;
  private readonly state = new Int32Array(new SharedArrayBuffer(12));
  private posted = 0;
  /** Writes not yet handed to the thread: a message each cost ~10 µs here, a batch of 32 about as much. */
  private batch: WriteMessage[] = [];
  private transfer: ArrayBuffer[] = [];
  private batchLength = 0;
  private finished = false;
  private readonly results = new MessageChannel();

  public constructor(madeDirs: readonly string[]) {
    this.worker = new Worker(THREAD_SOURCE, {
      eval: true,
      // Not the app's options: `-r berth/register` would load the TypeScript loader into a thread that runs only
      // this source (~20 ms more to start).
      execArgv: [],
      workerData: { state: this.state.buffer, results: this.results.port2, madeDirs },
      transferList: [this.results.port2],
    });
    this.worker.unref(); // never what keeps the process alive
  }

  public post(message: WriteMessage): void {
    this.waitUntilPending(MAX_PENDING - 1);
    if (typeof message.data === 'string') {
      this.batch.push(message);
      this.batchLength += message.data.length;
    } else {
      // Bytes are often a view of a larger buffer (a reused chunk, Node's pool), which posting would copy whole:
      // the thread gets exactly these bytes, moved rather than copied again.
      const bytes = Uint8Array.prototype.slice.call(message.data); // a copy: Buffer's own slice() is a view
      this.batch.push({ ...message, data: bytes });
      this.transfer.push(bytes.buffer);
      this.batchLength += bytes.length;
    }
    this.posted++;
    if (this.batch.length >= BATCH_WRITES || this.batchLength >= BATCH_LENGTH) this.send();
  }

  /** Hands the writes gathered so far to the thread. */
  public send(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage(this.batch, this.transfer);
    this.batch = [];
    this.transfer = [];
    this.batchLength = 0;
  }

  /** Waits until the thread has done every write posted. */
  public drain(): void {
    this.waitUntilPending(0);
  }

  private waitUntilPending(most: number): void {
    if (this.posted - Atomics.load(this.state, 2) > most) this.send(); // what it waits for must be the thread's
    for (let done = Atomics.load(this.state, 2); this.posted - done > most; done = Atomics.load(this.state, 2)) {
      if (Atomics.wait(this.state, 2, done, CLOSE_TIMEOUT_MS) === 'timed-out') throw new Error(`writing the output made no progress for ${CLOSE_TIMEOUT_MS / 60_000} minutes`);
    }
  }

  /** Stops a thread that was given nothing to write, without waiting for it (it may still be starting). */
  public stopUnused(): void {
    this.finished = true;
    void this.worker.terminate();
    this.results.port1.close();
  }

  /** Blocks until the thread has done (or, cancelling, dropped) every write posted, then stops it. */
  public finish(cancel: boolean): void {
    if (this.finished) return; // abort() after a close() that threw: the thread is already stopped
    this.finished = true;
    if (cancel) Atomics.store(this.state, 1, 1);
    this.send();
    this.worker.postMessage('finish');
    const waited = Atomics.wait(this.state, 0, 0, CLOSE_TIMEOUT_MS);
    const result = receiveMessageOnPort(this.results.port1)?.message as { error?: { message: string; code?: string; stack?: string } } | undefined;
    void this.worker.terminate();
    this.results.port1.close();
    if (waited === 'timed-out') throw new Error(`writing the output did not finish within ${CLOSE_TIMEOUT_MS / 60_000} minutes`);
    if (result?.error && !cancel) {
      const error = new Error(result.error.message) as NodeJS.ErrnoException;
      if (result.error.code) error.code = result.error.code;
      throw error;
    }
  }
}
