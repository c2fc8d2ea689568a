import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const config = new pulumi.Config();
// The server the change touches (on CSBS: one outside every backup policy) and the version being rolled out.
const [serverId] = config.requireObject<string[]>("serverIds");
const appVersion = config.require("appVersion");

// `up` waits until the backup is available, or fails with the service's reason. A new appVersion takes a new
// backup before anything else changes; retainOnDelete keeps every backup in the cloud when the resource is
// replaced or the stack destroyed, so a rollback can always find the one taken before its version.
const preUpgrade = new csbs.ServerBackup("before-upgrade", {
  serverId,
  description: `before ${appVersion}`,
  triggers: [appVersion],
}, { retainOnDelete: true, customTimeouts: { create: "45m" } });

// The risky change itself depends on the backup, so the engine makes it only once the backup is available, e.g.
// new openstack.compute.Instance("db", { ..., imageName: `db-${appVersion}` }, { dependsOn: [preUpgrade] });

export const backupId = preUpgrade.backupId;
export const backupStatus = preUpgrade.status;
export const rollback = pulumi.interpolate`pulumi-csbs restore ${preUpgrade.backupId} --server ${serverId}`;
