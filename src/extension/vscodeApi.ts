// The `vscode` module, imported here once. esbuild turns each `import * as vscode from 'vscode'`
// into its own copy of the API's namespace (one property getter per export, hundreds of them):
// with one import per file that copying was a third of loading dist/extension.js, which counts
// towards activation (bench/activation). Every other file imports `vscode` from here.

import * as vscode from 'vscode';

export { vscode };
