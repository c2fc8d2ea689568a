import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

// Every server of the fleet, in a stable order (a new server goes at the end).
const fleet = new pulumi.Config().requireObject<string[]>("serverIds");

// CSBS allows at most 64 servers in one policy: 150 servers become 3 policies of 50.
const chunks = csbs.spreadServers(fleet, { maxPerPolicy: 64 });

const policies = chunks.map((serverIds, i) => {
  const policy = new csbs.BackupPolicy(`fleet-${i}`, {
    description: `fleet part ${i + 1} of ${chunks.length}`,
    // One hour apart per part, so the whole fleet does not back up at once.
    schedule: { times: [`${String((1 + i) % 24).padStart(2, "0")}:00`], timezone: "UTC" },
    retention: { maxBackups: 14 },
  });
  new csbs.PolicyAssociation(`fleet-${i}`, { policyId: policy.id, serverIds });
  return policy;
});

export const policyNames = policies.map((p) => p.name);
export const serversPerPolicy = chunks.map((c) => c.length);
