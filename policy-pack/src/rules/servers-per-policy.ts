/** A backup policy holds at most 64 servers, counted over every association of the stack that fills it. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { overfullPolicyViolations } from "../../../provider/domain";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack, stackDecls } from "../stack-model";

export const serversPerPolicy: StackValidationPolicy = {
  name: RULES.serversPerPolicy,
  description: "A backup policy holds at most 64 servers across the stack's associations.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const model = readStack(args.resources);
    const violations = overfullPolicyViolations(stackDecls(model).associations);
    for (const v of violations) reportViolation(v.message, v.subject);
    // A policy already over the limit stays over it whatever its unknown servers turn out to be.
    const over = new Set(violations.flatMap((v) => v.involved));
    const undecided = new Map<string, string>();
    for (const a of model.associations) if (a.serversUnknown && !over.has(a.urn)) undecided.set(a.policyKey, a.policyLabel);
    reportUnknowns([...undecided.values()].map((label) => `how many servers ${label} holds (some serverIds are unknown)`));
  },
};
