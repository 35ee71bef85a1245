// What the .vsix holds (vsce's own file list, from package.json and the .vscodeignore allow-list)
// and what the extension bundle loads: no sources, tests, maps or node_modules in the package, and
// no AWS SDK in dist/extension.js (it lives in dist/deploy.js, loaded only by a deploy command).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../rules';

const ROOT = join(__dirname, '..', '..', '..');

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
  /^dist\/(extension|deploy|wiring|wiring-webview)\.js$/,
  /^snippets\/[^/]+\.json$/,
  /^schemas\/[^/]+\.json$/,
  /^templates\/[^/]+\.(json|yaml)$/,
  /^docs\/.+\.(md|png)$/,
];

test('the package holds only the allow-listed files, and everything the extension needs', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  assert.deepEqual(stray, [], 'files outside the allow-list');
  for (const f of [
    'package.json',
    'dist/extension.js',
    'dist/wiring.js',
    'dist/wiring-webview.js',
    'images/icon.png',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    ...allRules.map((x) => x.meta.docs),
  ]) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  // The manifest's own references resolve inside the package.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    icon: string;
    contributes: { snippets?: Array<{ path: string }>; jsonValidation?: Array<{ url: string }> };
  };
  const refs = [pkg.main, pkg.icon, ...(pkg.contributes.snippets ?? []).map((s) => s.path), ...(pkg.contributes.jsonValidation ?? []).map((j) => j.url)];
  for (const ref of refs) {
    const rel = ref.replace(/^\.\//, '');
    if (/^https?:/.test(rel)) continue;
    assert.ok(files.includes(rel), `package.json refers to ${ref}, which is not packaged`);
  }
  // Every snippet file (JSON and YAML) is packaged and contributed, none left over.
  const snippetFiles = readdirSync(join(ROOT, 'snippets'))
    .map((f) => `snippets/${f}`)
    .sort();
  assert.deepEqual(snippetFiles, ['snippets/cloudformation-yaml.json', 'snippets/cloudformation.json']);
  assert.deepEqual(files.filter((f) => f.startsWith('snippets/')).sort(), snippetFiles);
  assert.deepEqual([...new Set((pkg.contributes.snippets ?? []).map((x) => x.path.replace(/^\.\//, '')))].sort(), snippetFiles);
});

test('the extension bundle does not contain the AWS SDK; deploy.js is loaded lazily', () => {
  const bundle = join(ROOT, 'dist', 'extension.js');
  assert.ok(existsSync(bundle), 'dist/extension.js is built by `npm test` before the tests run');
  const text = readFileSync(bundle, 'utf8');
  assert.doesNotMatch(text, /@aws-sdk\/client-|CloudFormationClient/);
  assert.match(text, /require\(["']\.\/deploy\.js["']\)/);
});

test('the wiring diagram (graph, dagre layout, webview) is loaded lazily from dist/wiring.js', () => {
  const text = readFileSync(join(ROOT, 'dist', 'extension.js'), 'utf8');
  assert.match(text, /require\(["']\.\/wiring\.js["']\)/);
  assert.doesNotMatch(text, /dagre|wiringCss/);
  assert.match(readFileSync(join(ROOT, 'dist', 'wiring.js'), 'utf8'), /decouple\.wiring/);
});

test('the .vsix stays under 2.5 MB', () => {
  const out = join(ROOT, 'out', 'size-check.vsix');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--no-build', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const size = statSync(out).size;
  assert.ok(size < 2.5 * 1024 * 1024, `the .vsix is ${(size / 1048576).toFixed(2)} MB`);
});
