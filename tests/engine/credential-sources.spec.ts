/**
 * Where a credential may come from, and what reaches the state: the engine stores the whole stack config as the
 * inputs of the default provider, so a credential in plain stack config is refused at preview; `OS_*` variables
 * and clouds.yaml/secure.yaml never reach the state, not even as ciphertext (`stack export --show-secrets`).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { BASIC_SCHEDULE, configureStack, programFiles, type ProgramSpec } from "./scenarios/program";

const SPEC: ProgramSpec = { policies: [{ resource: "daily", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } }] };
const PASSWORD = "Sv9-credential-source-unguessable-4Q";

describe("credential sources and the state (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  const stacks: EngineStack[] = [];

  before(async () => {
    const fixtures = defaultFixtures();
    fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: "vault-user", password: PASSWORD, roles: ["member"] });
    cloud = await startTestCloud({ fixtures });
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  async function stack(project: string, env: Record<string, string> = {}): Promise<EngineStack> {
    const s = await EngineStack.create({ project, files: programFiles(SPEC), env });
    stacks.push(s);
    return s;
  }

  /** The state as stored, and as exported with every secret decrypted. */
  async function stateTexts(s: EngineStack): Promise<string> {
    const shown = await s.cli(["stack", "export", "--show-secrets"], { check: true });
    return `${s.stateFileText()}\n${shown.stdout}`;
  }

  it("refuses a password in plain stack config at preview, naming the setting and the --secret command", async () => {
    const s = await stack("plain-password");
    await configureStack(s, { "csbs:authUrl": cloud.authUrl, "csbs:userName": "vault-user", "csbs:projectName": "demo", "csbs:password": PASSWORD }, {});
    assert.doesNotMatch((await s.cli(["config"])).output, /\[secret\]/, "the password is really in plain config");
    const preview = await s.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /csbs:password is set in plain stack config[^\n]*`pulumi config set --secret csbs:password`/);
    assert.doesNotMatch(preview.output, new RegExp(PASSWORD));
  });

  it("keeps a password from OS_* variables out of the state, also with --show-secrets", async () => {
    const s = await stack("os-env", {
      OS_AUTH_URL: cloud.authUrl, OS_USERNAME: "vault-user", OS_PASSWORD: PASSWORD, OS_PROJECT_NAME: "demo",
      OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_DOMAIN_NAME: "Default",
    });
    const up = await s.up();
    assert.equal(up.code, 0, up.output);
    assert.doesNotMatch(await stateTexts(s), new RegExp(PASSWORD));
    assert.equal((await s.destroy()).code, 0);
  });

  it("keeps a password from secure.yaml (merged over clouds.yaml) out of the state, also with --show-secrets", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-clouds-"));
    const clouds = path.join(dir, "clouds.yaml");
    const secure = path.join(dir, "secure.yaml");
    fs.writeFileSync(clouds, `clouds:\n  local:\n    auth:\n      auth_url: ${cloud.authUrl}\n      username: vault-user\n      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n`);
    fs.writeFileSync(secure, `clouds:\n  local:\n    auth:\n      password: ${PASSWORD}\n`);
    try {
      const s = await stack("clouds-yaml", { OS_CLIENT_CONFIG_FILE: clouds, OS_CLIENT_SECURE_FILE: secure, OS_CLOUD: "local" });
      const up = await s.up();
      assert.equal(up.code, 0, up.output);
      assert.doesNotMatch(await stateTexts(s), new RegExp(PASSWORD));
      assert.equal((await s.destroy()).code, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
