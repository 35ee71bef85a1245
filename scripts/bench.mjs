// npm run bench: how fast is lint, measured in one run on generated templates, in JSON and YAML.
//  1. In-process, JSON: our full lint (parse + model + every rule) against jsonc-parser's parseTree
//     of the same text — the cost of just reading the JSON. Target: lint ≤ 3× parse.
//  2. In-process, YAML: the same templates as YAML (short forms), our lint against the `yaml`
//     package's own parseDocument of the same text. Target: lint ≤ 2× parseDocument.
//  3. In-process and warm, AWS's @aws/cloudformation-validate (WASM) on the same JSON and YAML
//     files, side by side with our lint.
//  4. Completion on the largest template, JSON and YAML, valid and with a syntax error at the
//     cursor (`{"Ref": "` / `!GetAtt [Fro` half typed): the model comes from the last lint, as in
//     the editor; what is timed is finding the context and ranking (with a model of this text the
//     JSON scan starts at the container around the cursor; one keystroke later it reads the text
//     from the start). Target: < 10 ms.
//  5. Whole command: `node dist/cli.js lint` against `cfn-lint` on the same files, per format.
//     Target for YAML: ≥ 30× faster.
//  6. The wiring diagram: graph build + layout on the same templates (scripts/bench/graph.mjs).
//     Target: under 100 ms at ~500 resources.
// Figures are ratios taken in the same run, so a slow or busy machine shifts both sides alike.
// Flags: --quick (two sizes, one run each), --in-process (skip the whole-command comparison).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { generate, median, timeInterleaved } from './bench/lib.mjs';
import { benchGraph } from './bench/graph.mjs';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const inProcessOnly = process.argv.includes('--in-process');

// Build what we measure: the CLI bundle and the compiled core.
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/build.mjs']);
// The core as the extension and CLI ship it: one esbuild bundle.
const outDir = mkdtempSync(join(tmpdir(), 'decouple-bench-out-'));
await esbuild.build({
  stdin: {
    contents: [
      "export { lintText } from './src/core/lint';",
      "export { parseJson } from './src/core/parse-json';",
      "export { parseYaml } from './src/core/parse-yaml';",
      "export { allRules } from './src/rules';",
      "export { toYaml } from './src/core/convert';",
      "export { complete } from './src/core/completion';",
      "export { parseTemplate } from './src/core/template';",
      "export { buildGraph, layoutGraph, renderSvg } from './src/core/graph';",
    ].join('\n'),
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  mainFields: ['module', 'main'],
  outfile: join(outDir, 'core.js'),
  logLevel: 'warning',
});

const { parseTree } = require('jsonc-parser');
const { parseDocument } = require('yaml');
const core = require(join(outDir, 'core.js'));
const { lintText, parseJson, parseYaml, allRules, toYaml, complete, parseTemplate } = core;

const sizes = quick
  ? [
      { name: 'small', tiers: 2, bytes: 0 },
      { name: 'large', tiers: 71, bytes: 1_000_000 },
    ]
  : [
      { name: 'small', tiers: 2, bytes: 0 },
      { name: 'medium', tiers: 10, bytes: 100_000 },
      { name: 'half', tiers: 40, bytes: 500_000 },
      { name: 'large', tiers: 71, bytes: 1_000_000 },
    ];

const dir = mkdtempSync(join(tmpdir(), 'decouple-bench-'));
const files = { json: [], yaml: [] };
const texts = [];
for (const s of sizes) {
  const json = generate(s.tiers, s.bytes);
  const yaml = toYaml(JSON.parse(json));
  for (const [format, text] of [
    ['json', json],
    ['yaml', yaml],
  ]) {
    const file = join(dir, `${s.name}.${format}`);
    writeFileSync(file, text);
    files[format].push(file);
  }
  texts.push({ ...s, json, yaml, resources: s.tiers * 7 });
}
const kb = (t) => `${Math.round(t.length / 1000)} KB`;
const row = (cells, widths) => cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](widths[i])).join(' ');

