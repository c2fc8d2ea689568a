import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

/** A fresh copy of the module: it remembers its answer for the program run, and other specs may have asked already. */
function freshModule(): typeof import("../../sdk/plain-credentials") {
  const id = require.resolve("../../sdk/plain-credentials");
  delete require.cache[id];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as typeof import("../../sdk/plain-credentials");
}

describe("credentials in plain stack config", () => {
  const error = console.error;
  let logged: string[];
  beforeEach(() => {
    logged = [];
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  });
  afterEach(() => {
    console.error = error;
    pulumi.runtime.setAllConfig({});
  });

  it("names each credential setting stored in plain text, with the command that stores it encrypted, once per run", () => {
    pulumi.runtime.setAllConfig({ "csbs:password": "pw", "csbs:token": "t", "csbs:authUrl": "https://k/v3" }, ["csbs:token"]);
    const { plainCredentialSettings } = freshModule();
    assert.deepEqual(plainCredentialSettings(), ["csbs:password"]);
    assert.deepEqual(plainCredentialSettings(), ["csbs:password"]);
    const reports = logged.filter((l) => l.includes("csbs:password is set in plain stack config"));
    assert.equal(reports.length, 1, logged.join("\n"));
    assert.ok(reports[0].includes("pulumi config set --secret csbs:password"));
  });

  it("finds nothing when every credential is a secret or comes from elsewhere", () => {
    pulumi.runtime.setAllConfig({ "csbs:password": "pw", "csbs:userName": "demo" }, ["csbs:password"]);
    assert.deepEqual(freshModule().plainCredentialSettings(), []);
  });
});
