import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const config = new pulumi.Config();
const networkId = config.require("networkId");
const imageName = config.require("imageName");
const flavorName = config.require("flavorName");
const count = config.getNumber("count") ?? 2;

const servers = Array.from(
  { length: count },
  (_, i) =>
    new openstack.compute.Instance(`app-${i}`, {
      imageName,
      flavorName,
      networks: [{ uuid: networkId }],
    }),
);

const policy = new csbs.BackupPolicy("app", {
  schedule: { times: ["03:00"], timezone: "Europe/Amsterdam" },
  retention: { maxAgeDays: 14 },
});

// The ids are unknown until the servers exist: the preview skips the checks that need them,
// and `pulumi up` associates the servers once they are created.
new csbs.PolicyAssociation("app", {
  policyId: policy.id,
  serverIds: servers.map((s) => s.id),
});

export const serverIds = servers.map((s) => s.id);
export const policyName = policy.name;