console.log('\nIn-process, JSON (median per run):');
const wj = [12, 9, 10, 13, 13, 9, 15, 12];
console.log(row(['template', 'bytes', 'resources', 'parseTree ms', 'our parse ms', 'lint ms', 'lint/parseTree', 'diagnostics'], wj));
for (const t of texts) {
  let diags = 0;
  const [tParse, tOurs, tLint] = timeInterleaved(
    [
      () => parseTree(t.json, [], { allowTrailingComma: true }),
      () => parseJson(t.json),
      () => (diags = lintText(t.json, { rules: allRules }).diagnostics.length),
    ],
    15,
    1500,
  );
  console.log(
    row([kb(t.json), t.json.length, t.resources, tParse.toFixed(2), tOurs.toFixed(2), tLint.toFixed(2), `${(tLint / tParse).toFixed(2)}×`, diags], wj),
  );
}

console.log('\nIn-process, YAML, the same templates with short forms (median per run):');
const wy = [12, 9, 10, 17, 13, 9, 19, 12];
console.log(row(['template', 'bytes', 'resources', 'parseDocument ms', 'our parse ms', 'lint ms', 'lint/parseDocument', 'diagnostics'], wy));
for (const t of texts) {
  let diags = 0;
  const [tParse, tOurs, tLint] = timeInterleaved(
    [() => parseDocument(t.yaml), () => parseYaml(t.yaml), () => (diags = lintText(t.yaml, { rules: allRules }).diagnostics.length)],
    10,
    1500,
  );
  console.log(
    row([kb(t.yaml), t.yaml.length, t.resources, tParse.toFixed(2), tOurs.toFixed(2), tLint.toFixed(2), `${(tLint / tParse).toFixed(2)}×`, diags], wy),
  );
}

// Completion at the last SourceSecurityGroupId of the largest template (the JSON scan reads the
// whole text before the cursor: the worst place).
{
  const t = texts[texts.length - 1];
  console.log(`\nCompletion on the ${kb(t.json)} template (median ms per request; the model from the last lint):`);
  const wc = [40, 9, 8];
  console.log(row(['case', 'ms', 'items'], wc));
  const cases = [];
  {
    const at = t.json.indexOf('"Ref": "', t.json.lastIndexOf('"SourceSecurityGroupId"')) + 8;
    cases.push(['JSON, inside {"Ref": "…"}', t.json, at]);
    const lineEnd = t.json.indexOf('\n', at);
    cases.push(['JSON, {"Ref": " half typed (broken)', t.json.slice(0, at) + t.json.slice(lineEnd), at]);
  }
  {
    // `SourceSecurityGroupId: !Ref X` (or a long-form `Ref: X` on the line below).
    const key = t.yaml.lastIndexOf('SourceSecurityGroupId:');
    const m = /!Ref |Ref: /.exec(t.yaml.slice(key));
    const tagAt = key + m.index;
    const at = tagAt + m[0].length;
    cases.push([`YAML, after ${m[0].trim()}`, t.yaml, at]);
    const lineEnd = t.yaml.indexOf('\n', at);
    const broken = t.yaml.slice(0, tagAt) + '!GetAtt [Fro' + t.yaml.slice(lineEnd);
    cases.push(['YAML, !GetAtt [Fro half typed (broken)', broken, tagAt + '!GetAtt [Fro'.length]);
  }
  for (const [name, text, at] of cases) {
    const model = parseTemplate(text);
    let n = 0;
    const [ms] = timeInterleaved([() => (n = complete(model, at).length)], 20, 1000);
    console.log(row([name, ms.toFixed(2), n], wc));
    // While typing, the model is of the text one keystroke ago: the context is read from the text alone.
    const typed = text.slice(0, at) + 'L' + text.slice(at);
    const [stale] = timeInterleaved([() => (n = complete(model, at + 1, { text: typed }).length)], 20, 1000);
    console.log(row([`  model one keystroke old`, stale.toFixed(2), n], wc));
  }
}

benchGraph(texts, core, row);

