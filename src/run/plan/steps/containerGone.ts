// Proof a container is gone: `pct status` on the Proxmox host says its config does not exist.

import type { PlannedAction } from '../action';
import { pct, type PlanContext } from '../planContext';
import { endedText } from '../sharedActions';

export function containerGoneAction(context: PlanContext, id: string, criterion: string): PlannedAction {
  const vmid = context.facts.containerId;
  return {
    id,
    title: `Container ${vmid} is gone (pct status)`,
    target: 'proxmox',
    command: () => pct('status', vmid ?? '<container id>'),
    judge: (outcome) => {
      const text = `${outcome.result.stdout}\n${outcome.result.stderr}`;
      const gone = outcome.result.ended === 'exited' && outcome.result.exitCode !== 0 && /does not exist/.test(text);
      const evidence = gone ? `pct status ${vmid}: ${outcome.result.stderr.trim().split('\n').pop()}` : `pct status ${vmid}: still there (${outcome.result.stdout.trim() || endedText(outcome)})`;
      return { criteria: [{ id: criterion, met: gone, evidence }], ...(gone ? {} : { stop: `Container ${vmid} is still there after it was deleted.` }) };
    },
  };
}
