import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { type FileHandle, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A first-in first-out byte queue on disk, so worker threads can keep encrypting people rows while the one
// database connection is busy with other statements; the rows are copied in later at disk speed. The file is
// encrypted with a key that lives only in this process (AES-256-CTR), so nothing readable is left on disk even
// if the process dies, and it is deleted when the import ends: by dispose(), on the process's exit, by the
// import CLI on a signal (removeSpoolsNow), or, after a kill -9, by the next import (each folder names its
// process in an `owner` file; folders whose process is gone are removed when the next spool is made).

const PREFIX = "bundle-import-";
const live = new Set<string>();
let exitHook = false;

/** Removes this process's spool folders at once (synchronously: for exit and signal handlers). */
export function removeSpoolsNow(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Removes spool folders left by imports that died without cleaning up (kill -9, power loss). */
export function removeStaleSpools(parent = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return 0;
  }
  for (const name of names) {
    const dir = join(parent, name);
    let pid: number;
    try {
      pid = Number(readFileSync(join(dir, "owner"), "utf8"));
    } catch {
      continue; // not ours to judge (no owner file yet, or not readable)
    }
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    rmSync(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

const READ_BYTES = 4 << 20;

export class Spool {
  private readonly events = new EventEmitter();
  private readonly key = randomBytes(32);
  private readonly iv = randomBytes(16);
  private readonly cipher = createCipheriv("aes-256-ctr", this.key, this.iv);
  private written = 0;
  private ended = false;
  private failed: Error | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly file: FileHandle,
  ) {}

  static async create(): Promise<Spool> {
    removeStaleSpools();
    if (!exitHook) {
      exitHook = true;
      process.once("exit", removeSpoolsNow);
    }
    const dir = await mkdtemp(join(tmpdir(), PREFIX));
    live.add(dir);
    await writeFile(join(dir, "owner"), String(process.pid), { mode: 0o600 });
    const file = await open(join(dir, "spool"), "w+", 0o600);
    return new Spool(dir, file);
  }

  /** Appends bytes; writes happen in call order. Resolves once these bytes are on disk. */
  append(bytes: Uint8Array): Promise<void> {
    const sealed = this.cipher.update(bytes);
    const at = this.written;
    this.writing = this.writing.then(async () => {
      await this.file.write(sealed, 0, sealed.length, at);
      this.written = at + sealed.length;
      this.events.emit("data");
    });
    this.writing.catch((err: Error) => this.fail(err));
    return this.writing;
  }

  /** No more appends; readers finish once they have read everything. */
  async end(): Promise<void> {
    await this.writing;
    this.ended = true;
    this.events.emit("data");
  }

  fail(err: Error): void {
    this.failed ??= err;
    this.events.emit("data");
  }

  /** Reads everything appended, in order, waiting for more until end() (one reader). */
  async *read(): AsyncGenerator<Uint8Array> {
    const decipher = createDecipheriv("aes-256-ctr", this.key, this.iv);
    let offset = 0;
    for (;;) {
      if (this.failed) throw this.failed;
      if (offset < this.written) {
        const length = Math.min(READ_BYTES, this.written - offset);
        const buf = Buffer.allocUnsafe(length);
        const { bytesRead } = await this.file.read(buf, 0, length, offset);
        offset += bytesRead;
        yield decipher.update(buf.subarray(0, bytesRead));
        continue;
      }
      if (this.ended) return;
      await once(this.events, "data");
    }
  }

  async dispose(): Promise<void> {
    await this.file.close().catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
  }
}
