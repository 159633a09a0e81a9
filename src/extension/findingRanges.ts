// Turns engine findings (1-based lines and columns) into VS Code ranges and diagnostics. A
// message is shown escaped (core/displayText): Problems is one line per finding, and a message
// can quote repo text.

import { vscode } from './vscodeApi';
import { displayText } from '../core/displayText';
import type { Finding, Severity, TextRange } from '../core/findings';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export const DIAGNOSTIC_SOURCE = 'certify';

export function findingRange(finding: Finding, document?: vscode.TextDocument): vscode.Range {
  const start = new vscode.Position(finding.line - 1, Math.max(0, (finding.column ?? 1) - 1));
  if (finding.endLine !== undefined && finding.endColumn !== undefined) {
    return new vscode.Range(start, new vscode.Position(finding.endLine - 1, Math.max(0, finding.endColumn - 1)));
  }
  // No end given: mark the word at the start, or the rest of the line.
  const word = document?.getWordRangeAtPosition(start, /[^\s:,\[\]{}]+/);
  if (word) return word;
  const lineLength = document && start.line < document.lineCount ? document.lineAt(start.line).text.length : start.character + 1;
  return new vscode.Range(start, new vscode.Position(start.line, Math.max(start.character + 1, lineLength)));
}

export function textRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

export function toDiagnostic(finding: Finding, document?: vscode.TextDocument): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(finding, document), displayText(finding.message), SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.ruleId;
  return diagnostic;
}
