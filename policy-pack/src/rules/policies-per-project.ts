/** A project holds at most 32 backup policies: the stack's BackupPolicy resources are counted per project. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { policiesPerProjectViolations } from "../../../provider/domain";
import { RULES } from "../rule-names";
import { readStack, stackDecls } from "../stack-model";

export const policiesPerProject: StackValidationPolicy = {
  name: RULES.policiesPerProject,
  description: "A project holds at most 32 backup policies; the stack declares at most that many per project.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const v of policiesPerProjectViolations(stackDecls(readStack(args.resources)).policies)) reportViolation(v.message, v.subject);
  },
};
