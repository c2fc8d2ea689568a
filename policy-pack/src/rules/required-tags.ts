/** Backup policies carry the tag keys the organisation requires. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isRecord, isUnknown } from "../../../provider/domain";
import { policySubject } from "../policy-subject";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";

export interface RequiredTagsConfig {
  keys?: string[];
}

export const requiredTags: ResourceValidationPolicy = {
  name: RULES.requiredTags,
  description: "Backup policies carry every tag key listed in keys.",
  enforcementLevel: "disabled",
  configSchema: {
    properties: {
      keys: { type: "array", items: { type: "string" }, description: "Tag keys every backup policy must carry." },
    },
  },
  validateResource: (args, reportViolation) => {
    const subject = policySubject(args);
    if (subject === undefined) return;
    const keys = args.getConfig<RequiredTagsConfig>().keys;
    if (keys === undefined || keys.length === 0) {
      reportViolation(
        `${RULES.requiredTags} is on but its config lists no keys: add e.g. { "keys": ["team"] } under "${RULES.requiredTags}" in the policy pack config`,
      );
      return;
    }
    const tags = subject.props.tags;
    if (isUnknown(tags)) return reportUnknowns([`tags of ${subject.label}`]);
    const present = isRecord(tags) ? Object.keys(tags).map((k) => k.trim()) : [];
    const missing = keys.filter((k) => !present.includes(k));
    if (missing.length === 0) return;
    const example = missing.map((k) => `${k}: "…"`).join(", ");
    reportViolation(
      `${subject.label} has tags ${present.length === 0 ? "{}" : `{ ${present.join(", ")} }`} without ${missing.map((k) => `"${k}"`).join(", ")}: ` +
        `every backup policy must carry the tag keys ${keys.map((k) => `"${k}"`).join(", ")}; add tags: { ${example} }`,
    );
  },
};
