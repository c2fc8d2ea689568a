/** A project holds at most 32 backup policies: the stack's BackupPolicy resources are counted per project. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { LIMITS } from "../../../provider/domain";
import { RULES } from "../rule-names";
import { readStack, StackPolicy } from "../stack-model";

export const policiesPerProject: StackValidationPolicy = {
  name: RULES.policiesPerProject,
  description: "A project holds at most 32 backup policies; the stack declares at most that many per project.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const { policies } = readStack(args.resources);
    const byProject = new Map<string, StackPolicy[]>();
    for (const p of policies) byProject.set(p.projectKey, [...(byProject.get(p.projectKey) ?? []), p]);
    const limit = LIMITS.policiesPerProject;
    for (const [project, group] of byProject) {
      if (group.length <= limit) continue;
      const over = group.length - limit;
      const extra = group.slice(limit, limit + 5).map((p) => `"${p.resourceName}"`).join(", ");
      reportViolation(
        `the stack declares ${group.length} BackupPolicy resources in ${project}: a project holds at most ${limit} backup policies; ` +
          `remove ${over} (for example ${extra}) or move ${over === 1 ? "it" : "them"} to a stack of another project`,
        group[limit]?.urn,
      );
    }
  },
};
