// Step 5 (Populate): the populate script, then the verify script; its last line is the data's
// fingerprint (count, bytes, checksum per kind), recorded for Step 9 to compare with.

import type { StepPlan } from '../action';
import { controller, type PlanContext } from '../planContext';
import { fingerprintSummary, parseFingerprint, totalBytes } from '../probeParsers';
import { endedText, lastError, succeeded } from '../sharedActions';

/** The workflow: "Total data size > 1MB". */
export const MIN_TEST_DATA_BYTES = 1_000_000;

export function populatePlan(context: PlanContext): StepPlan {
  const { populateScript, verifyScript } = context.facts;
  const blocked = !populateScript
    ? `${context.facts.name} has no populate script (scripts/populate-${context.facts.name}-testdata.sh).`
    : !verifyScript
      ? `${context.facts.name} has no verify script (scripts/verify-${context.facts.name}-testdata.sh).`
      : undefined;
  return {
    step: 'populate',
    ...(blocked ? { blocked } : {}),
    actions: [
      {
        id: 'populate',
        title: `Populate test data (${populateScript})`,
        target: 'local',
        command: () => controller(context, [`./${populateScript}`]),
        judge: (outcome) => (succeeded(outcome) ? {} : { stop: `${populateScript} failed (${endedText(outcome)})${lastError(outcome)}` }),
      },
      {
        id: 'verify',
        title: `Verify and fingerprint the test data (${verifyScript})`,
        target: 'local',
        command: () => controller(context, [`./${verifyScript}`]),
        judge: (outcome) => {
          const fingerprint = parseFingerprint(outcome.result.stdout);
          const ok = succeeded(outcome) && fingerprint !== undefined;
          if (!ok || !fingerprint) {
            const evidence = `${verifyScript}: ${endedText(outcome)}${fingerprint ? '' : '; its last line is not a fingerprint'}`;
            return { criteria: [{ id: 'verifiable', met: false, evidence }], stop: evidence };
          }
          const bytes = totalBytes(fingerprint);
          return {
            criteria: [
              { id: 'verifiable', met: true, evidence: `${verifyScript}: ${fingerprintSummary(fingerprint)}` },
              { id: 'data-size', met: bytes > MIN_TEST_DATA_BYTES, evidence: `${bytes} bytes of test data in ${Object.keys(fingerprint).length} kinds` },
            ],
            testData: fingerprint,
            figures: { 'data.bytes': bytes, 'data.kinds': Object.keys(fingerprint).length },
          };
        },
      },
    ],
  };
}
