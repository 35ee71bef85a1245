// Bundles the extension and the CLI with esbuild.
// dist/extension.js: the VS Code extension (vscode is provided by the host).
// dist/cli.js: the `decouple` command (bin entry in package.json).
// dist/deploy.js: deploy support with the AWS SDK, loaded lazily only when deploying.
// dist/wiring.js: the wiring diagram (graph, dagre layout, webview panel), loaded by its commands;
// dist/wiring-webview.js: the script inside that webview (a browser bundle).
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode', './deploy.js', './wiring.js'],
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // `decouple --version` and SARIF's driver.version (src/cli/version.ts).
  define: { DECOUPLE_VERSION: JSON.stringify(version) },
};

const entries = [
  { in: 'src/extension/extension.ts', out: 'dist/extension.js' },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { in: 'src/aws/index.ts', out: 'dist/deploy.js' },
  { in: 'src/extension/wiring/index.ts', out: 'dist/wiring.js' },
];
for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, banner: e.banner });
}
if (existsSync('src/webview/wiring.ts')) {
  await esbuild.build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    external: [],
    entryPoints: ['src/webview/wiring.ts'],
    outfile: 'dist/wiring-webview.js',
  });
}
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
