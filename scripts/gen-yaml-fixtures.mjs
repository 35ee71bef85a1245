// Writes a YAML twin beside every JSON rule fixture: test/fixtures/rules/<family>/<rule>/<name>.json
// → <name>.yaml, converted with the product's own converter (src/core/convert: short forms, quotes
// only where needed, the JSON's comments kept as YAML comments). The parity test lints both and
// expects the same diagnostics.
//
//   node scripts/gen-yaml-fixtures.mjs           (npm run gen-yaml-fixtures) write the YAML twins
//   node scripts/gen-yaml-fixtures.mjs --check   exit 1 if a committed twin is missing or differs
//
// Fixtures that are deliberately broken JSON have no generated twin:
// - template/syntax/bad.json: JSON syntax errors cannot be converted. Its YAML counterpart,
//   template/syntax/bad.yaml, is written by hand (YAML syntax errors) and left alone here.
// Fixtures converted although their point is JSON-specific (the parity test must expect a
// difference, not the same diagnostics):
// - template/not-strict-json/bad.json: its comments become YAML comments and its trailing commas
//   vanish, so the YAML twin is valid YAML and template/not-strict-json reports nothing on it.
// - template/duplicate-key/bad.json: converted as written, duplicates kept, so the YAML twin has the
//   same duplicate keys (and the same template/duplicate-key diagnostics).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

/** JSON fixtures without a generated twin, with the reason (paths relative to test/fixtures/rules). */
export const SKIPPED = {
  'template/syntax/bad.json': 'deliberately broken JSON; template/syntax/bad.yaml is hand-written',
};
/** YAML fixtures written by hand, which the generator never touches. */
export const HAND_WRITTEN = ['template/syntax/bad.yaml'];

const header = (name) => `# Generated from ${name} by scripts/gen-yaml-fixtures.mjs (npm run gen-yaml-fixtures): do not edit.\n`;

async function loadConverter() {
  const out = await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'core', 'convert', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, (await import('node:module')).createRequire(import.meta.url));
  return module.exports;
}

function jsonFixtures(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFixtures(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

function yamlFixtures(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFixtures(p));
    else if (name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

/** Every twin the generator writes: path → text. */
export async function generate() {
  const { convertTemplate } = await loadConverter();
  const twins = new Map();
  for (const file of jsonFixtures(FIXTURES)) {
    const rel = relative(FIXTURES, file).split('\\').join('/');
    if (SKIPPED[rel]) continue;
    const { text } = convertTemplate(readFileSync(file, 'utf8'), 'yaml', rel);
    twins.set(file.replace(/\.json$/, '.yaml'), header(rel.split('/').pop()) + text);
  }
  return twins;
}

const check = process.argv.includes('--check');
const twins = await generate();
const problems = [];
for (const [file, text] of twins) {
  const rel = relative(ROOT, file);
  if (check) {
    if (!existsSync(file)) problems.push(`${rel} is missing`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`${rel} differs from what the generator writes`);
  } else if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    writeFileSync(file, text);
    console.log(`wrote ${rel}`);
  }
}
for (const file of yamlFixtures(FIXTURES)) {
  const rel = relative(FIXTURES, file).split('\\').join('/');
  if (!twins.has(file) && !HAND_WRITTEN.includes(rel)) problems.push(`test/fixtures/rules/${rel} has no JSON original (delete it, or list it in HAND_WRITTEN)`);
}
for (const rel of HAND_WRITTEN) if (!existsSync(join(FIXTURES, rel))) problems.push(`hand-written test/fixtures/rules/${rel} is missing`);
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(check ? 'YAML fixtures are out of date: run npm run gen-yaml-fixtures' : '');
  process.exit(1);
}
console.log(check ? `YAML fixtures up to date (${twins.size} generated, ${HAND_WRITTEN.length} hand-written)` : `${twins.size} YAML fixtures generated`);
