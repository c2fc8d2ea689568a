/**
 * While a BackupPolicy or PolicyAssociation is handed to Pulumi, the promises Pulumi makes for its properties
 * record no stack frames (each one used to be source-mapped in the language host); the limit is put back
 * afterwards, an error Pulumi throws meanwhile still shows where the resource was constructed, and leak hunting
 * (PULUMI_DEBUG_PROMISE_LEAKS) keeps its stacks.
 */
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { BackupPolicy } from "../../sdk/backup-policy";
import { PolicyAssociation } from "../../sdk/policy-association";
import { registeredInputsPerSuite } from "./registered-inputs";

const POLICY_ARGS = { schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } };
let servers = 0;

interface Formatted {
  /** Stacks formatted whose top frame is Pulumi's debuggablePromise (a property promise's recorded stack). */
  promiseStacks: number;
  /** Stacks formatted without a single frame. */
  empty: number;
}

/** Counts the stacks formatted while `construct` runs (V8 formats a stack when `.stack` is first read). */
function formattedDuring(construct: () => void): Formatted {
  const previous = Error.prepareStackTrace;
  const seen: Formatted = { promiseStacks: 0, empty: 0 };
  Error.prepareStackTrace = (err: Error, frames: NodeJS.CallSite[]) => {
    if (frames.length === 0) seen.empty++;
    else if (/[\\/]runtime[\\/]debuggable\.js$/.test(frames[0].getFileName() ?? "")) seen.promiseStacks++;
    return previous ? previous(err, frames) : [String(err), ...frames.map((f) => `    at ${f.toString()}`)].join("\n");
  };
  try {
    construct();
  } finally {
    Error.prepareStackTrace = previous;
  }
  return seen;
}

/** A policy and its association, with a server of their own (the stack pass would report a shared one). */
function fleetOfOne(name: string): pulumi.Resource[] {
  const server = `00000000-0000-4000-8000-${String(0xf000 + ++servers).padStart(12, "0")}`;
  const policy = new BackupPolicy(name, POLICY_ARGS);
  return [policy, new PolicyAssociation(name, { policyId: policy.id, serverIds: [server] })];
}

describe("stacks recorded while the SDK's fleet resources are registered", () => {
  registeredInputsPerSuite();

  it("records the property promises of a BackupPolicy and a PolicyAssociation without stack frames", () => {
    const seen = formattedDuring(() => fleetOfOne("shallow"));
    assert.equal(seen.promiseStacks, 0, "no property promise's stack has frames");
    assert.ok(seen.empty >= 4 * 2, `the promises were still made, each with a frameless stack (${seen.empty})`);
  });

  it("puts the stack limit back once the resources are constructed", () => {
    const before = Error.stackTraceLimit;
    fleetOfOne("limit");
    assert.equal(Error.stackTraceLimit, before);
  });

  it("gives an error Pulumi throws during construction the stack of the constructor's caller, and puts the limit back", () => {
    const before = Error.stackTraceLimit;
    const notAResource = {} as unknown as pulumi.Resource;
    assert.throws(
      () => new BackupPolicy("orphan", POLICY_ARGS, { parent: notAResource }),
      (err: Error) => /Resource parent is not a valid Resource/.test(err.message) && /registration-stacks\.spec/.test(err.stack ?? ""),
    );
    assert.equal(Error.stackTraceLimit, before);
  });

  it("records the property promises' stacks as before when PULUMI_DEBUG_PROMISE_LEAKS is set", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      const seen = formattedDuring(() => fleetOfOne("leaks"));
      assert.ok(seen.promiseStacks >= 4 * 2, `property promises recorded their stacks (${seen.promiseStacks})`);
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });
});
