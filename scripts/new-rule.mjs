// `npm run new-rule -- <family>/<name> [--severity error|warning|info] [--title "..."]`: write a new
// rule from templates — the rule file, its test beside it, good and bad fixtures and the docs page —
// and register it in its family's index. Never overwrites a file that exists.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const fail = (msg) => {
  process.stderr.write(`new-rule: ${msg}\n`);
  process.exit(2);
};
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) fail(`--${name} needs a value`);
  args.splice(i, 2);
  return v;
};
const severity = flag('severity', 'warning');
const titleArg = flag('title', undefined);
const id = args[0];
if (!id || args.length > 1) fail('usage: npm run new-rule -- <family>/<name> [--severity error|warning|info] [--title "What it checks"]');
if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) fail(`"${id}" is not a rule id: <family>/<name>, lower case and dashes`);
if (!['error', 'warning', 'info'].includes(severity)) fail(`--severity must be error, warning or info, not "${severity}"`);
const [family, name] = id.split('/');
const familyDir = join(root, 'src', 'rules', family);
const index = join(familyDir, 'index.ts');
if (!existsSync(index))
  fail(
    `no family "${family}" (src/rules/${family}/index.ts); families: ${['auto-scaling', 'health-check', 'load-balancer', 'reference', 'security-group', 'sqs', 'template'].join(', ')}`,
  );
const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const title = titleArg ?? `TODO: one line saying what ${id} checks`;

const files = {
  [join(familyDir, `${name}.ts`)]: `// TODO: what the rule checks, in the words of the AWS documentation, and why it matters.
import { defineRule } from '../../core/rule';

export const ${camel} = defineRule(
  {
    id: '${id}',
    severity: '${severity}',
    title: ${JSON.stringify(title)},
  },
  ({ template, report }) => {
    for (const r of template.resources.values()) {
      // TODO: the check. Report the smallest span that explains the problem, name both ends of a
      // broken wire in \`related\`, and offer a fix through the edit layer where one is safe.
      void r;
      void report;
    }
  },
);
`,
  [join(familyDir, `${name}.test.ts`)]: `import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lintFixture } from '../../../test/helpers/lint';

const ID = '${id}';

describe(ID, () => {
  it('reports the bad fixture', () => {
    assert.ok(lintFixture([ID], 'rules', '${family}', '${name}', 'bad.json').length > 0);
  });

  it('is quiet on the good fixture', () => {
    assert.deepEqual(lintFixture([ID], 'rules', '${family}', '${name}', 'good.json'), []);
  });
});
`,
  [join(root, 'test', 'fixtures', 'rules', family, name, 'good.json')]:
    `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: `${id}: a template the rule accepts`, Resources: {} }, null, 2)}\n`,
  [join(root, 'test', 'fixtures', 'rules', family, name, 'bad.json')]:
    `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: `${id}: a template the rule reports`, Resources: {} }, null, 2)}\n`,
  [join(root, 'docs', 'rules', family, `${name}.md`)]: `# ${id}

**Severity:** ${severity} · **Applies to:** TODO resource types

## What it checks
TODO

## Why it matters
TODO (one short paragraph: the hover shows its first sentences)

## Fix
TODO (what the quick fix does, with an example)

## Not reported
- TODO (what the rule leaves alone, and why)

## References
- TODO (the AWS documentation pages that state the fact)
`,
};
for (const f of Object.keys(files)) if (existsSync(f)) fail(`${f.slice(root.length + 1)} exists already: nothing written`);
for (const [f, text] of Object.entries(files)) {
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, text, { flag: 'wx' });
  process.stdout.write(`wrote ${f.slice(root.length + 1)}\n`);
}

// Register it: import it in the family's index and add it to the family's list.
const src = readFileSync(index, 'utf8');
const imports = [...src.matchAll(/^import .*;$/gm)];
const last = imports[imports.length - 1];
const withImport = `${src.slice(0, last.index + last[0].length)}\nimport { ${camel} } from './${name}';${src.slice(last.index + last[0].length)}`;
const listed = withImport.replace(
  /(export const \w+: Rule\[\] = \[)([^\]]*)(\]);/,
  (_, a, list, b) => `${a}${list.trim().replace(/,\s*$/, '')}, ${camel}${b};`,
);
if (listed === withImport) fail(`could not find the rule list in src/rules/${family}/index.ts: add ${camel} to it yourself`);
writeFileSync(index, listed);
process.stdout.write(`registered ${camel} in src/rules/${family}/index.ts\n`);
process.stdout.write(
  `\nNext: write the check, the fixtures and the docs page; then \`npm run gen-yaml-fixtures\` for the YAML twins,\n\`UPDATE_README=1 npm run test:unit -- rules-table\` for the README table, and \`npm run test:unit -- ${name}\`.\n`,
);
