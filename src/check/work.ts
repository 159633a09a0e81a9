// Long validations as steps: a generator yields between units of work (a file, a service). A
// one-shot front end (the CLI, tests) runs it to its end at once; the extension runs it in slices
// and gives its thread back between them, so the editor stays responsive while a large repo is
// validated.

/** Work that yields between its units and returns a T at the end. */
export type Work<T> = Generator<void, T, void>;

export function runNow<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs `work`, pausing (by default until the event loop's next turn) whenever a slice has taken `sliceMs`. */
export async function runInSlices<T>(work: Work<T>, sliceMs = 12, pause: () => Promise<void> = nextTurn): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
