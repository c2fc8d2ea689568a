/** The rule names users put in their `--policy-pack-config` files: stable, never renamed. */
import { STACK_RULE_NAMES } from "../../provider/domain";

export const RULES = {
  // The stack rules are the domain's (the program reports them under the same names).
  ...STACK_RULE_NAMES,
  minimumRetention: "csbs-minimum-retention",
  policyEnabled: "csbs-policy-enabled",
  runWindow: "csbs-run-window",
  requiredTags: "csbs-required-tags",
  backupAge: "csbs-backup-age",
  serversProtected: "csbs-servers-protected",
} as const;
