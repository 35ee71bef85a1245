// AWSTemplateFormatVersion is optional, but when present it must be the string "2010-09-09" — the
// only template format version there has ever been. Anything else ("2010-09-10", "2010/09/09", the
// number 2010, an intrinsic function) fails validation: "Template format error: Unsupported
// template format version".
import { getProperty } from '../../core/ast';
import { defineRule } from '../../core/rule';
import { replaceValue, sourceOf } from '../../core/edit';

const VERSION = '2010-09-09';

export const formatVersion = defineRule(
  {
    id: 'template/format-version',
    severity: 'error',
    title: 'AWSTemplateFormatVersion is not "2010-09-09"',
  },
  ({ template, report }) => {
    const prop = getProperty(template.root, 'AWSTemplateFormatVersion');
    const v = prop?.value;
    if (!v || (v.kind === 'string' && v.value === VERSION)) return;
    const shown = sourceOf(template.text, v);
    const found =
      v.kind === 'string'
        ? `the string ${shown.length > 40 ? shown.slice(0, 40) + '…' : shown}`
        : v.kind === 'number'
          ? `the number ${shown}; the version is a string`
          : v.kind === 'object' || v.kind === 'array'
            ? `${v.kind === 'object' ? 'an object' : 'an array'}; the version must be a literal string, not computed`
            : shown;
    const trimmed = v.kind === 'string' && v.value.trim() === VERSION ? ' (watch the spaces)' : '';
    report({
      span: v,
      message: `AWSTemplateFormatVersion must be "${VERSION}", the only template format version there is; found ${found}${trimmed}. CloudFormation rejects the template ("Unsupported template format version"). Use "${VERSION}" or leave the key out.`,
      fixes: [{ title: `Set AWSTemplateFormatVersion to "${VERSION}"`, edits: [replaceValue(template, v, VERSION)], isPreferred: true }],
    });
  },
);
