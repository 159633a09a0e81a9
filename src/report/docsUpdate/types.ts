// The shapes of the docs update after a completed certification: what it reads (the repo's
// texts and model), what it proposes (labelled text edits for a refactor preview) and the facts
// of the service it writes into the documents.

import type { FixEdit } from '../../core/findings';
import type { RepoModel } from '../../core/service';

/** The repo as read for validation: repo-relative path → text (README.md, docs/, playbooks, role defaults, definitions). */
export interface DocsRepo {
  model: RepoModel;
  texts: ReadonlyMap<string, string>;
}

/**
 * One proposed change: a FixEdit (1-based line and column, ranges against the texts given; an
 * empty range inserts) with the reason a reviewer sees in the preview.
 */
export type DocsEdit = FixEdit & { label: string };

export interface DocsUpdate {
  /** Only what is missing; several edits may target one file and never overlap. */
  edits: DocsEdit[];
  /** What Certify could not do and what to do instead, in plain words. */
  notes: string[];
}

/** What the documents may say about the service: known facts only, never a guess. */
export interface DocFacts {
  name: string;
  containerId?: number;
  ipAddress?: string;
  hostname?: string;
  /** The service port (service_port). */
  port?: number;
  /** The definition's `ports:` list, else the service port: "443/tcp". */
  ports: string[];
  url?: string;
  /** The definition's dns_name, else the external URL's host. */
  dnsName?: string;
  description?: string;
  /** The service's own roles: the definition's `roles:`, else those of its deploy playbook. */
  roles: string[];
  deployPlaybook?: string;
  /** The definition's `backup:` items, as written. */
  backupItems: BackupItem[];
}

export interface BackupItem {
  type: string;
  database?: string;
  containerId?: number;
  paths: string[];
}