// AWS's validator, in process and warm (engine built once, then each file validated repeatedly).
let cfv;
try {
  cfv = require('@aws/cloudformation-validate');
} catch {
  console.log('\n@aws/cloudformation-validate not installed (npm ci installs it): skipped');
}
if (cfv) {
  const engine = new cfv.RegoEngine();
  try {
    console.log(`\nIn-process and warm: our lint vs @aws/cloudformation-validate ${cfv.version?.() ?? ''} (median ms per template):`);
    const wv = [12, 7, 10, 16, 10, 16];
    console.log(row(['template', 'format', 'ours ms', 'cfn-validate ms', 'ratio', 'their findings'], wv));
    for (const [i, t] of texts.entries()) {
      for (const format of ['json', 'yaml']) {
        const file = files[format][i];
        let found = 0;
        const [ours, theirs] = timeInterleaved(
          [() => lintText(t[format], { rules: allRules }), () => (found = engine.validateStandard(new cfv.TemplateFile(file)).diagnostics.length)],
          5,
          1000,
        );
        console.log(row([kb(t[format]), format, ours.toFixed(2), theirs.toFixed(2), `${(theirs / ours).toFixed(1)}× ours`, found], wv));
      }
    }
  } finally {
    engine.free();
  }
}

if (!inProcessOnly) {
  // Whole commands on the same files: ours vs cfn-lint, per format.
  const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  const wall = (cmd, args) => {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { ms: performance.now() - t0, status: r.status };
  };
  const runs = quick ? 1 : 3;
  for (const format of ['json', 'yaml']) {
    console.log(`\nWhole command, the ${format.toUpperCase()} files above in one invocation (median of ${runs}):`);
    const ours = [];
    for (let i = 0; i < runs; i++) ours.push(wall(process.execPath, ['dist/cli.js', 'lint', ...files[format]]).ms);
    console.log(`decouple lint   ${median(ours).toFixed(0).padStart(7)} ms`);
    if (cfnLint.status !== 0) {
      console.log('cfn-lint not installed: pip install cfn-lint to compare');
      continue;
    }
    const theirs = [];
    for (let i = 0; i < runs; i++) theirs.push(wall('cfn-lint', files[format]).ms);
    console.log(`cfn-lint ${cfnLint.stdout.trim().replace('cfn-lint ', '').padEnd(6)} ${median(theirs).toFixed(0).padStart(7)} ms`);
    console.log(
      `decouple lint takes ${(median(ours) / median(theirs)).toFixed(3)}× the time of cfn-lint (${(median(theirs) / median(ours)).toFixed(1)}× faster)`,
    );
  }

  // What each tool finds on the bad fixtures of the wiring and health-check rules nobody else has.
  const headline = [
    'security-group/instance-ingress-not-from-lb',
    'security-group/instance-port-not-open',
    'security-group/lb-port-not-open',
    'health-check/timeout-below-interval',
    'health-check/asg-uses-elb',
  ];
  if (cfnLint.status === 0) {
    console.log("\nOn each rule's bad fixture: our findings of that rule / everything cfn-lint reports (by rule id):");
    for (const id of headline) {
      const fixture = join('test', 'fixtures', 'rules', id, 'bad.json');
      if (!existsSync(fixture)) continue;
      const ours = JSON.parse(spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', fixture], { encoding: 'utf8' }).stdout).filter(
        (d) => d.rule === id,
      ).length;
      const theirs = spawnSync('cfn-lint', ['--format', 'parseable', fixture], { encoding: 'utf8' })
        .stdout.split('\n')
        .map((l) => l.split(':')[5])
        .filter(Boolean);
      const byId = [...new Set(theirs)].map((r) => `${r}×${theirs.filter((x) => x === r).length}`).join(' ') || 'nothing';
      console.log(`  ${id.padEnd(46)} ours ${String(ours).padStart(2)}   cfn-lint: ${byId}`);
    }
  }
}
rmSync(dir, { recursive: true, force: true });
if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
