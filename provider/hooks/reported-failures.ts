/**
 * The SDK checks the inputs a program knows when it constructs a resource and logs their problems as errors of
 * the program, led by the resource's label (so one preview lists every invalid resource). It then sets a hidden
 * input, and `check` fails with one line pointing at them rather than printing them again.
 */
import { isRecord } from "../domain/coerce";
import type { CheckFailure } from "../domain/failures";

/** The hidden input the SDK sets (see sdk/early-validation.ts). */
export const REPORTED_KEY = "__inputProblemsReported";

/** One failure pointing at the problems the program reported, when it reported any; else none. */
export function reportedByProgram(news: unknown, label: () => string): CheckFailure[] {
  if (!isRecord(news) || news[REPORTED_KEY] !== true) return [];
  return [{ path: "", rule: "input.reportedByProgram", message: `the program reported problems of this resource or of its settings above (the errors starting with ${label()} or csbs:); fix them and run again` }];
}
