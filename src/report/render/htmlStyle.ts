// The HTML report's one style sheet. Colours come from VS Code's theme variables when the page
// is in a webview, and from light or dark fallbacks (prefers-color-scheme) when it is opened on
// its own; high-contrast themes and forced colours get solid borders and system colours. States
// are always written in words too, so no fact rests on colour.

import { TREND_CHART_CSS } from './trendChart';

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --fb-bg: #ffffff; --fb-fg: #1f1f1f; --fb-muted: #5f5f5f; --fb-border: #c8c8c8; --fb-link: #005fb8;
  --fb-pass: #116329; --fb-fail: #b31d28; --fb-warn: #7d4e00; --fb-chart: #005fb8; --fb-code: rgba(127, 127, 127, 0.14);
}
@media (prefers-color-scheme: dark) {
  :root {
    --fb-bg: #1e1e1e; --fb-fg: #d4d4d4; --fb-muted: #a6a6a6; --fb-border: #4a4a4a; --fb-link: #4daafc;
    --fb-pass: #56d364; --fb-fail: #ff7b72; --fb-warn: #e3b341; --fb-chart: #4daafc;
  }
}
:root {
  --c-bg: var(--vscode-editor-background, var(--fb-bg));
  --c-fg: var(--vscode-editor-foreground, var(--fb-fg));
  --c-muted: var(--vscode-descriptionForeground, var(--fb-muted));
  --c-border: var(--vscode-panel-border, var(--vscode-widget-border, var(--fb-border)));
  --c-link: var(--vscode-textLink-foreground, var(--fb-link));
  /* charts.green, not testing.iconPassed: the latter is a light green that is hard to read on a light theme's white. */
  --c-pass: var(--vscode-charts-green, var(--fb-pass));
  --c-fail: var(--vscode-testing-iconFailed, var(--vscode-errorForeground, var(--fb-fail)));
  --c-warn: var(--vscode-editorWarning-foreground, var(--fb-warn));
  --c-chart: var(--vscode-charts-blue, var(--fb-chart));
  --c-code: var(--vscode-textCodeBlock-background, var(--fb-code));
  --c-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --c-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
}
body { margin: 0; background: var(--c-bg); color: var(--c-fg); font-family: var(--c-font); font-size: var(--vscode-font-size, 14px); line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 40px; }
h1 { font-size: 1.6em; margin: 0.4em 0; }
h2 { font-size: 1.2em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid var(--c-border); }
h3 { font-size: 1em; margin: 1em 0 0.4em; }
a { color: var(--c-link); }
a:focus-visible, summary:focus-visible { outline: 2px solid var(--vscode-focusBorder, var(--c-link)); outline-offset: 2px; }
code { font-family: var(--c-mono); font-size: 0.92em; background: var(--c-code); padding: 0 0.25em; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--c-border); overflow-wrap: anywhere; }
th { font-weight: 600; }
thead th, td.state, #history tbody th { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0.6em 0; }
dl.facts dt { color: var(--c-muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.muted { color: var(--c-muted); }
.verdict { display: inline-block; padding: 2px 10px; border: 2px solid currentColor; border-radius: 4px; font-weight: 700; }
.ok, .s-passed, .s-met, .g-target, .m-matches, .f-fresh { color: var(--c-pass); }
.bad, .s-failed, .s-interrupted, .s-not-met, .g-warning, .m-differs, .f-stale { color: var(--c-fail); }
.s-skipped, .g-acceptable, .f-due { color: var(--c-warn); }
.s-running, .s-not-started, .s-unknown, .m-not-compared, .f-uncertified { color: var(--c-muted); }
.mark { display: inline-block; min-width: 1.2em; font-weight: 700; }
details.step { border: 1px solid var(--c-border); border-radius: 4px; margin: 6px 0; padding: 0 10px; }
details.step > summary { cursor: pointer; padding: 6px 0; font-weight: 600; }
details.step[open] > summary { border-bottom: 1px solid var(--c-border); margin-bottom: 6px; }
ul.plain { list-style: none; padding-left: 0; margin: 0.3em 0; }
ul.evidence { margin: 0.2em 0; padding-left: 1.2em; }
.notice { border-left: 4px solid currentColor; padding: 6px 12px; margin: 0.8em 0; }
footer { margin-top: 2em; color: var(--c-muted); font-size: 0.9em; }
body.vscode-high-contrast th, body.vscode-high-contrast td, body.vscode-high-contrast details.step, body.vscode-high-contrast h2 {
  border-color: var(--vscode-contrastBorder, currentColor);
}
@media (prefers-contrast: more) {
  th, td, details.step, h2 { border-color: currentColor; }
}
@media (forced-colors: active) {
  .verdict, details.step, th, td { border-color: CanvasText; }
  a { color: LinkText; }
}
@media print {
  main { max-width: none; padding: 0; }
  details.step { break-inside: avoid; }
}
${TREND_CHART_CSS}`;
