/**
 * The SDK checks the inputs a program knows when it constructs a resource and logs their problems as errors of
 * the program, led by the resource's label (so one preview lists every invalid resource). It then sets a hidden
 * input, and `check` fails with one line pointing at them rather than printing them again. The SDK's stack pass
 * (sdk/stack-pass.ts) does the same for the stack rules, naming the rules the resource breaks.
 */
import { isRecord } from "../domain/coerce";
import type { CheckFailure } from "../domain/failures";

/** The hidden input the SDK sets (see sdk/early-validation.ts). */
export const REPORTED_KEY = "__inputProblemsReported";

/** The hidden input listing the stack rules the program reported this resource breaking (see sdk/stack-pass.ts). */
export const STACK_REPORTED_KEY = "__stackRulesReported";

/** One failure pointing at the problems the program reported, when it reported any; else none. */
export function reportedByProgram(news: unknown, label: () => string): CheckFailure[] {
  if (!isRecord(news)) return [];
  const failures: CheckFailure[] = [];
  if (news[REPORTED_KEY] === true) {
    failures.push({ path: "", rule: "input.reportedByProgram", message: `the program reported problems of this resource or of its settings above (the errors starting with ${label()} or csbs:); fix them and run again` });
  }
  const rules = Array.isArray(news[STACK_REPORTED_KEY]) ? news[STACK_REPORTED_KEY].filter((r): r is string => typeof r === "string") : [];
  if (rules.length > 0) {
    failures.push({
      path: "",
      rule: "input.reportedByProgram",
      message: `the program reported above that this resource breaks ${rules.join(", ")} together with other resources of the stack (the errors starting with ${rules.join(" or ")}); fix them and run again`,
    });
  }
  return failures;
}
