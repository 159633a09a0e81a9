// Colours of the lines Certify writes in a run's terminal (ANSI; the transcript strips them).

const paint = (code: string) => (text: string): string => {
  // Colour the text, keep the newline outside so a terminal never carries colour to the next line.
  const newline = text.endsWith('\n') ? '\n' : '';
  const body = newline ? text.slice(0, -1) : text;
  return `\u001b[${code}m${body}\u001b[0m${newline}`;
};

export const style = {
  header: paint('1'),
  action: paint('1;36'),
  command: paint('2'),
  pass: paint('32'),
  fail: paint('31'),
  dim: paint('2'),
};
