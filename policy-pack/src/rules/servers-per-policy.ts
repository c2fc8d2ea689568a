/** A backup policy holds at most 64 servers, counted over every association of the stack that fills it. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { checkServersPerPolicy } from "../../../provider/domain";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack, StackAssociation } from "../stack-model";

export const serversPerPolicy: StackValidationPolicy = {
  name: RULES.serversPerPolicy,
  description: "A backup policy holds at most 64 servers across the stack's associations.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const { associations } = readStack(args.resources);
    const groups = new Map<string, StackAssociation[]>();
    for (const a of associations) groups.set(a.policyKey, [...(groups.get(a.policyKey) ?? []), a]);
    const unknowns: string[] = [];
    for (const group of groups.values()) {
      const first = group[0];
      if (first === undefined) continue;
      const message = checkServersPerPolicy({
        policyLabel: first.policyLabel,
        live: [],
        associations: group.map((a) => ({ name: a.resourceName, serverIds: a.serverIds })),
      });
      if (message !== undefined) reportViolation(message, group[group.length - 1]?.urn);
      else if (group.some((a) => a.serversUnknown)) unknowns.push(`how many servers ${first.policyLabel} holds (some serverIds are unknown)`);
    }
    reportUnknowns(unknowns);
  },
};
