// The environment a run resolves its targets from (run/targets/runTargets.ts reads it), by the
// certify.target setting: the local lab's variables (`certify lab env`) over this editor's
// environment when the lab is up here, or the editor's environment alone. The lab needs root:
// an editor that is not root cannot run against it, so `auto` never looks for it then.

import { existsSync } from 'node:fs';
import type { RepoEngine } from '../engines/engines';
import type { TargetChoice } from './runSettings';

/** certify.target is "lab" and the lab cannot be used: what to do instead. */
export class TargetChoiceError extends Error {
  override readonly name = 'TargetChoiceError';
}

export interface TargetEnvironment {
  readonly env: NodeJS.ProcessEnv;
  /** Why these targets, for the run's header: "certify.target auto: the local lab is up". */
  readonly source: string;
}

/** What of the repo engine finds the local lab. */
export type LabControl = Pick<RepoEngine, 'labEnv' | 'labLayoutAsSaved' | 'labStatus'>;

export async function targetEnvironment(choice: TargetChoice, control: LabControl): Promise<TargetEnvironment> {
  const editor: TargetEnvironment = { env: { ...process.env }, source: `certify.target ${choice}: this editor's environment` };
  if (choice === 'environment') return editor;
  const lab = await localLab(control);
  if (lab.up) return { env: { ...process.env, ...lab.env }, source: `certify.target ${choice}: the local lab '${lab.name}' is up` };
  if (choice === 'lab') throw new TargetChoiceError(lab.why);
  return editor;
}

type LocalLab = { up: true; name: string; env: Record<string, string> } | { up: false; why: string };

/** The default lab, when it is up on this machine and this editor may use it. Cheap when it is not there. */
async function localLab({ labEnv, labLayoutAsSaved, labStatus }: LabControl): Promise<LocalLab> {
  if (process.platform !== 'linux') return { up: false, why: 'The local lab runs on Linux only: set certify.target to "environment" to run against a Proxmox host.' };
  if (process.getuid?.() !== 0) {
    return {
      up: false,
      why: 'The local lab needs root and this editor is not root: start the editor as root, or set certify.target to "environment" and run against a Proxmox host.',
    };
  }
  const layout = labLayoutAsSaved();
  if (!existsSync(layout.dir)) return { up: false, why: `The local lab '${layout.name}' is not up: run "Certify: Start Local Lab" first.` };
  const status = await labStatus(layout);
  if (!status.up) return { up: false, why: `The local lab '${layout.name}' is not fully up: see "Certify: Lab Status", then start it again.` };
  return { up: true, name: layout.name, env: labEnv(layout) };
}
