import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

// The servers to protect, as a list in stack config (ids from `openstack server list`):
//   pulumi config set --path 'serverIds[0]' <id>
const serverIds = new pulumi.Config().requireObject<string[]>("serverIds");

const policy = new csbs.BackupPolicy("daily", {
  description: "nightly backup of the web tier",
  schedule: { times: ["02:00"], timezone: "UTC" },
  retention: { maxBackups: 7 },
});

new csbs.PolicyAssociation("web", {
  policyId: policy.id,
  serverIds,
});

export const policyName = policy.name;
export const pattern = policy.pattern;
