/**
 * Issue 6 §7: with password, application-credential and token auth, after up, refresh and destroy (and a
 * failed up whose API error echoes the credential), no secret appears in the state files (current, history and
 * backups), in `stack export`, or in anything the engine printed — searched for literally and in
 * base64, base64url, URL and hex encodings. The local cloud's own errors never echo a credential either.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { admin, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack, type EngineResult } from "../support/engine";
import { programFiles, webServers, type ProgramSpec } from "../engine/provider/scenario-support";
import { request } from "../localcloud/http";

const PASSWORD = "Pw7f3c9a1eUnguessableQz";
const APP_SECRET = "Ac4b8d2f6eVaultSecretKx";

/** Every text form a secret could take: as is, base64 at each byte alignment, base64url, URL-encoded, hex. */
function encodings(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("hex")]);
  for (let pad = 0; pad < 3; pad++) {
    // Inside a larger base64 blob the secret's encoding depends on its offset; drop the edge characters that
    // mix with neighbouring bytes.
    const b64 = Buffer.concat([Buffer.alloc(pad, 0x20), Buffer.from(secret)]).toString("base64");
    const core = b64.slice(pad === 0 ? 0 : Math.ceil((pad * 4) / 3) + 1, -4);
    out.add(core);
    out.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...out].filter((v) => v.length >= 8);
}

/** Which secret-derived strings occur in `text` (empty when none). */
function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => encodings(s).filter((e) => text.includes(e)).map((e) => (e === s ? `"${s.slice(0, 4)}…" literally` : `"${s.slice(0, 4)}…" encoded as ${e.slice(0, 12)}…`)));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

interface Method {
  name: string;
  /** Plain and secret stack config for this method. */
  config(cloud: TestCloud): Promise<{ plain: Record<string, string>; secret: Record<string, string>; secrets: string[] }>;
}

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
    it(`keeps the ${method.name} out of state files, exports, engine output and error messages through a failed up, up, refresh and destroy`, async () => {
      const { plain, secret, secrets } = await method.config(cloud);
      const spec: ProgramSpec = {
        policies: [
          {
            resource: "guarded",
            args: { name: `guarded-${method.name.replace(/ /g, "-")}`, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } },
            associations: [{ resource: "guarded-servers", serverIds: webServers(cloud, 2) }],
          },
        ],
      };
      const stack = await EngineStack.create({ project: `secrets-${method.name.replace(/ /g, "-")}`, files: programFiles(spec) });
      stacks.push(stack);
      for (const [k, v] of Object.entries(plain)) await stack.cli(["config", "set", "--plaintext", k, v], { check: true });
      for (const [k, v] of Object.entries(secret)) await stack.cli(["config", "set", "--secret", k, v], { check: true });

      const runs: Array<[string, EngineResult]> = [];
      // A service that echoes the credential back in its error (some Keystone and gateway errors quote the request).
      const echoed = secrets.map((s) => `${s} ${Buffer.from(s).toString("base64")}`).join(" ");
      await admin(cloud, "POST", "/faults", {
        rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", status: 400, count: 1, body: { error_code: "CSBS.9999", error_msg: `request rejected, it carried ${echoed}` } }],
      });
      runs.push(["failed up", await stack.up()]);
      await admin(cloud, "DELETE", "/faults");
      assert.notEqual(runs[0]![1].code, 0, "the echoing error fails the up");
      assert.match(runs[0]![1].output, /CSBS\.9999/, "the user still sees the service's error code");
      runs.push(["up", await stack.up()]);
      runs.push(["refresh", await stack.refresh()]);
      // Not --show-secrets: the engine keeps the stack config (secrets encrypted) as the inputs of the default
      // pulumi-nodejs provider, and --show-secrets would decrypt that on purpose.
      const exported = await stack.cli(["stack", "export"], { check: true });
      runs.push(["destroy", await stack.destroy()]);
      for (const [name, r] of runs.slice(1)) assert.equal(r.code, 0, `${name}:\n${r.output.slice(-2000)}`);

      for (const [name, r] of runs) assert.deepEqual(leaks(r.output, secrets), [], `the engine's output of ${name}`);
      assert.deepEqual(leaks(exported.output, secrets), [], "stack export (taken before destroy)");
      assert.ok(stack.stateFileText().length > 0, "the state file exists");
      const files = [...filesUnder(stack.stateDir), ...filesUnder(stack.dir).filter((f) => !f.includes("node_modules"))];
      assert.ok(files.some((f) => f.includes(`${path.sep}history${path.sep}`) || f.includes(".bak")), "history or backup files were searched too");
      for (const f of files) assert.deepEqual(leaks(fs.readFileSync(f, "latin1"), secrets), [], f);
    });
  }

  it("never echoes a credential from a malformed Keystone request body in the local cloud's error", async () => {
    for (const body of [`{"auth":{"identity":{"password":{"user":{"password":${PASSWORD}}}}}}`, PASSWORD, `password=${PASSWORD}`]) {
      const r = await request("POST", `${cloud.authUrl}/auth/tokens`, { rawBody: body, headers: { "content-type": "application/json" } });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(leaks(r.text, [PASSWORD]).concat(r.text.includes(PASSWORD.slice(0, 8)) ? ["a prefix of the password"] : []), [], r.text);
    }
  });
});
