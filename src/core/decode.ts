// Bytes to text for templates read from disk: UTF-8 (with or without BOM) or UTF-16 with a BOM,
// which is what editors write. Anything else is reported, saying what it is: UTF-32 (with its BOM),
// UTF-16 without a BOM (recognised by its NUL bytes when the text is ASCII), or the offset of the
// first byte that is not UTF-8.
export type Decoded =
  | { ok: true; text: string }
  | {
      ok: false;
      message: string;
      byteOffset: number;
      /** The text as well as we could read it, to tell whether it is a template at all. */
      guess: string;
    };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const SAVE = 'CloudFormation reads templates as UTF-8: save it as UTF-8';

export function decodeTemplateBytes(buf: Uint8Array): Decoded {
  // UTF-32 first: its little-endian BOM starts like UTF-16's.
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return utf32(buf, 'little');
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return utf32(buf, 'big');
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  }
  const bomless = utf16WithoutBom(buf);
  if (bomless) {
    return {
      ok: false,
      byteOffset: 0,
      message: `UTF-16 (${bomless === 'utf-16le' ? 'little' : 'big'}-endian) text without a byte-order mark; ${SAVE}`,
      guess: new TextDecoder(bomless).decode(buf),
    };
  }
  try {
    return { ok: true, text: utf8.decode(buf) };
  } catch {
    const at = firstInvalidUtf8(buf);
    return {
      ok: false,
      byteOffset: at,
      message: `not UTF-8 text: invalid byte 0x${(buf[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}; save the template as UTF-8`,
      guess: new TextDecoder('utf-8').decode(buf),
    };
  }
}

function utf32(buf: Uint8Array, endian: 'little' | 'big'): Decoded {
  // TextDecoder has no UTF-32: decode it by hand, only to tell whether it is a template.
  let guess = '';
  for (let i = 4; i + 3 < buf.length && guess.length < 1 << 20; i += 4) {
    const cp =
      endian === 'little'
        ? buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24)
        : (buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3];
    guess += cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return { ok: false, byteOffset: 0, message: `UTF-32 (${endian}-endian, with a byte-order mark) text; ${SAVE}`, guess };
}

/**
 * UTF-16 without a BOM, as ASCII text gives it: a NUL in every other byte (odd bytes for little-,
 * even bytes for big-endian), and none in the others. Checked on the first 4 KB.
 */
function utf16WithoutBom(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return undefined;
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
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
