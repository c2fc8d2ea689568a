import * as assert from "node:assert/strict";
import { UNKNOWN, validateServerBackupInputs } from "../../../provider/domain";

const SERVER = "6F1C2B9E-0000-4000-8000-000000000ABC";

describe("ServerBackup inputs", () => {
  it("fills in the defaults and lower-cases the server id", () => {
    const v = validateServerBackupInputs({ serverId: SERVER, name: "pre-upgrade", __resourceName: "b" });
    assert.deepEqual(v.failures, []);
    assert.deepEqual(v.inputs, { serverId: SERVER.toLowerCase(), name: "pre-upgrade", description: "", incremental: true, tags: {}, triggers: [] });
  });

  it("reports every problem at once, each with its rule", () => {
    const v = validateServerBackupInputs({ serverId: "db", name: "pre upgrade", description: "<b>", incremental: "maybe", tags: { "a b": "x" }, triggers: "v2", extra: 1 });
    assert.deepEqual(v.failures.map((f) => [f.path, f.rule]).sort(), [
      ["description", "serverBackup.description"],
      ["extra", "serverBackup.unknownInput"],
      ["incremental", "input.boolean"],
      ["name", "serverBackup.name"],
      ["serverId", "serverBackup.serverId"],
      ['tags["a b"]', "tags.key"],
      ["triggers", "serverBackup.triggersList"],
    ]);
  });

  it("requires the server and the name", () => {
    assert.deepEqual(validateServerBackupInputs({ name: "x" }).failures.map((f) => f.rule), ["serverBackup.serverId"]);
    assert.deepEqual(validateServerBackupInputs({ serverId: SERVER }).failures.map((f) => f.rule), ["serverBackup.name"]);
  });

  it("lets values a preview does not know yet through, anywhere", () => {
    const v = validateServerBackupInputs({ serverId: UNKNOWN, name: "x", triggers: [UNKNOWN, "v1"] });
    assert.deepEqual(v.failures, []);
    assert.deepEqual(v.unknowns, ["serverId", "triggers[0]"]);
  });
});
