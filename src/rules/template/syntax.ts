// A template CloudFormation cannot parse is rejected as a whole ("Template format error: JSON not
// well-formed"), and nothing else in it can be trusted. The parser recovers from each error and
// records where it happened; this rule reports each one at its position with the parser's
// explanation. (The CLI also reports files that are not UTF-8 under this id: CloudFormation reads
// templates as UTF-8.)
import { defineRule } from '../../core/rule';

/** The parser stops recording after this many; say so on the last one. */
const PARSER_LIMIT = 50;

export const syntax = defineRule(
  {
    id: 'template/syntax',
    severity: 'error',
    title: 'The template is not well-formed JSON or YAML',
  },
  ({ template, report }) => {
    const errors = template.parse.syntaxErrors;
    // When the parser stopped recording, say so on the error that comes last in the text.
    let last = -1;
    if (errors.length >= PARSER_LIMIT) errors.forEach((e, i) => (last = last < 0 || e.offset >= errors[last].offset ? i : last));
    errors.forEach((e, i) => {
      const more = i === last ? ' (further syntax errors are not listed)' : '';
      report({
        span: { offset: e.offset, length: e.length },
        message: `${template.format === 'yaml' ? 'YAML' : 'JSON'} syntax error: ${e.message.replace(/\.$/, '')}.${more} CloudFormation rejects a template it cannot parse.`,
      });
    });
  },
);
