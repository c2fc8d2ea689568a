/**
 * Every rule a check can fail, by a stable id. Code and tests tell failures apart by these ids, never by
 * their text, which may be reworded. An id names the subject then the rule: `schedule.runsTooClose`.
 */
export const RULE_IDS = [
  // Structure shared by both resources.
  "input.boolean",
  // The program already reported the resource's input problems (the SDK checks known inputs at construction).
  "input.reportedByProgram",
  // BackupPolicy inputs.
  "policy.inputsType",
  "policy.unknownInput",
  "policy.name",
  "policy.descriptionType",
  "policy.descriptionTooLong",
  "policy.descriptionChars",
  "policy.scheduleMissing",
  "policy.retentionMissing",
  // The schedule and its whole-cycle rule.
  "schedule.type",
  "schedule.unknownSetting",
  "schedule.timesList",
  "schedule.noTimes",
  "schedule.tooManyTimes",
  "schedule.timeFormat",
  "schedule.runsTooClose",
  "schedule.weekdaysList",
  "schedule.noWeekdays",
  "schedule.weekday",
  "schedule.weekdaysAndEveryNDays",
  "schedule.everyNDays",
  "schedule.timezone",
  "schedule.utcRunsTooClose",
  // Retention.
  "retention.type",
  "retention.unknownSetting",
  "retention.noKind",
  "retention.exactlyOneKind",
  "retention.permanent",
  "retention.count",
  "retention.longTermType",
  "retention.longTermUnknownCount",
  "retention.longTermRange",
  "retention.longTermEmpty",
  "retention.longTermWithPermanent",
  "retention.longTermKarbor",
  // Tags.
  "tags.type",
  "tags.tooMany",
  "tags.tooManyWithMarker",
  "tags.reservedKey",
  "tags.key",
  "tags.duplicateKey",
  "tags.value",
  // PolicyAssociation inputs.
  "association.inputsType",
  "association.unknownInput",
  "association.policyId",
  "association.serverIdsList",
  "association.noServers",
  "association.tooManyServerIds",
  "association.serverId",
  "association.duplicateServerId",
  "association.idsAndSelector",
  "association.serversMissing",
  "association.allowEmptyWithoutSelector",
  // ServerBackup inputs.
  "serverBackup.inputsType",
  "serverBackup.unknownInput",
  "serverBackup.serverId",
  "serverBackup.name",
  "serverBackup.description",
  "serverBackup.triggersList",
  "serverBackup.tagsKarbor",
  // ServerBackup create and delete (errors of the hooks, not check failures).
  "serverBackup.notProtectable",
  "serverBackup.failed",
  "serverBackup.createTimeout",
  "serverBackup.vanished",
  "serverBackup.deleteTimeout",
  "serverBackup.notDeletable",
  // Servers chosen by Nova tags and metadata.
  "selector.type",
  "selector.unknownSetting",
  "selector.tagsList",
  "selector.tag",
  "selector.metadataType",
  "selector.metadataValue",
  "selector.empty",
  "selector.matchesNothing",
  // Profiles (csbs:profiles.<name>): a malformed name, one the stack config lacks, an association whose profile is not its policy's.
  "profile.name",
  "profile.notDefined",
  "association.profileMismatch",
  // Rules against the live project and the whole deployment.
  "policy.nameTaken",
  "policy.adoptMismatch",
  "policy.notFound",
  // A created policy that never became usable (errors of the hooks that wait for it, not check failures).
  "policy.createFailed",
  "policy.vanished",
  "policy.createTimeout",
  "quota.policiesPerProject",
  "server.notFound",
  "server.notProtectable",
  "server.sharedDisk",
  "membership.serverInOtherPolicy",
  "membership.serverInOtherAssociation",
  "membership.tooManyServers",
] as const;

/** A stable rule identifier, e.g. `schedule.runsTooClose`. */
export type RuleId = (typeof RULE_IDS)[number];

/** True for a known rule id. */
export function isRuleId(value: unknown): value is RuleId {
  return typeof value === "string" && (RULE_IDS as readonly string[]).includes(value);
}
