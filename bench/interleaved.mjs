// Runs benchmark cases round after round, interleaved so that machine noise hits every case
// alike, after warm-up rounds that are not counted: each case's median and 90th percentile.

export async function interleaved(rounds, cases, { warmup = 1 } = {}) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    for (const [name, work] of Object.entries(cases)) {
      const start = performance.now();
      await work();
      if (round >= 0) samples[name].push(performance.now() - start);
    }
  }
  const at = (times, q) => [...times].sort((a, b) => a - b)[Math.floor((times.length - 1) * q)];
  return Object.fromEntries(Object.entries(samples).map(([name, times]) => [name, { median: at(times, 0.5), p90: at(times, 0.9) }]));
}

/** Only the medians of interleaved()'s result. */
export const medians = (measured) => Object.fromEntries(Object.entries(measured).map(([name, { median }]) => [name, median]));
