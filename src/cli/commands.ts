// The one list of CLI commands: `certify --help`, dispatch and the tests all read it.

import type { Command } from './command';
import { labCommand } from './commands/lab';
import { listCommand } from './commands/list';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';

export const COMMANDS: readonly Command[] = [listCommand, statusCommand, validateCommand, runCommand, reportCommand, labCommand];
