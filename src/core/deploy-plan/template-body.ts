// What CloudFormation receives: a JSON template as strict JSON (comments and trailing commas taken
// out by re-serialising the parsed tree, never by editing text), a YAML template as written (its
// comments and short forms are CloudFormation's own YAML), and whether it fits in a TemplateBody
// (51,200 bytes) or must go through S3 (TemplateURL, up to 1 MB).
import { toValue } from '../ast';
import { LineIndex } from '../positions';
import type { Template } from '../template';
import { PLAIN_WORDS, type SettingWords } from './errors';

import { TEMPLATE_BODY_BYTES as TEMPLATE_BODY_LIMIT, TEMPLATE_URL_BYTES as TEMPLATE_URL_LIMIT } from '../cloudformation-limits';

export { TEMPLATE_BODY_LIMIT, TEMPLATE_URL_LIMIT };

export interface TemplateBody {
  /** The text to send: strict JSON, or the YAML as written. */
  body: string;
  format: Template['format'];
  bytes: number;
  /** True when the source had comments, trailing commas or duplicate keys (and so was rewritten). */
  rewritten: boolean;
  /** True when whitespace was taken out to fit the TemplateBody limit. */
  compacted?: boolean;
  /** 'body' fits in TemplateBody; 's3' needs an upload; 'too-large' exceeds even the S3 limit. */
  transport: 'body' | 's3' | 'too-large';
}

export class TemplateBodyError extends Error {}

/**
 * Strict JSON for a parsed template. Throws TemplateBodyError when the text has real syntax
 * errors (those are not something to guess around). The source text is sent unchanged when it is
 * already strict, so line numbers in CloudFormation's messages match the user's file.
 */
export function templateBody(t: Template): TemplateBody {
  const errors = t.parse.syntaxErrors;
  const name = t.format === 'yaml' ? 'YAML' : 'JSON';
  if (errors.length > 0 || !t.parse.root) {
    const first = errors[0];
    throw new TemplateBodyError(first ? `the template is not valid ${name}: ${first.message} (line ${pos(t.text, first.offset)})` : 'the template is empty');
  }
  if (t.parse.root.kind !== 'object') throw new TemplateBodyError(`the template must be a ${t.format === 'yaml' ? 'YAML mapping' : 'JSON object'}`);
  const format = t.format;
  if (format === 'yaml') {
    // Sent as written: no re-serialising (CloudFormation reads the short forms and comments), so
    // the limits apply to the file itself.
    const bytes = Buffer.byteLength(t.text, 'utf8');
    const transport = bytes <= TEMPLATE_BODY_LIMIT ? 'body' : bytes <= TEMPLATE_URL_LIMIT ? 's3' : 'too-large';
    return { body: t.text, format, bytes, rewritten: false, transport };
  }
  const rewritten = t.parse.nonStrict.length > 0 || t.parse.duplicates.length > 0;
  const body = rewritten ? JSON.stringify(toValue(t.parse.root), null, 1) : t.text;
  const bytes = Buffer.byteLength(body, 'utf8');
  // A strict template re-serialised compactly might fit where the formatted source does not.
  if (bytes > TEMPLATE_BODY_LIMIT) {
    const compact = JSON.stringify(toValue(t.parse.root));
    const compactBytes = Buffer.byteLength(compact, 'utf8');
    if (compactBytes <= TEMPLATE_BODY_LIMIT) return { body: compact, format, bytes: compactBytes, rewritten, compacted: true, transport: 'body' };
    return { body: compact, format, bytes: compactBytes, rewritten, compacted: true, transport: compactBytes > TEMPLATE_URL_LIMIT ? 'too-large' : 's3' };
  }
  return { body, format, bytes, rewritten, transport: 'body' };
}

function pos(text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `${p.line + 1}, column ${p.character + 1}`;
}

export function tooLargeMessage(b: TemplateBody, words: SettingWords = PLAIN_WORDS): string {
  // JSON is measured after dropping whitespace; YAML as written (its indentation is its structure).
  const size = `${b.bytes.toLocaleString('en-US')} bytes${b.format === 'yaml' ? '' : ' even without whitespace'}`;
  if (b.transport === 'too-large')
    return `The template is ${size}; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT.toLocaleString('en-US')} bytes (through S3). Split it into nested stacks.`;
  return `The template is ${size}; CloudFormation accepts at most ${TEMPLATE_BODY_LIMIT.toLocaleString('en-US')} bytes inline. Give an S3 bucket to upload it to (${words.s3Bucket}).`;
}
