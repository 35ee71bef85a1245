// CloudFormation quotas that a template can exceed on its own (AWS CloudFormation User Guide,
// "Understand CloudFormation quotas"):
// - a template passed inline (TemplateBody) may be at most 51,200 bytes; a larger one must be
//   uploaded to S3 and passed by TemplateURL, which allows up to 1 MB (a warning: it still deploys,
//   just not inline);
// - at most 500 resources, 200 parameters, 200 outputs and 200 mappings per template (errors:
//   CloudFormation rejects the template).
// Reported at the section's key (or the start of the document), never over the whole file.
import { type Property } from '../../core/ast';
import { defineRule } from '../../core/rule';
import { MAX_MAPPINGS, MAX_OUTPUTS, MAX_PARAMETERS, MAX_RESOURCES, TEMPLATE_BODY_BYTES, TEMPLATE_URL_BYTES } from '../../core/cloudformation-limits';

const COUNTS: Array<{ section: 'Resources' | 'Parameters' | 'Outputs' | 'Mappings'; what: string; max: number; hint: string }> = [
  {
    section: 'Resources',
    what: 'resources',
    max: MAX_RESOURCES,
    hint: 'Move part of the stack into nested stacks (AWS::CloudFormation::Stack) or a second stack.',
  },
  { section: 'Parameters', what: 'parameters', max: MAX_PARAMETERS, hint: 'Group related values into mappings, or split the stack.' },
  { section: 'Outputs', what: 'outputs', max: MAX_OUTPUTS, hint: 'Export fewer values, or split the stack.' },
  { section: 'Mappings', what: 'mappings', max: MAX_MAPPINGS, hint: 'Merge mappings (a mapping can hold many keys), or split the stack.' },
];

/** UTF-8 length of a JavaScript string (lone surrogates count 3 bytes, as U+FFFD). */
export function utf8Bytes(text: string): number {
  // Node's native count when available (the CLI and the extension host); a loop elsewhere.
  const B = (globalThis as { Buffer?: { byteLength(s: string, enc: string): number } }).Buffer;
  return B ? B.byteLength(text, 'utf8') : countUtf8(text);
}

/** The same count without Node's Buffer (e.g. a web extension host). */
export function countUtf8(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export const limits = defineRule(
  {
    id: 'template/limits',
    severity: 'error',
    title: 'Template larger than CloudFormation allows (bytes, resources, parameters, outputs, mappings)',
  },
  ({ template, report }) => {
    const root = template.root;
    // The start of the document: the opening brace (or the first character).
    const start = root ? { offset: root.offset, length: 1 } : { offset: 0, length: Math.min(1, template.text.length) };
    // Cheap pre-check: a UTF-8 character is at most 3 bytes per UTF-16 code unit.
    if (template.text.length * 3 > TEMPLATE_BODY_BYTES) {
      const bytes = utf8Bytes(template.text);
      if (bytes > TEMPLATE_URL_BYTES) {
        report({
          span: start,
          severity: 'error',
          message: `The template is ${fmt(bytes)} bytes: more than the 1 MB (${fmt(TEMPLATE_URL_BYTES)} bytes) CloudFormation accepts even from S3 (TemplateURL). Split it into nested stacks.`,
        });
      } else if (bytes > TEMPLATE_BODY_BYTES) {
        report({
          span: start,
          severity: 'warning',
          message: `The template is ${fmt(bytes)} bytes, over the ${fmt(TEMPLATE_BODY_BYTES)}-byte limit for a template passed inline (TemplateBody): upload it to S3 and deploy it by TemplateURL (up to 1 MB), or make it smaller.`,
        });
      }
    }
    for (const c of COUNTS) {
      const map =
        c.section === 'Resources'
          ? template.resources
          : c.section === 'Parameters'
            ? template.parameters
            : c.section === 'Outputs'
              ? template.outputs
              : template.mappings;
      if (map.size <= c.max) continue;
      const key = sectionKey(root?.properties, c.section);
      report({
        span: key ?? start,
        severity: 'error',
        message: `${fmt(map.size)} ${c.what}: CloudFormation allows at most ${c.max} ${c.what} in a template and rejects this one. ${c.hint}`,
      });
    }
  },
);

function sectionKey(props: Property[] | undefined, name: string) {
  if (!props) return undefined;
  for (let i = props.length - 1; i >= 0; i--) if (props[i].key === name) return props[i].keySpan;
  return undefined;
}

/** 1,033,330 — without toLocaleString, whose first call loads ICU data (~35 ms, once per process). */
function fmt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
