// Vitest setup file: every property in this worker runs from the run's seed
// (picked and printed by vitest.config.ts), so `FC_SEED=N` replays a failure.
import fc from "fast-check";

const given = process.env.FC_SEED;
if (given === undefined || !/^-?\d+$/.test(given)) {
  // vitest.config.ts always sets it; a run without it would quietly be unreproducible.
  throw new Error(`fast-check-seed: FC_SEED is ${JSON.stringify(given)}; run the tests through vitest.config.ts`);
}
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(given) });
