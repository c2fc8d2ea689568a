import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startCli, type CliCloud } from "../cli-process";
import { ADMIN_HEADERS } from "../../support/cloud";
import { request, type Reply } from "../http";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async function login(cli: CliCloud, user: string, password: string, project: string): Promise<{ token: string; projectId: string }> {
  const r = await request("POST", `${cli.authUrl}/auth/tokens`, {
    body: {
      auth: {
        identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } },
        scope: { project: { name: project, domain: { name: "Default" } } },
      },
    },
  });
  assert.equal(r.status, 201, r.text);
  return { token: String(r.headers["x-subject-token"]), projectId: (r.body as { token: { project: { id: string } } }).token.project.id };
}

function ok(r: Reply, what: string): Reply {
  assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`);
  return r;
}

describe("localcloud persistence: every acknowledged write survives kill -9 and restart", function () {
  this.timeout(60000);
  let dir: string;
  let cli: CliCloud | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lc-persist-"));
  });
  afterEach(async () => {
    if (cli && cli.child.exitCode === null) {
      cli.child.kill("SIGKILL");
      await cli.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps fixtures, tokens, revocations, application credentials, the clock and a CSBS policy", async () => {
    cli = await startCli(["--port", "0", "--state-dir", dir]);
    ok(
      await request("POST", `${cli.adminUrl}/fixtures`, { headers: { ...ADMIN_HEADERS },
        body: { projects: [{ name: "durable", users: [{ name: "dora", password: "dorapw", roles: ["member"] }], servers: [{ name: "keep-0", status: "SHUTOFF" }] }] },
      }),
      "fixtures",
    );
    const kept = await login(cli, "dora", "dorapw", "durable");
    const revoked = await login(cli, "dora", "dorapw", "durable");
    ok(await request("DELETE", `${cli.authUrl}/auth/tokens`, { token: kept.token, headers: { "x-subject-token": revoked.token } }), "revoke");
    const acReply = ok(await request("POST", `${cli.adminUrl}/app-credentials`, { headers: { ...ADMIN_HEADERS }, body: { user: "dora", name: "ci", secret: "ci-secret-123" } }), "app credential");
    const acId = (acReply.body as { application_credential: { id: string } }).application_credential.id;
    ok(await request("POST", `${cli.adminUrl}/clock`, { headers: { ...ADMIN_HEADERS }, body: { set: "2030-05-06T07:08:09Z" } }), "clock");
    const created = ok(
      await request("POST", `${cli.url}/csbs/v1/${kept.projectId}/policies`, {
        token: kept.token,
        body: {
          policy: {
            name: "survivor",
            provider_id: "fc4d5750-22e7-4798-8a46-f48f62c4c1da",
            parameters: { common: {} },
            resources: [],
            scheduled_operations: [
              { enabled: true, operation_type: "backup", operation_definition: { max_backups: 3 }, trigger: { properties: { pattern: PATTERN } } },
            ],
          },
        },
      }),
      "policy create",
    );
    const policyId = (created.body as { policy: { id: string } }).policy.id;

    cli.child.kill("SIGKILL");
    assert.equal(await cli.exited, "SIGKILL");

    cli = await startCli(["--port", "0", "--state-dir", dir]);
    const servers = ok(await request("GET", `${cli.url}/compute/v2.1/servers/detail`, { token: kept.token }), "token after restart");
    assert.deepEqual((servers.body as { servers: Array<{ name: string; status: string }> }).servers.map((s) => [s.name, s.status]), [["keep-0", "SHUTOFF"]]);
    assert.equal((await request("GET", `${cli.url}/compute/v2.1/servers`, { token: revoked.token })).status, 401, "a revoked token stays revoked");
    const ac = await request("POST", `${cli.authUrl}/auth/tokens`, {
      body: { auth: { identity: { methods: ["application_credential"], application_credential: { id: acId, secret: "ci-secret-123" } } } },
    });
    assert.equal(ac.status, 201, ac.text);
    const clock = (await request("GET", `${cli.adminUrl}/clock`)).body as { now: string };
    const drift = Date.parse(clock.now) - Date.parse("2030-05-06T07:08:09Z");
    assert.ok(drift >= 0 && drift < 60000, `the clock continues from where it was set (drift ${drift} ms)`);
    const policy = await request("GET", `${cli.url}/csbs/v1/${kept.projectId}/policies/${policyId}`, { token: kept.token });
    assert.equal(policy.status, 200, policy.text);
    assert.equal((policy.body as { policy: { name: string } }).policy.name, "survivor");
  });

  it("keeps the default fixtures' ids across restarts, so saved ids stay valid", async () => {
    cli = await startCli(["--port", "0", "--state-dir", dir]);
    const a = await login(cli, "demo", "demo", "demo");
    const before = (await request("GET", `${cli.url}/compute/v2.1/servers?name=%5Eweb-042%24`, { token: a.token })).body as { servers: Array<{ id: string }> };
    cli.child.kill("SIGKILL");
    await cli.exited;
    cli = await startCli(["--port", "0", "--state-dir", dir]);
    const after = (await request("GET", `${cli.url}/compute/v2.1/servers?name=%5Eweb-042%24`, { token: a.token })).body as { servers: Array<{ id: string }> };
    assert.deepEqual(after.servers.map((s) => s.id), before.servers.map((s) => s.id));
    assert.equal(after.servers.length, 1);
  });
});
