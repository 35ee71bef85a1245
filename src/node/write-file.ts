// Writing a file the user asked for, all or nothing: the text goes to a temporary file beside the
// target (same folder, so the same file system), is flushed to disk, and only then takes the
// target's name. A full disk or a crash leaves the original as it was (and no half-written
// template); without `replace`, an existing file is never touched, even if it appears meanwhile.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Raised with the code of the failure: EEXIST (exists, no replace), EISDIR (a folder), or the OS's. */
export class WriteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** For tests: the low-level write, to simulate a full disk. */
export interface WriteDeps {
  writeSync: (fd: number, data: Uint8Array) => number;
}

export function writeFileAtomic(file: string, text: string, options: { replace: boolean }, deps: WriteDeps = { writeSync: (fd, d) => writeSync(fd, d) }): void {
  let mode = 0o666;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new WriteError('EISDIR', 'it is a folder');
    if (!options.replace) throw new WriteError('EEXIST', 'it already exists');
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof WriteError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw wrap(e);
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', mode);
  } catch (e) {
    throw wrap(e);
  }
  try {
    const bytes = new TextEncoder().encode(text);
    for (let at = 0; at < bytes.length;) at += deps.writeSync(fd, bytes.subarray(at));
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    if (options.replace) renameSync(tmp, file);
    else {
      // link fails with EEXIST if the name was taken meanwhile: never replaces without asking.
      linkSync(tmp, file);
      unlinkSync(tmp);
    }
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw wrap(e);
  }
}

function wrap(e: unknown): WriteError {
  if (e instanceof WriteError) return e;
  const err = e as NodeJS.ErrnoException;
  return new WriteError(err.code ?? 'EIO', err.code === 'EEXIST' ? 'it already exists' : err.message);
}
