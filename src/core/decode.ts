// Bytes to text for templates read from disk: UTF-8 (with or without BOM) or UTF-16 with a BOM,
// which is what editors write. Anything else is reported with the offset of the first bad byte.
export type Decoded = { ok: true; text: string } | { ok: false; message: string; byteOffset: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeTemplateBytes(buf: Uint8Array): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  }
  try {
    return { ok: true, text: utf8.decode(buf) };
  } catch {
    const at = firstInvalidUtf8(buf);
    return {
      ok: false,
      byteOffset: at,
      message: `not UTF-8 text: invalid byte 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}; save the template as UTF-8`,
    };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}
