import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STEPS, type StaticCheckId } from '../../../../src/core/steps';
import { evaluateRepoStaticChecks, problemWords, staticSummary, STATIC_CHECK_IDS, type StaticResult } from '../../../../src/check/staticCriteria';
import { makeRepo } from '../../helpers/tempRepo';
import { contextOf, goodRepo, resultsOf, withFiles } from './helpers';

describe('evaluateStaticChecks', () => {
  test('evaluates every check a step names, and nothing else', () => {
    const named = new Set<StaticCheckId>();
    for (const step of STEPS) for (const criterion of [...step.criteria, ...step.documentation]) if (criterion.check) named.add(criterion.check);
    assert.deepEqual([...STATIC_CHECK_IDS].sort(), [...named].sort());
    assert.equal(STATIC_CHECK_IDS.length, 16);
  });

  test('a repo that does everything the workflow asks: sixteen met, no problems', async () => {
    const results = await resultsOf(goodRepo());
    assert.deepEqual([...results.values()].filter((result) => result.status !== 'met').map((result) => `${result.check}: ${result.summary}`), []);
    assert.deepEqual(staticSummary(results), { met: 16, total: 16, problems: [] });
    for (const result of results.values()) assert.ok(result.summary.length > 0 && !result.summary.includes('\n'), result.check);
  });

  test('every service of a repo, by name; a service with nothing at all fails without throwing', async () => {
    const repo = await contextOf(await makeRepo({ ...goodRepo(), 'services/bare.yml': 'name: bare\n' }));
    const all = evaluateRepoStaticChecks(repo);
    assert.deepEqual([...all.keys()], ['app', 'bare']);
    const bare = all.get('bare') as ReadonlyMap<StaticCheckId, StaticResult>;
    assert.equal(bare.size, 16);
    assert.ok([...bare.values()].every((result) => !result.summary.startsWith('Certify could not evaluate')));
    assert.deepEqual(staticSummary(bare).problems.slice(0, 3), ['no usable deploy playbook', 'role incomplete', 'no Proxmox API']);
  });

  test('the summary orders problems by importance, whatever the evaluation order', async () => {
    const results = await resultsOf(withFiles({ 'roles/app_api/README.md': undefined, 'roles/restore_infrastructure/defaults/main.yml': '---\nother: 1\n' }));
    // Without the README, its ports, URL and RPO/RTO figures go too.
    assert.deepEqual(staticSummary(results), {
      met: 9,
      total: 16,
      problems: ['restore not covered', 'no backup/restore toggles', 'no restore variables', 'no README', 'ports undocumented', 'URL undocumented', 'no RPO/RTO targets'],
    });
  });

  test('every check has short words for the summary', () => {
    for (const check of STATIC_CHECK_IDS) assert.notEqual(problemWords(check), check, check);
  });
});
