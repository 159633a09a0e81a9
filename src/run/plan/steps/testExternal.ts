// Step 2 (Test): from the vantage host outside the infrastructure, over its own network and
// trust store: HTTPS status, the certificate (trusted, days to expiry), DNS through the public
// resolvers. A person's tests (the mobile-data test, an external checker) are their word.

import type { StepPlan } from '../action';
import type { PlanContext } from '../planContext';
import { vantageDnsAction, vantageHttpsAction, vantageTlsAction } from '../sharedActions';

export function testExternalPlan(context: PlanContext, now: () => Date): StepPlan {
  const expected = context.facts.expectedStatus;
  const blocked = !context.targets.vantage
    ? 'No vantage host to test from: set CERTIFY_VANTAGE_SSH=user@host (a machine outside this network), or use the local lab.'
    : !context.facts.externalUrl
      ? `${context.facts.name} has no external URL (external.url in its service definition).`
      : undefined;
  return {
    step: 'test-external',
    ...(blocked ? { blocked } : {}),
    actions: [
      vantageHttpsAction(context, 'https', (status, evidence) => [
        // Any HTTP answer over a verified TLS connection proves it is reachable; the status proves it works.
        { id: 'https-access', met: status !== undefined && status > 0, evidence },
        { id: 'responds', met: status === expected, evidence: `${evidence} (expected ${expected})` },
      ]),
      vantageTlsAction(context, 'tls', 'tls-valid', now),
      vantageDnsAction(context, 'dns', 'dns-external', 'https'),
    ],
  };
}
