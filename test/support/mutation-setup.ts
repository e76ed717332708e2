import fc from "fast-check";

/**
 * Under mutation testing (vitest.mutate.config.ts) every surviving mutant
 * reruns the properties that reached it: fewer runs per property keep a
 * run of thousands of mutants within hours. A property with its own numRuns
 * keeps it; the seed fast-check was given stays.
 */
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 25 });
