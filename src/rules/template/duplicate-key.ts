// JSON does not forbid duplicate keys, but every JSON parser — CloudFormation's included — keeps
// only the last one. The first definition is dropped without a word: a duplicated logical ID in
// Resources loses a whole resource, a duplicated property loses a setting, a second "Resources"
// section loses the first one entirely.
import { get, type Node } from '../../core/ast';
import { LineIndex } from '../../core/positions';
import { defineRule } from '../../core/rule';

const SECTIONS: Record<string, string> = {
  Resources: 'resource',
  Parameters: 'parameter',
  Outputs: 'output',
  Mappings: 'mapping',
  Conditions: 'condition',
};

export const duplicateKey = defineRule(
  {
    id: 'template/duplicate-key',
    severity: 'error',
    title: 'The same key appears twice in one object',
  },
  ({ template, report }) => {
    const dups = template.parse.duplicates;
    if (dups.length === 0) return;
    const root = template.root;
    const lines = new LineIndex(template.text);
    const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
    // Section objects, so a duplicate inside one can be named for what it loses.
    const sectionOf = new Map<unknown, string>();
    for (const name of Object.keys(SECTIONS)) {
      // Every section object, the overridden ones too (their entries are lost with them).
      for (const p of root?.properties ?? []) if (p.key === name && p.value) sectionOf.set(p.value, name);
    }
    const resourcesNode = get(root, 'Resources');
    // The logical ID of the resource an object sits in (a bounded climb: duplicates are rare, but
    // nesting may be deep).
    const resourceOf = (obj: Node): string | undefined => {
      let n: Node | undefined = obj;
      for (let i = 0; i < 64 && n; i++) {
        const parent: Node | undefined = n.parent;
        if (parent && parent === resourcesNode && parent.kind === 'object') {
          return parent.properties.find((p) => p.value === n)?.key;
        }
        n = parent;
      }
      return undefined;
    };
    for (const { first, duplicate, object } of dups) {
      const key = duplicate.key;
      const firstLine = lineOf(first.keySpan.offset);
      let message: string;
      const section = sectionOf.get(object);
      if (object === root) {
        message = `Duplicate top-level key '${key}': CloudFormation, like JSON parsers, keeps only the last one, so everything in the '${key}' on line ${firstLine} is silently lost. Merge the two.`;
      } else if (section === 'Resources') {
        message = `Duplicate logical ID '${key}' in Resources: CloudFormation, like JSON parsers, keeps only the last definition, so the resource defined on line ${firstLine} is silently lost. Rename one of them (logical IDs must be unique).`;
      } else if (section) {
        const what = SECTIONS[section];
        message = `Duplicate ${what} '${key}' in ${section}: CloudFormation, like JSON parsers, keeps only the last one, so the ${what} defined on line ${firstLine} is silently lost. Rename or remove one of them.`;
      } else {
        const owner = resourceOf(object);
        const inRes = owner ? ` in resource '${owner}'` : '';
        message = `Duplicate key '${key}'${inRes}: CloudFormation, like JSON parsers, keeps only the last one, so the value on line ${firstLine} is silently lost. Remove one of them.`;
      }
      report({
        span: duplicate.keySpan,
        message,
        related: [{ span: first.keySpan, message: `first '${key}' (ignored)` }],
      });
    }
  },
);
