// The run settings, typed (package.json contributes.configuration mirrors them), read fresh at
// each use: a run started after a change sees it.

import { vscode } from '../vscodeApi';

export const TARGET_CHOICES = ['auto', 'lab', 'environment'] as const;
export type TargetChoice = (typeof TARGET_CHOICES)[number];

export interface RunSettings {
  /** auto: the local lab when it is up here, else the environment; lab: the lab or nothing; environment: process.env only. */
  readonly target: TargetChoice;
  /** The name attestations are recorded under; empty: the OS user. */
  readonly attestedBy: string;
}

export const SETTING_KEYS = { target: 'certify.target', attestedBy: 'certify.attestedBy' } as const;

export function runSettings(scope?: vscode.Uri): RunSettings {
  const config = vscode.workspace.getConfiguration('certify', scope);
  const target = config.get<string>('target', 'auto');
  return {
    target: (TARGET_CHOICES as readonly string[]).includes(target) ? (target as TargetChoice) : 'auto',
    attestedBy: config.get<string>('attestedBy', '').trim(),
  };
}
