/**
 * The SDK's public types say what the provider accepts: the build (tsc) fails when a `@ts-expect-error` below
 * stops being an error, so these declarations are checked at compile time; the `it`s check the emitted .d.ts.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { BackupPolicy, BackupPolicyArgs, PolicyStatus, RetentionArgs, ScheduleArgs } from "../../sdk";
import { REPO_ROOT } from "../support/engine";

const retentionForms: RetentionArgs[] = [{ maxBackups: 7 }, { maxAgeDays: 30 }, { permanent: true }];
// @ts-expect-error two retention forms together are refused by the provider, so by the type too
const twoRetentions: RetentionArgs = { maxBackups: 7, maxAgeDays: 30 };
// @ts-expect-error permanent together with a count
const permanentAndCount: RetentionArgs = { permanent: true, maxBackups: 7 };

const scheduleForms: ScheduleArgs[] = [{ times: ["02:00"] }, { times: ["02:00"], weekdays: ["MO"] }, { times: ["02:00"], everyNDays: 3, timezone: "UTC" }];
// @ts-expect-error weekdays and everyNDays together are refused by the provider, so by the type too
const bothShapes: ScheduleArgs = { times: ["02:00"], weekdays: ["MO"], everyNDays: 2 };

const args: BackupPolicyArgs = { schedule: scheduleForms[0], retention: retentionForms[0] };
// @ts-expect-error status is one of the service's words, not any string
const notAStatus: PolicyStatus = "running";
type StatusOf<T> = T extends { status: { apply(f: (v: infer S) => unknown): unknown } } ? S : never;
const statusIsTheUnion: [StatusOf<BackupPolicy>] extends [PolicyStatus] ? (PolicyStatus extends StatusOf<BackupPolicy> ? true : false) : false = true;

function declarationOf(file: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, "dist", "sdk", file), "utf8");
}

/** The TSDoc comment right before `declare readonly <name>` in a class declaration, or undefined. */
function docOf(dts: string, name: string): string | undefined {
  const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*readonly ${name}:`).exec(dts);
  return m?.[1];
}

describe("the SDK's public types", () => {
  it("accept each retention form and schedule shape alone and refuse two together (compile-time, see @ts-expect-error)", () => {
    assert.equal(retentionForms.length + scheduleForms.length, 6);
    assert.deepEqual([twoRetentions, permanentAndCount, bothShapes].length, 3);
    assert.ok(args.schedule && notAStatus && statusIsTheUnion);
  });

  it("document every output of BackupPolicy and PolicyAssociation in the emitted .d.ts", () => {
    const policy = declarationOf("backup-policy.d.ts");
    for (const output of ["name", "description", "enabled", "schedule", "retention", "tags", "status", "createdAt", "pattern", "projectId"]) {
      assert.ok(docOf(policy, output)?.trim(), `BackupPolicy.${output} has no TSDoc`);
    }
    const association = declarationOf("policy-association.d.ts");
    for (const output of ["policyId", "serverIds", "takeOver"]) {
      assert.ok(docOf(association, output)?.trim(), `PolicyAssociation.${output} has no TSDoc`);
    }
  });

  it("keep the SDK's internal helpers out of the public declarations", () => {
    const reachable = ["index.d.ts", "backup-policy.d.ts", "policy-association.d.ts", "fleet.d.ts", "schedule-grid.d.ts"];
    for (const file of reachable) assert.doesNotMatch(declarationOf(file), /policyRefOf/, file);
  });
});
