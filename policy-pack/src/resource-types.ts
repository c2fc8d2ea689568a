/**
 * The type tokens of this package's resources. The pack recognises resources by these alone, never by the shape
 * of their properties, so another dynamic resource with similar inputs is never mistaken for a backup policy.
 */
export const BACKUP_POLICY_TYPE = "pulumi-nodejs:dynamic/csbs:BackupPolicy";
export const POLICY_ASSOCIATION_TYPE = "pulumi-nodejs:dynamic/csbs:PolicyAssociation";
