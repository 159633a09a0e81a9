// Builds Certify's bundles: the extension (CommonJS, `vscode` external), the CLI, and the
// integration-test suite that runs inside a real VS Code. `--watch` rebuilds on change,
// `--production` minifies and drops source maps.
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
};

const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
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
    external: ['vscode'],
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
