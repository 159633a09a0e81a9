// What a front end (the extension's terminal, the CLI, a test) supplies to a run: where output
// goes, the confirmations a person gives, and how it learns that a step changed.

import type { CertificationRecord } from '../../core/record';
import type { CriterionDefinition, StepId } from '../../core/steps';
import type { HostKeyPrompt } from '../exec/sshEndpoint';

export interface DestructiveRequest {
  readonly step: StepId;
  readonly containerId: number;
  /** "wipe container 165 (notes) and its data; …" */
  readonly what: string;
}

export interface Attestation {
  /** Who says so: a name or user@host. */
  readonly by: string;
  readonly note?: string;
}

export interface RunFrontEnd {
  /** Terminal text, redacted already; lines end with \n, colours are ANSI. */
  write(text: string): void;
  /**
   * Before anything is deleted. The extension asks for the container id typed back; the CLI
   * answers from --yes (never implied). false stops the step (interrupted, resumable).
   */
  confirmDestructive(request: DestructiveRequest): Promise<boolean>;
  /** A person's word for a manual criterion; undefined leaves it open (the step cannot pass). */
  attest(step: StepId, criterion: CriterionDefinition): Promise<Attestation | undefined>;
  /** A step's record changed (started, an action ended, passed…): the tree redraws. */
  recordChanged?(record: CertificationRecord): void;
  hostKeyPrompt?: HostKeyPrompt;
}
