import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const serverIds = new pulumi.Config().requireObject<string[]>("serverIds");

const policy = new csbs.BackupPolicy("every-third-night", {
  description: "database servers: every third night, kept for a month",
  schedule: { everyNDays: 3, times: ["01:30"] },
  retention: { maxAgeDays: 30 },
});

new csbs.PolicyAssociation("databases", {
  policyId: policy.id,
  serverIds,
});

export const policyName = policy.name;
export const pattern = policy.pattern;
