/**
 * What an association keeps in state. Every key is stored in the inputs and again in the outputs of every
 * association, in a state the engine rewrites at each step, so the hints the program sends for `check` stay out.
 */
import * as assert from "node:assert/strict";
import * as associations from "../../../provider/hooks/association-hooks";
import { ASSOCIATIONS_OF_POLICY_KEY, ENGINE_PARALLELISM_KEY } from "../../../provider/hooks/batch-hints";
import { checkedInputs, hooksCloudPer } from "./support/hooks-cloud";

const POLICY_URN = "urn:pulumi:dev::app::pulumi-nodejs:dynamic/csbs:BackupPolicy::daily";

describe("the state of a PolicyAssociation", function () {
  this.timeout(60_000);
  const ctx = hooksCloudPer("test");

  const program = (policyId: string) => ({
    __resourceName: "web",
    __policyRef: POLICY_URN,
    __policyProfile: "",
    [ENGINE_PARALLELISM_KEY]: 8,
    [ASSOCIATIONS_OF_POLICY_KEY]: 1,
    policyId,
    serverIds: [ctx.servers["web-001"]!],
  });

  it("keeps the policy reference in its checked inputs (the digest reads it) but not the policy's profile or the batch hints", async () => {
    const policy = await ctx.api.createPolicy("daily");
    const inputs = await checkedInputs(associations.check, program(policy.id));
    assert.deepEqual(Object.keys(inputs).filter((k) => k.startsWith("__")).sort(), ["__policyRef", "__resourceName"]);
    assert.equal(inputs.__policyRef, POLICY_URN);
  });

  it("keeps no hint of the program in the outputs of create and read, only its name", async () => {
    const policy = await ctx.api.createPolicy("daily");
    const inputs = await checkedInputs(associations.check, program(policy.id));
    const created = await associations.create(inputs as never);
    assert.deepEqual(Object.keys(created.outs ?? {}).filter((k) => k.startsWith("__")), ["__resourceName"]);
    // State written before kept the hints in its outputs: a refresh drops them.
    const read = await associations.read(created.id, { ...created.outs, __policyRef: POLICY_URN, __policyProfile: "" });
    assert.deepEqual(Object.keys(read.props ?? {}).filter((k) => k.startsWith("__")), ["__resourceName"]);
    assert.deepEqual(read.props?.serverIds, [ctx.servers["web-001"]]);
  });
});
