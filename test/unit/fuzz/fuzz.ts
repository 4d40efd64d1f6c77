// Shared settings for the fuzz suites: one fixed seed so every run tries the same cases, and a
// runner that reports how many cases a property tried.
import fc from 'fast-check';

/** The seed every fuzz property uses ("mcp" in ASCII); change it only on purpose. */
export const SEED = 0x6d6370;

/**
 * Checks a property with the fixed seed, logs how many cases it tried, and throws fast-check's report (with the
 * counterexample) on failure.
 */
export async function check<Ts>(
  name: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns });
  console.log(`fuzz: ${name}: ${details.numRuns} cases, seed ${SEED}`);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${name} failed`);
}
