// writeScaffold: creates folders and files, makes scripts executable, and never overwrites a
// file, not even one that appeared after the plan was made.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ScaffoldWriteError, writeScaffold, type ScaffoldPlan } from '../../../src/scaffold';
import { makeRepo } from '../helpers/tempRepo';

function plan(create: ScaffoldPlan['create']): ScaffoldPlan {
  return { create, skipped: [], proposedEdits: [], notes: [] };
}

describe('writeScaffold', () => {
  test('writes every planned file, creating folders, and returns what it wrote', async () => {
    const root = await makeRepo({ 'README.md': '# repo\n' });
    const written = await writeScaffold(
      root,
      plan([
        { file: 'roles/x_api/templates/x.env.j2', content: 'A=1\n' },
        { file: 'scripts/populate-x-testdata.sh', content: '#!/bin/bash\n', executable: true },
      ]),
    );
    assert.deepEqual(written, ['roles/x_api/templates/x.env.j2', 'scripts/populate-x-testdata.sh']);
    assert.equal(await fs.readFile(path.join(root, 'roles/x_api/templates/x.env.j2'), 'utf8'), 'A=1\n');
    const script = await fs.stat(path.join(root, 'scripts/populate-x-testdata.sh'));
    const template = await fs.stat(path.join(root, 'roles/x_api/templates/x.env.j2'));
    assert.equal(script.mode & 0o111, 0o111, 'the script is executable');
    assert.equal(template.mode & 0o111, 0, 'other files are not');
  });

  test('a file that appeared between plan and write is left alone and not reported as written', async () => {
    const root = await makeRepo({});
    const planned = plan([
      { file: 'services/x.yml', content: 'name: x\n' },
      { file: 'playbooks/x-deploy.yml', content: '---\n' },
    ]);
    // Someone saves services/x.yml after the plan was made.
    await fs.mkdir(path.join(root, 'services'));
    await fs.writeFile(path.join(root, 'services/x.yml'), 'name: mine\n');
    assert.deepEqual(await writeScaffold(root, planned), ['playbooks/x-deploy.yml']);
    assert.equal(await fs.readFile(path.join(root, 'services/x.yml'), 'utf8'), 'name: mine\n');
  });

  test('writing the same plan twice writes nothing the second time', async () => {
    const root = await makeRepo({});
    const planned = plan([{ file: 'scripts/verify-x-testdata.sh', content: '#!/bin/bash\n', executable: true }]);
    assert.equal((await writeScaffold(root, planned)).length, 1);
    assert.deepEqual(await writeScaffold(root, planned), []);
  });

  test('refuses paths outside the repository', async () => {
    const root = await makeRepo({});
    for (const file of ['../outside.yml', path.join(root, 'absolute.yml')]) {
      await assert.rejects(writeScaffold(root, plan([{ file, content: 'x' }])), (error: unknown) => {
        assert.ok(error instanceof ScaffoldWriteError);
        assert.match(error.message, /outside the repository/);
        return true;
      });
    }
  });

  test('another failure stops the write and says what was written before it', async () => {
    const root = await makeRepo({ 'scripts': '' }); // a file where the scripts folder should be
    const planned = plan([
      { file: 'services/x.yml', content: 'name: x\n' },
      { file: 'scripts/populate-x-testdata.sh', content: '#!/bin/bash\n', executable: true },
    ]);
    await assert.rejects(writeScaffold(root, planned), (error: unknown) => {
      assert.ok(error instanceof ScaffoldWriteError);
      assert.deepEqual(error.written, ['services/x.yml']);
      assert.match(error.message, /^Could not write scripts\/populate-x-testdata\.sh \((EEXIST|ENOTDIR)\): a file stands where its folder should be; move it away\. Written before it: services\/x\.yml\.$/);
      return true;
    });
  });
});
