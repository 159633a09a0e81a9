// A service's kept certifications as `certify status --json` and `certify list --json` give
// them: when each completed, its file and the digest of what it certified; and the history
// files that could not be read, with why.

import type { History } from '../store/history';

export function historyJson(history: History): unknown {
  return {
    certifications: history.entries.map((entry) => ({ certifiedAt: entry.certifiedAt, file: entry.file, digest: entry.inputs.digest })),
    skipped: history.skipped,
  };
}
