import * as csbs from "pulumi-csbs";

// Every night at 01:00 Paris time; keep the newest 14 backups, and besides them the newest backup of each of
// the last 7 days, 4 weeks, 12 months and 2 years.
const policy = new csbs.BackupPolicy("gfs", {
  description: "grandfather-father-son backups of the production web tier",
  schedule: { times: ["01:00"], timezone: "Europe/Paris" },
  retention: {
    maxBackups: 14,
    longTerm: { daily: 7, weekly: 4, monthly: 12, yearly: 2 },
  },
});

// The servers tagged both `web` and `prod` whose metadata says tier=frontend, resolved at every preview:
// tag another server and the next preview shows it being added.
const web = new csbs.PolicyAssociation("web", {
  policyId: policy.id,
  serverSelector: { tags: ["web", "prod"], metadata: { tier: "frontend" } },
});

export const policyName = policy.name;
export const serverIds = web.serverIds;
export const longTermZone = policy.longTermZone;
