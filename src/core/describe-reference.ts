// Markdown saying what a reference points at, for hovers (the extension adds the range).
import { get, isScalar, isString, type Node } from './ast';
import { targetOf, type Reference } from './references';
import { PSEUDO_PARAMETER_DOCS } from './resolve';
import type { Template } from './template';

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function scalarText(n: Node | undefined): string | undefined {
  return isScalar(n) && n.kind !== 'null' ? String(n.value) : undefined;
}

/** Markdown describing what a reference points at. `lineOf` gives the 1-based line of an offset. */
export function describeReference(t: Template, r: Reference, lineOf: (offset: number) => number): string {
  const target = targetOf(t, r);
  const where = target?.prop ? ` (line ${lineOf(target.prop.keySpan.offset)})` : '';
  switch (target?.kind) {
    case 'resource': {
      const res = t.resources.get(r.name)!;
      const lines = [`**${r.name}**: resource${res.type ? ' ' + code(res.type) : ''}${where}`];
      if (r.attr) lines.push(`${r.via} reads its attribute ${code(r.attr)}.`);
      else if (r.via === 'Ref' || r.kind === 'sub') lines.push(`${r.kind === 'sub' ? '`${' + r.name + '}`' : '`Ref`'} returns its physical ID (for most types: the name or ID AWS assigns).`);
      else if (r.via === 'DependsOn') lines.push('Created before this resource, deleted after it.');
      return lines.join('\n\n');
    }
    case 'parameter': {
      const p = t.parameters.get(r.name)!;
      const lines = [`**${r.name}**: parameter${p.type ? ' of type ' + code(p.type) : ''}${where}`];
      const desc = get(p.node, 'Description');
      if (isString(desc)) lines.push(desc.value);
      if (p.noEcho) lines.push('`NoEcho`: its value is hidden.');
      else if (scalarText(p.default) !== undefined) lines.push(`Default: ${code(scalarText(p.default)!)}`);
      return lines.join('\n\n');
    }
    case 'pseudo':
      return `**${r.name}**: pseudo parameter, ${PSEUDO_PARAMETER_DOCS[r.name] ?? 'set by CloudFormation'}.`;
    case 'mapping':
      return `**${r.name}**: mapping${where}`;
    case 'mapping-key': {
      const lines = [r.top === undefined ? `**${r.name}**: top-level key of mapping ${code(r.map!)}${where}` : `**${r.name}**: key under ${code(r.top)} in mapping ${code(r.map!)}${where}`];
      const value = scalarText(target.prop?.value);
      if (value !== undefined) lines.push(`Value: ${code(value)}`);
      return lines.join('\n\n');
    }
    case 'condition':
      return `**${r.name}**: condition${where}`;
    case 'sub-variable': {
      const value = scalarText(target.prop?.value);
      return `**${r.name}**: variable of this \`Fn::Sub\`${where}${value !== undefined ? `\n\nValue: ${code(value)}` : ''}`;
    }
    default: {
      const what = r.attr ? code(r.name + '.' + r.attr) : code(r.name);
      if (r.kind === 'mapping-key') return `${what} is not a key ${r.top === undefined ? 'of mapping' : `under ${code(r.top)} in mapping`} ${code(r.map!)}.`;
      return `${what} is not declared in this template.`;
    }
  }
}
