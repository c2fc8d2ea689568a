/** The rule names users put in their `--policy-pack-config` files: stable, never renamed. */
export const RULES = {
  serverInOnePolicy: "csbs-server-in-one-policy",
  serversPerPolicy: "csbs-servers-per-policy",
  policiesPerProject: "csbs-policies-per-project",
  minimumRetention: "csbs-minimum-retention",
  policyEnabled: "csbs-policy-enabled",
  runWindow: "csbs-run-window",
  requiredTags: "csbs-required-tags",
  backupAge: "csbs-backup-age",
  serversProtected: "csbs-servers-protected",
} as const;
