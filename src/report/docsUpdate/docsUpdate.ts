// The documentation a completed certification updates (the workflow's "Integration with
// Project"): the README's service list, the container-mapping document, the full-deployment
// playbook and the backup schedule. Only what is missing is proposed, never a second entry;
// a file the repo lacks gets a note, not an edit. Pure: texts and facts in, edits out.

import { serviceProgress } from '../../core/gates';
import type { CertificationRecord } from '../../core/record';
import type { Service } from '../../core/service';
import { stepLabel } from '../../core/steps';
import { backupScheduleEdits } from './backupSchedule';
import { containerMappingEdits } from './containerMapping';
import { fullDeploymentEdits } from './fullDeployment';
import { readmeListEdits } from './readmeList';
import { docFacts } from './serviceFacts';
import type { DocsRepo, DocsUpdate } from './types';

export function docsUpdateEdits(repo: DocsRepo, service: Service, record: CertificationRecord): DocsUpdate {
  if (record.service !== service.name) {
    return { edits: [], notes: [`The record given is ${record.service}'s, not ${service.name}'s: nothing was proposed.`] };
  }
  const progress = serviceProgress(record);
  if (progress.state !== 'certified') {
    const next = progress.next === undefined ? '' : `: ${stepLabel(progress.next)} has not passed`;
    return { edits: [], notes: [`${service.name} is not certified yet${next}. The docs are updated once all nine steps have passed.`] };
  }
  const facts = docFacts(repo, service);
  const parts = [
    readmeListEdits(repo.texts, facts),
    containerMappingEdits(repo.texts, facts),
    fullDeploymentEdits(repo.texts, facts),
    backupScheduleEdits(repo.texts, service, facts),
  ];
  return { edits: parts.flatMap((part) => part.edits), notes: parts.flatMap((part) => part.notes) };
}
