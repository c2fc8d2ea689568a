import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const serverIds = new pulumi.Config().requireObject<string[]>("serverIds");

// Times are meant in the office's zone; the provider sends the API the same runs in UTC
// (06:00 Monday in Singapore is 22:00 Sunday UTC).
const policy = new csbs.BackupPolicy("office-hours", {
  description: "before, during and after office hours on working days",
  schedule: {
    weekdays: ["MO", "TU", "WE", "TH", "FR"],
    times: ["06:00", "12:00", "19:30"],
    timezone: "Asia/Singapore",
  },
  retention: { maxBackups: 30 },
  tags: { team: "finance", tier: "app" },
});

new csbs.PolicyAssociation("app-servers", {
  policyId: policy.id,
  serverIds,
});

export const policyName = policy.name;
export const pattern = policy.pattern;
