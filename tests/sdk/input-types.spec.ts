/**
 * The SDK's argument and output types restate the domain's input schemas for readable docs; these
 * type-level checks fail the build when the two drift apart (a field added, renamed or dropped on one side).
 */
import * as assert from "node:assert/strict";
import type { z } from "zod";
import type { associationInputsSchema } from "../../provider/domain/association-inputs";
import type { policyInputsSchema } from "../../provider/domain/policy-inputs";
import type { RetentionInput } from "../../provider/domain/retention";
import type { Schedule } from "../../provider/domain/schedule";
import type { BackupPolicyArgs, RetentionArgs, RetentionOutput, ScheduleArgs, ScheduleOutput } from "../../sdk/backup-policy";
import type { PolicyAssociationArgs } from "../../sdk/policy-association";
import type { serverBackupInputsSchema } from "../../provider/domain/server-backup-inputs";
import type { ServerBackupArgs } from "../../sdk/server-backup";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

type PolicySchemaKeys = keyof z.output<ReturnType<typeof policyInputsSchema>>;
type AssociationSchemaKeys = keyof z.output<typeof associationInputsSchema>;
type ServerBackupSchemaKeys = keyof z.output<typeof serverBackupInputsSchema>;

const policyArgs: Same<keyof BackupPolicyArgs, PolicySchemaKeys> = true;
const associationArgs: Same<keyof PolicyAssociationArgs, AssociationSchemaKeys> = true;
const serverBackupArgs: Same<keyof ServerBackupArgs, ServerBackupSchemaKeys> = true;
const scheduleArgs: Same<keyof ScheduleArgs, keyof Schedule> = true;
const scheduleOutput: Same<ScheduleOutput, Schedule> = true;
const retentionArgs: Same<KeysOfUnion<RetentionArgs>, KeysOfUnion<RetentionInput>> = true;
const retentionOutput: Same<keyof RetentionOutput, KeysOfUnion<RetentionInput>> = true;

describe("the SDK's input and output types", () => {
  it("name exactly the fields of the domain's input schemas", () => {
    // The assertions above are compile-time; a drift fails `tsc` before this runs.
    assert.deepEqual(
      [policyArgs, associationArgs, serverBackupArgs, scheduleArgs, scheduleOutput, retentionArgs, retentionOutput],
      [true, true, true, true, true, true, true],
    );
  });
});
