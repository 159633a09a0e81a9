import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOf, goodRepo, show, withFiles } from './helpers';

describe('populate-script and verify-script', () => {
  test('met: the conventional scripts, at line 1', async () => {
    assert.equal(show(await checkOf(goodRepo(), 'populate-script')), 'met scripts/populate-app-testdata.sh:1');
    assert.equal(show(await checkOf(goodRepo(), 'verify-script')), 'met scripts/verify-app-testdata.sh:1');
  });

  test('met: a README that explains how to run it is cited second', async () => {
    const files = withFiles({ 'README.md': '# Lab\n\nRun scripts/populate-app-testdata.sh after deploying.\n' });
    const result = await checkOf(files, 'populate-script');
    assert.equal(show(result), 'met scripts/populate-app-testdata.sh:1 README.md:3');
    assert.equal(result.summary, 'scripts/populate-app-testdata.sh exists, documented in README.md:3');
  });

  test("met: the definition's own path under scripts/", async () => {
    const files = withFiles({
      'scripts/verify-app-testdata.sh': undefined,
      'scripts/check-app.sh': '#!/bin/bash\n',
      'services/app.yml': 'name: app\nroles: [app_api]\ntest_data:\n  verify: scripts/check-app.sh\n',
    });
    assert.equal(show(await checkOf(files, 'verify-script')), 'met scripts/check-app.sh:1');
  });

  test('not-met: no script', async () => {
    const result = await checkOf(withFiles({ 'scripts/populate-app-testdata.sh': undefined }), 'populate-script');
    assert.equal(show(result), 'not-met');
    assert.equal(result.summary, 'no scripts/populate-app-testdata.sh');
  });

  test('not-met: the definition names a script that does not exist, cited there', async () => {
    const files = withFiles({ 'scripts/verify-app-testdata.sh': undefined, 'services/app.yml': 'name: app\nroles: [app_api]\ntest_data:\n  verify: scripts/check-app.sh\n' });
    const result = await checkOf(files, 'verify-script');
    assert.equal(show(result), 'not-met services/app.yml:4');
    assert.equal(result.summary, 'scripts/check-app.sh (named in services/app.yml:4) does not exist');
  });

  test('unknown: the definition names a script outside scripts/, which Certify does not list', async () => {
    const files = withFiles({ 'scripts/populate-app-testdata.sh': undefined, 'services/app.yml': 'name: app\nroles: [app_api]\ntest_data:\n  populate: scripts/app/populate.sh\n' });
    const result = await checkOf(files, 'populate-script');
    assert.equal(show(result), 'unknown services/app.yml:4');
  });
});
