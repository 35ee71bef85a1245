// The corpus test: lint a folder of public CloudFormation templates (not part of the repository, not
// part of `npm test`) with the built CLI and summarise what Decouple reports, per rule.
//
//   npm run corpus -- <dir>                                  per-rule summary of the findings
//   npm run corpus -- <dir> --check test/corpus/findings.json  compare with the reviewed list
//   npm run corpus -- <dir> --dump findings.json              write every finding (for review)
//   npm run corpus -- --fetch test/corpus/manifest.json <dir> download the corpus the manifest names
//
// <dir> holds <owner>__<repo>/<path in that repository>, as the manifest records them; without a
// <dir> argument DECOUPLE_CORPUS is used. A missing corpus is skipped with a note (exit 0).
// --check exits 1 when the linter reports a finding that the reviewed list does not have.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) fail(`${name} needs a value`);
  args.splice(i, 2);
  return v;
};
function fail(msg) {
  console.error(`corpus: ${msg}`);
  process.exit(2);
}

const fetchManifest = opt('--fetch');
const checkFile = opt('--check');
const dumpFile = opt('--dump');
const dir = args.find((a) => !a.startsWith('--')) ?? process.env.DECOUPLE_CORPUS;
if (!dir) {
  console.log(
    'corpus: no corpus folder given; skipped. Usage: npm run corpus -- <dir> [--check test/corpus/findings.json] (or set DECOUPLE_CORPUS); fetch the templates with npm run corpus -- --fetch test/corpus/manifest.json <dir>',
  );
  process.exit(0);
}

if (fetchManifest) {
  await fetchCorpus(resolve(fetchManifest), resolve(dir));
  process.exit(0);
}

if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.log(`corpus: no corpus at ${dir}; skipped. Fetch it with: npm run corpus -- --fetch test/corpus/manifest.json ${dir}`);
  process.exit(0);
}

// Build when the bundle is missing or older than any source file.
const cli = join(root, 'dist', 'cli.js');
const newest = (d) => {
  let t = 0;
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
};
if (!existsSync(cli) || statSync(cli).mtimeMs < newest(join(root, 'src'))) {
  console.log('corpus: building dist/cli.js');
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail('build failed');
}

// Every file under <dir> is named explicitly (dot-folders included), in a stable order.
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(json|ya?ml|template)$/i.test(n)) files.push(relative(dir, p));
  }
};
walk(dir);
if (files.length === 0) {
  console.log(`corpus: ${dir} holds no templates; skipped`);
  process.exit(0);
}

const lint = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--', ...files], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
if (lint.stderr) process.stderr.write(lint.stderr.replace(/^/gm, 'corpus: lint: '));
let raw;
try {
  raw = JSON.parse(lint.stdout);
} catch {
  fail(`decouple lint did not print JSON (exit ${lint.status})`);
}

const where = (file) => {
  const parts = file.split(sep).join('/').split('/');
  return { repo: parts[0].replace('__', '/'), path: parts.slice(1).join('/') };
};
const findings = raw.map((f) => ({ rule: f.rule, severity: f.severity, ...where(f.file), line: f.range.start.line + 1, message: f.message }));
const key = (f) => `${f.rule}\u0000${f.repo}\u0000${f.path}\u0000${f.line}`;

// Per-rule summary.
const byRule = new Map();
for (const f of findings) {
  const r = byRule.get(f.rule) ?? { count: 0, files: new Set(), severity: new Set() };
  r.count++;
  r.files.add(`${f.repo}/${f.path}`);
  r.severity.add(f.severity);
  byRule.set(f.rule, r);
}
const withFindings = new Set(findings.map((f) => `${f.repo}/${f.path}`)).size;
console.log(
  `corpus: ${files.length} templates from ${new Set(files.map((f) => where(f).repo)).size} repositories; ${findings.length} findings in ${withFindings} templates`,
);
const rows = [...byRule].sort((a, b) => b[1].count - a[1].count);
const w = Math.max(4, ...rows.map(([id]) => id.length));
console.log(`${'rule'.padEnd(w)}  findings  templates  severity`);
for (const [id, r] of rows) console.log(`${id.padEnd(w)}  ${String(r.count).padStart(8)}  ${String(r.files.size).padStart(9)}  ${[...r.severity].join(',')}`);

