/** A server may be in only one backup policy, and listed by only one association: checked across the whole stack. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack, StackAssociation } from "../stack-model";

export const serverInOnePolicy: StackValidationPolicy = {
  name: RULES.serverInOnePolicy,
  description: "A server is in at most one backup policy across the stack's associations.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const { associations } = readStack(args.resources);
    const claims = new Map<string, StackAssociation[]>();
    for (const a of associations) {
      for (const id of new Set(a.serverIds)) claims.set(id, [...(claims.get(id) ?? []), a]);
    }
    const unknowns: string[] = [];
    for (const [serverId, holders] of claims) {
      if (holders.length < 2) continue;
      const policies = new Set(holders.map((h) => h.policyKey));
      const listed = holders.map((h) => `association "${h.resourceName}" (${h.policyLabel})`).join(" and ");
      const undecided = holders.some((h) => h.policyKey.startsWith("unknown:"));
      if (policies.size === 1) {
        reportViolation(
          `server "${serverId}" is listed by ${listed}: a server can be in only one association of a policy; ` +
            `remove it from all but one of them`,
          holders[1]?.urn,
        );
      } else if (undecided) {
        unknowns.push(`whether server "${serverId}" of ${listed} ends up in two policies (a policy id is unknown)`);
      } else {
        reportViolation(
          `server "${serverId}" is listed by ${listed}: a server can be in only one backup policy; ` +
            `keep it in one policy and remove it from the other associations`,
          holders[1]?.urn,
        );
      }
    }
    for (const a of associations.filter((x) => x.serversUnknown)) unknowns.push(`serverIds of association "${a.resourceName}"`);
    reportUnknowns(unknowns);
  },
};
