/**
 * What each rule id means to a user: the gist of its message and the fix. This is the source of the README's
 * troubleshooting table of rule ids (`npm run docs` writes it; tests/docs/rule-table.spec.ts fails when they
 * differ). The type lists every {@link RuleId}, so a new id does not compile until it has its row here.
 * The messages themselves are built beside their checks (`defineRule` and the hooks); these are summaries.
 */
import { LIMITS } from "./limits";
import type { RuleId } from "./rule-ids";

/** One row of the troubleshooting table. */
export interface RuleDoc {
  /** What the failure says, in short (the message names the property and the value). */
  message: string;
  /** What to change. */
  fix: string;
}

export const RULE_DOCS: { readonly [R in RuleId]: RuleDoc } = {
  "input.boolean": { message: "a flag (`enabled`, `adopt`, `takeOver`, `allowEmpty`) is not true or false", fix: "write true or false, or leave it out" },
  "input.reportedByProgram": {
    message:
      "the program already reported this resource's input problems (errors starting with the resource or `csbs:`), or the stack rules it breaks with other resources (errors starting with `csbs-`)",
    fix: "fix the problems reported above and run again",
  },
  "policy.inputsType": { message: "a BackupPolicy's inputs are not an object", fix: "pass an object of BackupPolicy inputs" },
  "policy.unknownInput": { message: "a key is not an input of BackupPolicy", fix: "remove it, or correct its spelling" },
  "policy.name": {
    message: `a policy name is not ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ and -`,
    fix: 'rename it, e.g. "daily-web"',
  },
  "policy.descriptionType": { message: "a description is not text", fix: "write it as a string" },
  "policy.descriptionTooLong": { message: `a description has more than ${LIMITS.descriptionMax} characters`, fix: "shorten it" },
  "policy.descriptionChars": { message: "a description contains < or >", fix: "remove them" },
  "policy.scheduleMissing": { message: "a policy has no schedule", fix: 'add e.g. schedule: { times: ["02:00"] }' },
  "policy.retentionMissing": { message: "a policy does not say how long backups are kept", fix: "add retention: { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }" },
  "schedule.type": { message: "a schedule is not an object", fix: 'write e.g. { times: ["02:00"], weekdays: ["MO"] }' },
  "schedule.unknownSetting": { message: "a key is not a schedule setting", fix: "use times, weekdays, everyNDays or timezone" },
  "schedule.timesList": { message: 'run times are missing or not a list of "HH:MM" strings', fix: 'write e.g. times: ["02:00", "14:00"]' },
  "schedule.noTimes": { message: "the list of run times is empty", fix: 'add at least one time, e.g. "02:00"' },
  "schedule.tooManyTimes": { message: `a schedule has more than ${LIMITS.runsPerDay} run times a day`, fix: `keep at most ${LIMITS.runsPerDay}` },
  "schedule.timeFormat": { message: 'a run time is not "HH:MM" from 00:00 to 23:59', fix: 'write it as e.g. "02:00" (the message suggests the fix)' },
  "schedule.runsTooClose": {
    message: `two runs are less than ${LIMITS.minMinutesBetweenRuns} minutes apart somewhere in the whole cycle (also across midnight and the week's end)`,
    fix: "move or remove one of the two runs the message names",
  },
  "schedule.weekdaysList": { message: "weekdays is not a list of MO, TU, WE, TH, FR, SA, SU", fix: 'write e.g. weekdays: ["MO", "TH"]' },
  "schedule.noWeekdays": { message: "the list of weekdays is empty", fix: "list at least one day, or leave weekdays out to run every day" },
  "schedule.weekday": { message: "a weekday is not a two-letter iCalendar day", fix: "use one of MO, TU, WE, TH, FR, SA, SU (the message suggests one)" },
  "schedule.weekdaysAndEveryNDays": { message: "a schedule sets both weekdays and everyNDays", fix: "keep weekdays for fixed days of the week, or everyNDays for a fixed interval" },
  "schedule.everyNDays": {
    message: `everyNDays is not a whole number from ${LIMITS.everyNDaysMin} to ${LIMITS.everyNDaysMax}`,
    fix: `use e.g. everyNDays: 2; for longer cycles use weekdays`,
  },
  "schedule.timezone": { message: 'a time zone is neither an IANA name nor a fixed offset "UTC±HH:MM"', fix: 'write e.g. "Europe/Paris" or "UTC+08:00", or leave it out for UTC' },
  "schedule.utcRunsTooClose": {
    message: `converted to UTC (which the service runs on), two runs of an everyNDays schedule fall less than ${LIMITS.minMinutesBetweenRuns} minutes apart`,
    fix: "move the runs the message names further apart, or use timezone UTC",
  },
  "retention.type": { message: "retention is missing or not an object", fix: "write { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }" },
  "retention.unknownSetting": { message: "a key is not a retention setting", fix: "use maxBackups, maxAgeDays, permanent or longTerm" },
  "retention.noKind": { message: "retention sets none of maxBackups, maxAgeDays, permanent", fix: "set exactly one of them" },
  "retention.exactlyOneKind": { message: "retention sets more than one of maxBackups, maxAgeDays, permanent", fix: "keep one of them" },
  "retention.permanent": { message: "permanent is set to something other than true", fix: "write permanent: true, or use maxBackups or maxAgeDays to limit retention" },
  "retention.count": {
    message: `maxBackups or maxAgeDays is not a whole number from ${LIMITS.retentionMin} to ${LIMITS.retentionMax}`,
    fix: `use e.g. 7 backups or 30 days; above ${LIMITS.retentionMax}, use permanent: true`,
  },
  "retention.longTermType": { message: "longTerm is not an object of counts", fix: "write e.g. longTerm: { daily: 7, weekly: 4 }" },
  "retention.longTermUnknownCount": { message: "a key of longTerm is not a long-term count", fix: "use daily, weekly, monthly or yearly" },
  "retention.longTermRange": { message: `a long-term count is not a whole number from 0 to ${LIMITS.longTermMax}`, fix: `use 0 to ${LIMITS.longTermMax}` },
  "retention.longTermEmpty": { message: "every long-term count is 0, so longTerm keeps nothing", fix: "set at least one count above 0, or remove longTerm" },
  "retention.longTermWithPermanent": { message: "longTerm is set together with permanent: true, which already keeps every backup", fix: "remove longTerm, or replace permanent with maxBackups or maxAgeDays" },
  "retention.longTermKarbor": { message: "longTerm is set, but the project's API is Karbor, which has no long-term retention", fix: "remove longTerm, or use a CSBS project" },
  "tags.type": { message: "tags is not an object of strings", fix: 'write e.g. tags: { team: "web" }' },
  "tags.tooMany": { message: `a policy has more than ${LIMITS.tagsMax} tags`, fix: "remove the extra tags" },
  "tags.tooManyWithMarker": {
    message: `a policy has more than ${LIMITS.tagsMax - 1} tags: pulumi-csbs keeps one of the ${LIMITS.tagsMax} for its ownership marker`,
    fix: `keep at most ${LIMITS.tagsMax - 1} tags`,
  },
  "tags.reservedKey": { message: "a tag uses the key pulumi-csbs writes to mark its own policies (`pulumi-csbs-owner`)", fix: "rename the tag" },
  "tags.key": { message: `a tag key is not ${LIMITS.tagKeyMin}-${LIMITS.tagKeyMax} characters of letters, digits, _ and -`, fix: "rename the key" },
  "tags.duplicateKey": { message: "two tag keys are the same once spaces are trimmed", fix: "remove one" },
  "tags.value": { message: `a tag value is not a string of 0-${LIMITS.tagValueMax} characters of letters, digits, _ and -`, fix: "change the value" },
  "association.inputsType": { message: "a PolicyAssociation's inputs are not an object", fix: "pass an object of PolicyAssociation inputs" },
  "association.unknownInput": { message: "a key is not an input of PolicyAssociation", fix: "remove it, or correct its spelling" },
  "association.policyId": { message: "policyId is not a UUID", fix: "pass the id output of a BackupPolicy, e.g. policy.id" },
  "association.serverIdsList": { message: "serverIds is not a list of server ids", fix: "write e.g. serverIds: [server.id]" },
  "association.noServers": { message: "serverIds is empty", fix: "add a server id, or delete the association" },
  "association.tooManyServerIds": { message: `serverIds lists more than ${LIMITS.serverIdsMax} ids, more than a policy holds`, fix: "split the servers over two policies (spreadServers does it)" },
  "association.serverId": { message: "a server id is not a UUID", fix: "pass the id of an ECS server, e.g. server.id" },
  "association.duplicateServerId": { message: "a server id is listed twice", fix: "remove one" },
  "association.idsAndSelector": { message: "an association sets both serverIds and serverSelector", fix: "keep one of them" },
  "association.serversMissing": { message: "an association sets neither serverIds nor serverSelector", fix: 'add serverIds: [server.id] or serverSelector: { tags: ["web"] }' },
  "association.allowEmptyWithoutSelector": { message: "allowEmpty is true without serverSelector", fix: "remove allowEmpty, or choose the servers with serverSelector" },
  "serverBackup.inputsType": { message: "a ServerBackup's inputs are not an object", fix: "pass an object of ServerBackup inputs" },
  "serverBackup.unknownInput": { message: "a key is not an input of ServerBackup", fix: "remove it, or correct its spelling" },
  "serverBackup.serverId": { message: "serverId is missing or not a UUID", fix: "pass the id of an ECS server, e.g. serverId: server.id" },
  "serverBackup.name": {
    message: `a backup name is not ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ and -`,
    fix: 'rename it, e.g. "pre-upgrade", or leave name out for the default',
  },
  "serverBackup.description": { message: `a backup description is not text of 0-${LIMITS.descriptionMax} characters without < or >`, fix: "change it" },
  "serverBackup.triggersList": { message: "triggers is not a list", fix: "write e.g. triggers: [appVersion]" },
  "serverBackup.tagsKarbor": { message: "a ServerBackup on Karbor has tags, which Karbor checkpoints cannot hold", fix: "remove tags for csbs:api = \"karbor\"" },
  "serverBackup.notProtectable": {
    message: "the service's check_protectable refused the server (on CSBS also a server in a backup policy: CSBS.6004)",
    fix: "pick a Running or Stopped server without shared disks; for a server of a policy use runPolicyNow (pulumi-csbs backup-now)",
  },
  "serverBackup.failed": { message: "the backup ended in error; the message carries the service's reason (the failed backup is deleted)", fix: "fix the cause the service names and run again" },
  "serverBackup.createTimeout": {
    message: "the backup was not available within customTimeouts.create (30 minutes by default); it goes on in the service",
    fix: "raise customTimeouts.create; delete the backup the message names once it has ended",
  },
  "serverBackup.vanished": { message: "the backup disappeared while it was being made (deleted in the console?)", fix: "run again to take a new one" },
  "serverBackup.deleteTimeout": { message: "the backup was not gone within customTimeouts.delete (30 minutes by default)", fix: "run again later (the service goes on deleting), or raise customTimeouts.delete" },
  "serverBackup.notDeletable": {
    message: "the service refuses to delete the backup in a status it does not leave on its own (Karbor's error-deleting after a failed delete)",
    fix: "ask the cloud operator to remove the checkpoint or reset its state to available, then run again; or drop the resource from the state with pulumi state delete",
  },
  "selector.type": { message: "serverSelector is not an object", fix: 'write e.g. serverSelector: { tags: ["web"], metadata: { tier: "front" } }' },
  "selector.unknownSetting": { message: "a key is not a selector setting", fix: "use tags and metadata" },
  "selector.tagsList": { message: "the selector's tags is not a list of Nova server tags", fix: 'write e.g. tags: ["web"]' },
  "selector.tag": { message: 'a Nova server tag is not 1 to 60 characters without "/" or ","', fix: "fix the tag" },
  "selector.metadataType": { message: 'the selector\'s metadata is not an object of key: "value" pairs', fix: 'write e.g. metadata: { tier: "front" }' },
  "selector.metadataValue": { message: "a metadata value is not text", fix: "write it as a string" },
  "selector.empty": { message: "a selector chooses no tag or metadata, which would match every server", fix: "give at least one tag or metadata pair" },
  "selector.matchesNothing": {
    message: "the selector matches no server in the project",
    fix: "check the servers' tags and metadata (openstack server list --tags …), or set allowEmpty: true",
  },
  "policy.nameTaken": { message: "another policy in the project already has this name", fix: "choose another name, or set adopt: true to take that policy over" },
  "policy.adoptMismatch": {
    message: "the policy to adopt (or this stack's own, by name) differs from the declaration",
    fix: "make the declaration match the live policy (the message lists the differences), then run again",
  },
  "policy.notFound": { message: "no backup policy with this policyId exists in the project", fix: "use policy.id of a BackupPolicy, or run pulumi refresh if it was deleted outside Pulumi" },
  "policy.createFailed": {
    message: "a policy created by this stack ended in status error in the service (reported by the policy's create, or by the association or update that waited for it)",
    fix: "delete the policy the message names in the console (or with pulumi destroy) and run again; if it fails again, ask the cloud operator why",
  },
  "policy.vanished": { message: "a policy disappeared while it was being created (deleted in the console?)", fix: "run pulumi refresh, then pulumi up to create it again" },
  "policy.createTimeout": {
    message: "a created policy was still creating after 10 minutes",
    fix: "check the policy in the console; once it is usable run again (nothing is sent twice)",
  },
  "profile.name": { message: "a `profile` is not 1 to 64 letters, digits, _ or -", fix: 'use the name of a profile of csbs:profiles, e.g. "paris"' },
  "profile.notDefined": {
    message: "the stack config defines no profile of this name (csbs:profiles.<name>)",
    fix: "define it with `pulumi config set --path 'csbs:profiles.<name>.region' <region>`, or fix the name",
  },
  "association.profileMismatch": {
    message: "an association's `profile` is not the profile of the BackupPolicy its policyId comes from",
    fix: "remove `profile` from the association (it follows its policy), or give the policy the same profile",
  },
  "quota.policiesPerProject": {
    message: `the deployment's new policies would exceed the project's policy quota (${LIMITS.policiesPerProject} by default)`,
    fix: "delete unused policies, or ask the operator for more",
  },
  "server.notFound": { message: "no server with this id exists in the project (of the resource's profile)", fix: "check the id (openstack server show <id>), or remove it" },
  "server.notProtectable": { message: "a server is neither Running (ACTIVE) nor Stopped (SHUTOFF)", fix: "repair or start the server, or remove it" },
  "server.sharedDisk": { message: "a server has a shared (multi-attach) disk, which CSBS cannot back up", fix: "detach the disk, or remove the server" },
  "membership.serverInOtherPolicy": { message: "a server is already in another backup policy", fix: "remove it there first, or set takeOver: true on the association to move it" },
  "membership.serverInOtherAssociation": { message: "another association of this deployment also lists the server", fix: "keep the server in one association" },
  "membership.tooManyServers": {
    message: `the policy would hold more than ${LIMITS.serversPerPolicy} servers (its live servers plus this deployment's associations)`,
    fix: "split the servers over several policies with spreadServers",
  },
};
