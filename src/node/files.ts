// Reading files we did not create (templates, .decouple.json) safely, for the CLI and the extension:
// only regular files (after following links), never more than a limit, and never blocking on a named
// pipe. A FIFO, /dev/zero or a socket is refused with what it is, before a byte is read.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Larger than any template CloudFormation accepts (1 MB through S3) by a wide margin. */
export const MAX_TEMPLATE_FILE_BYTES = 64 * 1024 * 1024;
/** A .decouple.json is a few lines; anything this big is not one. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'not-regular' | 'too-large' | 'error'; message: string; code?: string };

/** What a non-regular file is, in words ("a named pipe (FIFO)"), or undefined for a regular file. */
export function describeKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const CHUNK = 64 * 1024;

/**
 * Read a regular file (links followed) of at most `maxBytes`. The file is opened non-blocking, so
 * opening a FIFO returns at once, and checked with fstat on the open descriptor (no race between
 * the check and the read); the limit is enforced while reading, so a file that grows (or lies about
 * its size) cannot make us read more.
 */
export function readRegularFile(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'error', code, message: `cannot read (${code ?? (e as Error).message})` };
  }
  try {
    const st = fstatSync(fd);
    const kind = describeKind(st);
    if (kind) return { ok: false, reason: 'not-regular', message: `is ${kind}, not a regular file; not read` };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', message: tooLarge(st.size, maxBytes) };
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buf = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large', message: tooLarge(total, maxBytes, true) };
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return { ok: true, bytes: out };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'error', code, message: `cannot read (${code ?? (e as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(bytes: number, max: number, atLeast = false): string {
  const mb = (n: number) => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 0)} MB`;
  return `${atLeast ? 'more than ' : ''}${mb(bytes)}, over the ${mb(max)} Decouple reads; not read`;
}
