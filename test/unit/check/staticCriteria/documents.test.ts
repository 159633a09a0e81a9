// The word index behind "where is this variable documented" must find exactly the lines a
// tokenPattern scan finds, so answering from the index (once per repo) changes no evidence.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenPattern, wordLines } from '../../../../src/check/staticCriteria/documents';
import { StaticScope } from '../../../../src/check/staticCriteria/scope';
import { makeRepo } from '../../helpers/tempRepo';
import { contextOf } from './helpers';

const LINES = [
  'see vault_db.password for the key', // `.p` after: not a token
  'vault_db. ends a sentence', // `.` then space: a token
  'prefix-vault_db and vault_db-suffix', // dashes on either side: not tokens
  'a.vault_db is a dotted name', // `.` before: not a token
  '`vault_db_extra` is another variable', // longer name: not vault_db
  'Vault_db differs in case',
  '| vault_db | the database password |',
  '```',
  'vault_api_key: in a fenced block',
  '```',
  '(vault_api_key) and vault_db:',
  'ünïcode vault_ünï and vault_x2',
];
const NAMES = ['vault_db', 'vault_db_extra', 'Vault_db', 'vault_api_key', 'vault_x2', 'password', 'sentence', 'db', 'vault'];

describe('static criteria: the document word index', () => {
  test('wordLines gives the first line tokenPattern matches, for every name', async () => {
    const root = await makeRepo({ 'README.md': `${LINES.join('\n')}\n`, 'services/app.yml': 'name: app\ncontainer_id: 101\n' });
    const repo = await contextOf(root);
    const scope = new StaticScope(repo.model.services[0], repo);
    const index = wordLines(scope, 'README.md');
    for (const name of NAMES) {
      const scanned = LINES.findIndex((line) => tokenPattern(name, '').test(line));
      assert.equal(index.get(name), scanned === -1 ? undefined : scanned + 1, name);
    }
    // Every indexed word is one tokenPattern finds on that line.
    for (const [word, line] of index) assert.ok(tokenPattern(word, '').test(LINES[line - 1]), `${word} on line ${line}`);
  });
});
