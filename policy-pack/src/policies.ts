/** Every rule of the pack, in the order the README documents them. */
import type { Policies } from "@pulumi/policy";
import { backupAge } from "./rules/backup-age";
import { minimumRetention } from "./rules/minimum-retention";
import { policiesPerProject } from "./rules/policies-per-project";
import { policyEnabled } from "./rules/policy-enabled";
import { requiredTags } from "./rules/required-tags";
import { runWindow } from "./rules/run-window";
import { serverInOnePolicy } from "./rules/server-in-one-policy";
import { serversPerPolicy } from "./rules/servers-per-policy";
import { serversProtected } from "./rules/servers-protected";

export const POLICIES: Policies = [serverInOnePolicy, serversPerPolicy, policiesPerProject, minimumRetention, policyEnabled, runWindow, requiredTags, backupAge, serversProtected];
