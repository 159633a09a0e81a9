// Command ids, in one table: package.json's contributes.commands must list exactly these
// (a test checks both agree).

export const COMMAND_IDS = {
  refresh: 'certify.refresh',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];
