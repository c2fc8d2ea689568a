import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

// The servers to protect in each region, each list the ids of servers of that region's project.
const config = new pulumi.Config();
const parisServers = config.requireObject<string[]>("parisServers");
const amsterdamServers = config.requireObject<string[]>("amsterdamServers");

const schedule = { times: ["02:00"], timezone: "Europe/Paris" };
const paris = new csbs.BackupPolicy("paris-daily", { profile: "paris", schedule, retention: { maxBackups: 7 } });
const ams = new csbs.BackupPolicy("ams-daily", { profile: "amsterdam", schedule, retention: { maxBackups: 7 } });
// Each association takes its policy's profile: the servers are looked up in that project only.
new csbs.PolicyAssociation("paris-web", { policyId: paris.id, serverIds: parisServers });
new csbs.PolicyAssociation("ams-web", { policyId: ams.id, serverIds: amsterdamServers });

export const parisPolicy = paris.name;
export const amsterdamPolicy = ams.name;
