import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const serverIds = new pulumi.Config().requireObject<string[]>("serverIds");

const policy = new csbs.BackupPolicy("production", {
  description: "production servers, changed only through reviewed pull requests",
  schedule: { weekdays: ["MO", "WE", "FR"], times: ["01:00", "13:00"], timezone: "UTC" },
  retention: { maxBackups: 14 },
  tags: { owner: "platform" },
});

new csbs.PolicyAssociation("production", {
  policyId: policy.id,
  serverIds,
});

export const policyName = policy.name;
export const pattern = policy.pattern;
