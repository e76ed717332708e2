import type { SerializedError } from "vitest";
import type { Reporter, TestModule, TestRunEndReason } from "vitest/node";

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, which CI
 * systems that do not know vitest's own summary can read. A test file that
 * throws while it is collected (shared data missing under CI=true, say) runs
 * no test at all, so it counts as one failure of its own; so does each error
 * raised outside any test. The line must never say "0 failed" when vitest
 * itself failed the run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
    reason?: TestRunEndReason,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedInModule++;
        else skipped++;
      }
      // A module that failed with no failed test failed outside its tests: collection, a hook, an import.
      if (failedInModule === 0 && (module.errors().length > 0 || module.state() === "failed")) failedInModule = 1;
      failed += failedInModule;
    }
    failed += unhandledErrors.length;
    if (reason === "failed" && failed === 0) failed = 1;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
