// The editor's answers to what a run asks of a person (run/session/frontEnd.ts): deleting a
// container needs its id typed back; a manual criterion needs a modal "Confirm" and takes an
// optional note; an unknown SSH host key is shown with its fingerprint before it is trusted.

import * as os from 'node:os';
import { vscode } from '../vscodeApi';
import { displayText } from '../../core/displayText';
import type { CriterionDefinition, StepId } from '../../core/steps';
import { stepLabel } from '../../core/steps';
import type { Attestation, DestructiveRequest, RunFrontEnd, UnknownHostKey } from '../engines/runEngine';
import { runSettings } from './runSettings';

export interface FrontEndParts {
  readonly service: string;
  readonly folder: vscode.Uri;
  /** Engine text for the terminal. */
  write(text: string): void;
  /** Certify's own notes in the terminal (what a person answered). */
  say(text: string): void;
  recordChanged(): void;
}

export function editorFrontEnd(parts: FrontEndParts): RunFrontEnd {
  return {
    write: (text) => parts.write(text),
    confirmDestructive: (request) => confirmDestructive(parts, request),
    attest: (step, criterion) => attest(parts, step, criterion),
    recordChanged: () => parts.recordChanged(),
    hostKeyPrompt: (key) => trustHostKey(parts, key),
  };
}

/** The container id typed back; anything else, or Escape, is a no. */
async function confirmDestructive(parts: FrontEndParts, request: DestructiveRequest): Promise<boolean> {
  const id = String(request.containerId);
  const typed = await vscode.window.showInputBox({
    title: `Certify: ${displayText(parts.service)} — ${stepLabel(request.step)} deletes container ${id}`,
    prompt: `⚠ This will ${displayText(request.what)}. It cannot be undone. Type the container id ${id} to go ahead.`,
    placeHolder: id,
    ignoreFocusOut: true,
    validateInput: (value) => (value === '' || value === id ? undefined : { message: `Type ${id} exactly, or press Escape to stop.`, severity: vscode.InputBoxValidationSeverity.Warning }),
  });
  const yes = typed === id;
  parts.say(yes ? `Confirmed by typing ${id}: ${request.what}.\n` : `Not confirmed (${typed ? `typed "${displayText(typed)}"` : 'no answer'}): nothing is deleted.\n`);
  return yes;
}

/** A modal question per manual criterion; "Confirm" then an optional note. */
async function attest(parts: FrontEndParts, step: StepId, criterion: CriterionDefinition): Promise<Attestation | undefined> {
  const by = attestedBy(parts.folder);
  const shownBy = displayText(by);
  // "Not now" is the dialog's close affordance: Escape answers it, and no extra Cancel is shown.
  const choice = await vscode.window.showInformationMessage(
    `Confirm: ${criterion.text}?`,
    { modal: true, detail: `${parts.service} — ${stepLabel(step)}. Certify records that ${shownBy} confirmed it, with the time. Tick it in the Certify view beforehand and the run will not ask.` },
    { title: 'Confirm' },
    { title: 'Not now', isCloseAffordance: true },
  );
  if (choice?.title !== 'Confirm') {
    parts.say(`Not confirmed now: "${criterion.text}".\n`);
    return undefined;
  }
  const note = await vscode.window.showInputBox({
    title: `Certify: note for "${criterion.text}"`,
    prompt: 'Optional: where the evidence is (a README section, a ticket). Press Enter to confirm without a note.',
    ignoreFocusOut: true,
  });
  const trimmed = note?.trim();
  return trimmed ? { by, note: trimmed } : { by };
}

async function trustHostKey(parts: FrontEndParts, key: UnknownHostKey): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(
    `Trust the SSH host key of ${displayText(key.endpoint)}?`,
    {
      modal: true,
      detail: `${key.keyType} ${key.fingerprint}\n\nCompare it with what \`ssh-keygen -lf\` prints for the key files in /etc/ssh/ on the host itself. Trusting adds it to known_hosts as ${key.knownHostsName}.`,
    },
    'Trust',
  );
  const yes = choice === 'Trust';
  parts.say(yes ? `Trusted ${key.fingerprint} for ${key.knownHostsName}.\n` : `Host key of ${key.endpoint} not trusted: the connection is refused.\n`);
  return yes;
}

/** certify.attestedBy, else the OS user. */
function attestedBy(folder: vscode.Uri): string {
  const configured = runSettings(folder).attestedBy;
  if (configured) return configured;
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
