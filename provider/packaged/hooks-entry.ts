/** What the hooks bundle holds (scripts/bundle-hooks.js): the hooks of every resource type, so one process loads one copy. */
import * as association from "../hooks/association-hooks";
import * as policy from "../hooks/policy-hooks";
import * as serverBackup from "../hooks/server-backup-hooks";

export { association, policy, serverBackup };