if (dumpFile) {
  writeFileSync(dumpFile, JSON.stringify(findings, null, 2) + '\n');
  console.log(`corpus: wrote ${findings.length} findings to ${dumpFile}`);
}

if (checkFile) {
  const reviewed = JSON.parse(readFileSync(checkFile, 'utf8'));
  const list = Array.isArray(reviewed) ? reviewed : reviewed.findings;
  // The same rule can report twice at one line (two messages for one YAML error): match as multisets.
  const group = (arr) => {
    const m = new Map();
    for (const f of arr) m.set(key(f), [...(m.get(key(f)) ?? []), f]);
    return m;
  };
  const known = group(list);
  const now = group(findings);
  const fresh = [...now].flatMap(([k, fs]) => fs.slice((known.get(k) ?? []).length));
  const vanished = [...known].flatMap(([k, fs]) => fs.slice((now.get(k) ?? []).length));
  const reworded = findings.filter((f) => known.has(key(f)) && !known.get(key(f)).some((r) => r.message === f.message));
  const show = (f) => `  ${f.rule}  ${f.repo}/${f.path}:${f.line}  ${f.message.split('\n')[0].slice(0, 160)}`;
  // A new finding that names the same things as a vanished one in the same file probably moved
  // (the rule now points at another line): shown with the old verdict, still to be reviewed.
  const names = (f) => `${f.rule}\u0000${f.repo}\u0000${f.path}\u0000${[...f.message.matchAll(/'([^']+)'/g)].map((m) => m[1]).join('\u0000')}`;
  const moved = new Map(vanished.map((v) => [names(v), v]));
  const spot = (f) => `${f.repo}\u0000${f.path}\u0000${f.line}\u0000${names(f).split('\u0000').slice(3).join('\u0000')}`;
  const renamed = new Map(vanished.map((v) => [spot(v), v]));
  const moveNote = (f) => {
    const m = moved.get(names(f));
    if (m) return `  [moved from line ${m.line}, was ${m.verdict}]`;
    const r = renamed.get(spot(f));
    return r && r.rule !== f.rule ? `  [was ${r.rule}: ${r.verdict}]` : '';
  };
  if (fresh.length) console.log(`\nnew findings (not reviewed): ${fresh.length}\n${fresh.map((f) => show(f) + moveNote(f)).join('\n')}`);
  if (vanished.length) {
    console.log(`\nvanished findings (reviewed, no longer reported): ${vanished.length}`);
    for (const f of vanished) console.log(`${show(f)}  [was ${f.verdict}]`);
  }
  if (reworded.length) console.log(`\nreworded (same rule and line, new message): ${reworded.length}\n${reworded.map(show).join('\n')}`);
  const fp = list.filter((f) => f.verdict === 'false-positive' && now.has(key(f)));
  console.log(
    `\ncheck: ${findings.length} findings, ${fresh.length} new, ${vanished.length} vanished, ${fp.length} still reported that were reviewed as false positives`,
  );
  process.exit(fresh.length ? 1 : 0);
}

/** Downloads each template the manifest names at its commit and checks its hash. */
async function fetchCorpus(manifestPath, out) {
  const { templates } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  let ok = 0;
  for (const t of templates) {
    const dest = join(out, t.repo.replace('/', '__'), ...t.path.split('/'));
    if (existsSync(dest) && createHash('sha256').update(readFileSync(dest)).digest('hex') === t.sha256) {
      ok++;
      continue;
    }
    const url = `https://raw.githubusercontent.com/${t.repo}/${t.commit}/${t.path.split('/').map(encodeURIComponent).join('/')}`;
    try {
      const res = await globalThis.fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      const h = createHash('sha256').update(bytes).digest('hex');
      if (h !== t.sha256) throw new Error(`hash ${h.slice(0, 12)} is not the manifest's ${t.sha256.slice(0, 12)}`);
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, bytes);
      ok++;
    } catch (e) {
      console.error(`corpus: ${t.repo}/${t.path}: ${e.message}`);
    }
  }
  console.log(`corpus: ${ok} of ${templates.length} templates in ${out}`);
  if (ok < templates.length) process.exit(1);
}
