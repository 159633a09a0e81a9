// Small, seeded mutations of real Ansible files for the fuzz against Ansible's loader: the edits
// people make by accident (a line deleted or duplicated, indentation changed, a stray `:`, `-`,
// quote or tab, a file cut short). Each mutant names its edit so a disagreement can be replayed.

import { pick } from '../unit/helpers/prng';

export interface Mutant {
  text: string;
  edit: string;
}

const INSERTS = [':', ': ', '-', '- ', '"', "'", '\t', '[', ']', '{', '}', ',', '#', ' #', '|', '>', '? ', '*', '&a ', '!', '=', '<<: ', 'yes', '0'];

/** One mutation of `text`, chosen by `random`. */
export function mutate(random: () => number, text: string): Mutant {
  const lines = text.split('\n');
  const i = Math.floor(random() * lines.length);
  const r = random();
  const line = lines[i];
  if (r < 0.12) {
    lines.splice(i, 1);
    return { text: lines.join('\n'), edit: `delete line ${i + 1}` };
  }
  if (r < 0.24) {
    lines.splice(i, 0, line);
    return { text: lines.join('\n'), edit: `duplicate line ${i + 1}` };
  }
  if (r < 0.34) {
    lines[i] = ` ${line}`;
    return { text: lines.join('\n'), edit: `indent line ${i + 1}` };
  }
  if (r < 0.44) {
    lines[i] = line.replace(/^ {1,2}/, '');
    return { text: lines.join('\n'), edit: `dedent line ${i + 1}` };
  }
  if (r < 0.5) {
    lines[i] = line.replace(/^( *)/, '$1\t');
    return { text: lines.join('\n'), edit: `tab into the indentation of line ${i + 1}` };
  }
  if (r < 0.9) {
    const what = pick(random, INSERTS);
    const at = Math.floor(random() * (line.length + 1));
    lines[i] = line.slice(0, at) + what + line.slice(at);
    return { text: lines.join('\n'), edit: `insert ${JSON.stringify(what)} at ${i + 1}:${at + 1}` };
  }
  const at = Math.floor(random() * (text.length + 1));
  return { text: text.slice(0, at), edit: `truncate at offset ${at}` };
}
