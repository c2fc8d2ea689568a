/**
 * Issue 6 §7: with password, application-credential and token auth, after up, refresh and destroy (and a
 * failed up whose API error echoes the credential), no secret appears in the state files (current, history and
 * backups), in `stack export`, in anything the engine printed (a refresh logging verbosely, the provider's log
 * flowing into it, included), or in the local cloud's request log — searched for literally and in base64,
 * base64url, URL and hex encodings (./secret-leak-checks.ts). The local cloud's own errors never echo a
 * credential either. Secrets given only in a profile: ./secrets-in-profiles.spec.ts.
 */
import * as assert from "node:assert/strict";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { admin, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { request } from "../localcloud/http";
import { programFiles, webServers } from "../engine/provider/scenario-support";
import { assertNoLeaks, leaks, type Method } from "./secret-leak-checks";

const PASSWORD = "Pw7f3c9a1eUnguessableQz";
const APP_SECRET = "Ac4b8d2f6eVaultSecretKx";

const METHODS: Method[] = [
  {
    name: "password",
    config: async (cloud) => ({
      plain: { "csbs:authUrl": cloud.authUrl, "csbs:userName": "vault", "csbs:userDomainName": "Default", "csbs:projectName": "demo", "csbs:projectDomainName": "Default" },
      secret: { "csbs:password": PASSWORD },
      secrets: [PASSWORD],
    }),
  },
  {
    name: "application credential",
    config: async (cloud) => {
      const created = await admin<{ application_credential: { id: string; secret: string } }>(cloud, "POST", "/app-credentials", { user: "vault", project: "demo", name: "ci", secret: APP_SECRET });
      return {
        plain: { "csbs:authUrl": cloud.authUrl, "csbs:applicationCredentialId": created.application_credential.id },
        secret: { "csbs:applicationCredentialSecret": APP_SECRET },
        secrets: [APP_SECRET],
      };
    },
  },
  {
    name: "token",
    config: async (cloud) => {
      const r = await request("POST", `${cloud.authUrl}/auth/tokens`, {
        body: {
          auth: {
            identity: { methods: ["password"], password: { user: { name: "vault", domain: { name: "Default" }, password: PASSWORD } } },
            scope: { project: { name: "demo", domain: { name: "Default" } } },
          },
        },
      });
      const token = String(r.headers["x-subject-token"]);
      return {
        plain: { "csbs:authUrl": cloud.authUrl, "csbs:projectName": "demo", "csbs:projectDomainName": "Default" },
        secret: { "csbs:token": token },
        secrets: [token],
      };
    },
  },
];

describe("secrets never reach state, output or errors (issue 6 §7)", function () {
  this.timeout(600_000);
  let cloud: TestCloud;
  const stacks: EngineStack[] = [];

  before(async () => {
    const fixtures = defaultFixtures();
    fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: "vault", password: PASSWORD, roles: ["member"] });
    cloud = await startTestCloud({ fixtures });
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  for (const method of METHODS) {
    it(`keeps the ${method.name} out of state files, exports, engine output, logs and error messages through a failed up, up, refresh and destroy`, async () => {
      await assertNoLeaks(cloud, method, stacks);
    });
  }

  // Why the README warns against sharing the engine's verbose log: from -v=7 the planner logs the inputs of the
  // default provider, the whole stack config with secrets decrypted, whatever our provider does.
  it("finds the password in a preview's verbose engine log (-v=7), the log the README warns about, and not in its normal output", async () => {
    const { plain, secret } = await METHODS[0]!.config(cloud);
    const files = programFiles({ policies: [{ resource: "v7", args: { name: "v7", schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } }, associations: [{ resource: "v7-servers", serverIds: webServers(cloud, 1) }] }] });
    const stack = await EngineStack.create({ project: "secrets-v7", files, config: plain, secrets: secret });
    stacks.push(stack);
    const normal = await stack.preview();
    const verbose = await stack.preview(["--logtostderr", "--logflow", "-v=7"]);
    assert.equal(normal.code, 0, normal.output.slice(-2000));
    assert.equal(verbose.code, 0, verbose.output.slice(-2000));
    assert.deepEqual(leaks(normal.output, [PASSWORD]), [], "the preview's normal output");
    assert.notDeepEqual(leaks(verbose.output, [PASSWORD]), [], "the -v=7 log carries the decrypted stack config");
  });

  it("never echoes a credential from a malformed Keystone request body in the local cloud's error", async () => {
    for (const body of [`{"auth":{"identity":{"password":{"user":{"password":${PASSWORD}}}}}}`, PASSWORD, `password=${PASSWORD}`]) {
      const r = await request("POST", `${cloud.authUrl}/auth/tokens`, { rawBody: body, headers: { "content-type": "application/json" } });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(leaks(r.text, [PASSWORD]).concat(r.text.includes(PASSWORD.slice(0, 8)) ? ["a prefix of the password"] : []), [], r.text);
    }
  });
});
