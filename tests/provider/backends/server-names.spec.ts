import * as assert from "node:assert/strict";
import { ServerNames } from "../../../provider/backends/server-names";

describe("server names for policy writes", () => {
  it("answers from the names seen in policies and asks the lookup only about the others", async () => {
    const asked: string[] = [];
    const names = new ServerNames(async (id) => {
      asked.push(id);
      return `looked-up-${id}`;
    });
    names.note([{ id: "s1", name: "web-001" }, { id: "s2" }]);
    assert.deepEqual(await Promise.all(["s1", "s2", "s3"].map((id) => names.nameOf(id))), ["web-001", "looked-up-s2", "looked-up-s3"]);
    assert.deepEqual(asked, ["s2", "s3"]);
  });
});
