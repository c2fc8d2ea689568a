/** Backup policies stay enabled, except those the organisation allows to be off (by policy or resource name). */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknown } from "../../../provider/domain";
import { policySubject } from "../policy-subject";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";

export interface PolicyEnabledConfig {
  allow?: string[];
}

export const policyEnabled: ResourceValidationPolicy = {
  name: RULES.policyEnabled,
  description: "Backup policies are enabled, except the policies named in allow.",
  enforcementLevel: "disabled",
  configSchema: {
    properties: {
      allow: { type: "array", items: { type: "string" }, description: "Policy names (or Pulumi resource names) that may be disabled." },
    },
  },
  validateResource: (args, reportViolation) => {
    const subject = policySubject(args);
    if (subject === undefined) return;
    const enabled = subject.props.enabled;
    if (isUnknown(enabled)) return reportUnknowns([`enabled of ${subject.label}`]);
    if (enabled !== false) return;
    const allow = args.getConfig<PolicyEnabledConfig>().allow ?? [];
    if (allow.includes(subject.resourceName) || (subject.name !== undefined && allow.includes(subject.name))) return;
    const key = subject.name ?? subject.resourceName;
    reportViolation(
      `${subject.label} has enabled: false, so no scheduled backups run: set enabled: true, ` +
        `or add "${key}" to "allow" of "${RULES.policyEnabled}" in the policy pack config if it is off on purpose`,
    );
  },
};
