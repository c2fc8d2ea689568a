/** A server may be in only one backup policy, and listed by only one association: checked across the whole stack. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { sharedServerViolations } from "../../../provider/domain";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack, stackDecls } from "../stack-model";

export const serverInOnePolicy: StackValidationPolicy = {
  name: RULES.serverInOnePolicy,
  description: "A server is in at most one backup policy across the stack's associations.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const model = readStack(args.resources);
    for (const v of sharedServerViolations(stackDecls(model).associations)) reportViolation(v.message, v.subject);
    reportUnknowns(model.associations.filter((a) => a.serversUnknown).map((a) => `serverIds of association "${a.resourceName}"`));
  },
};
