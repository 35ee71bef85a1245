// Markdown saying what a reference points at, for hovers (the extension adds the range).
import { get, isScalar, isString, type Node } from './ast';
import { targetOf, type Reference } from './references';
import { PSEUDO_PARAMETER_DOCS } from './resolve';
import type { Template } from './template';

/**
 * Template text as literal Markdown: every ASCII punctuation character backslash-escaped (what
 * CommonMark allows for all of them), so a parameter's Description or a logical ID shows as
 * written and never becomes a link, an image (fetched when shown), HTML or a command link.
 * Line breaks become spaces: no headings or lists either.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

// Inside a code span nothing is interpreted; a backtick would end it, and a line break too.
const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ') + '`';
const bold = (s: string) => `**${escapeMarkdown(s)}**`;

function scalarText(n: Node | undefined): string | undefined {
  return isScalar(n) && n.kind !== 'null' ? String(n.value) : undefined;
}

/** Markdown describing what a reference points at. `lineOf` gives the 1-based line of an offset. Template text is escaped. */
export function describeReference(t: Template, r: Reference, lineOf: (offset: number) => number): string {
  const target = targetOf(t, r);
  const where = target?.prop ? ` (line ${lineOf(target.prop.keySpan.offset)})` : '';
  switch (target?.kind) {
    case 'resource': {
      const res = t.resources.get(r.name)!;
      const lines = [`${bold(r.name)}: resource${res.type ? ' ' + code(res.type) : ''}${where}`];
      if (r.attr) lines.push(`${r.via} reads its attribute ${code(r.attr)}.`);
      else if (r.via === 'Ref' || r.kind === 'sub')
        lines.push(`${r.kind === 'sub' ? '`${' + r.name + '}`' : '`Ref`'} returns its physical ID (for most types: the name or ID AWS assigns).`);
      else if (r.via === 'DependsOn') lines.push('Created before this resource, deleted after it.');
      return lines.join('\n\n');
    }
    case 'parameter': {
      const p = t.parameters.get(r.name)!;
      const lines = [`${bold(r.name)}: parameter${p.type ? ' of type ' + code(p.type) : ''}${where}`];
      const desc = get(p.node, 'Description');
      if (isString(desc)) lines.push(escapeMarkdown(desc.value));
      if (p.noEcho) lines.push('`NoEcho`: its value is hidden.');
      else if (scalarText(p.default) !== undefined) lines.push(`Default: ${code(scalarText(p.default)!)}`);
      return lines.join('\n\n');
    }
    case 'pseudo':
      return `${bold(r.name)}: pseudo parameter, ${PSEUDO_PARAMETER_DOCS[r.name] ?? 'set by CloudFormation'}.`;
    case 'mapping':
      return `${bold(r.name)}: mapping${where}`;
    case 'mapping-key': {
      const lines = [
        r.top === undefined
          ? `${bold(r.name)}: top-level key of mapping ${code(r.map!)}${where}`
          : `${bold(r.name)}: key under ${code(r.top)} in mapping ${code(r.map!)}${where}`,
      ];
      const value = scalarText(target.prop?.value);
      if (value !== undefined) lines.push(`Value: ${code(value)}`);
      return lines.join('\n\n');
    }
    case 'condition':
      return `${bold(r.name)}: condition${where}`;
    case 'sub-variable': {
      const value = scalarText(target.prop?.value);
      return `${bold(r.name)}: variable of this \`Fn::Sub\`${where}${value !== undefined ? `\n\nValue: ${code(value)}` : ''}`;
    }
    default: {
      const what = r.attr ? code(r.name + '.' + r.attr) : code(r.name);
      if (r.kind === 'mapping-key') return `${what} is not a key ${r.top === undefined ? 'of mapping' : `under ${code(r.top)} in mapping`} ${code(r.map!)}.`;
      return `${what} is not declared in this template.`;
    }
  }
}
