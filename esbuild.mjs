// Builds Certify's bundles: the extension (CommonJS, `vscode` external), the two engines it loads
// after activation, the CLI, and the integration-test suite that runs inside a real VS Code.
// `--watch` rebuilds on change, `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Schemas are read at run time from the package's schemas/ folder.
  loader: { '.json': 'json' },
  // ssh2's optional native speed-ups: it requires them inside try/catch and falls back to pure
  // JavaScript, so the bundles leave them out (nothing to compile on the user's machine).
  external: ['*.node', 'cpu-features'],
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: [...common.external, 'vscode'],
    // Where loading the extension starts and ends, for the activation benchmark (extension.ts reads both).
    banner: { js: 'globalThis.__certifyLoadStart = performance.now();' },
    footer: { js: 'globalThis.__certifyLoadEnd = performance.now();' },
  },
  // The repo engine (YAML, validators, discovery, validation, the store, the scaffold, the lab's
  // control) and the step engine with its SSH client, each required by path
  // (src/extension/engines/engines.ts) after activation: kept out of dist/extension.js, whose
  // size and load are activation's.
  { ...common, entryPoints: ['src/extension/engines/repoEngine.ts'], outfile: 'dist/repo.js' },
  { ...common, entryPoints: ['src/extension/engines/runEngine.ts'], outfile: 'dist/run.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The lab's node programs (pct, pvesm, vzdump, the API, the forwarder); see src/lab/main.ts.
  { ...common, entryPoints: ['src/lab/main.ts'], outfile: 'dist/lab.js' },
  {
    ...common,
    entryPoints: ['test/integration/suite/index.ts'],
    outfile: 'dist-test/integration/suite.js',
    external: [...common.external, 'vscode'],
    // Mocha's parallel-mode worker lookup is never used inside the extension host.
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
];

if (watch) {
  for (const options of targets) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
