import assert from "node:assert/strict";
import { request } from "../http";
import { passwordAuthBody } from "../../support/password-auth";
import { runCli, startCli } from "../cli-process";

describe("csbs-localcloud command", function () {
  this.timeout(30000);

  it("prints its options with --help and exits 0", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    for (const opt of ["--port", "--host", "--state-dir", "--fixtures", "--token-ttl", "--tls", "--keystone-url", "--admin-secret"]) {
      assert.ok(r.stdout.includes(opt), opt);
    }
  });

  it("lists the servers' ids with --servers, the same ones a started cloud serves, with no token or curl", async () => {
    const listed = await runCli(["--servers"]);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout.trim().split("\n").slice(1).map((l) => l.split("\t"));
    const web0 = rows.find(([project, name]) => project === "demo" && name === "web-000");
    assert.ok(web0, listed.stdout);
    assert.ok(rows.length > 100, `${rows.length} servers`);
    const cli = await startCli(["--port", "0"]);
    try {
      const token = await request("POST", `${cli.authUrl}/auth/tokens`, { rawBody: passwordAuthBody("demo", "demo", "demo"), headers: { "content-type": "application/json" } });
      const served = await request("GET", `${cli.authUrl.replace(/\/identity\/v3$/, "")}/compute/v2.1/servers/${web0[2]}`, { token: String(token.headers["x-subject-token"]) });
      assert.equal(served.status, 200, JSON.stringify(served.body));
    } finally {
      cli.child.kill("SIGTERM");
    }
    await cli.exited;
  });

  it("lists one region's servers with --servers --region, the ids that region's endpoints serve", async () => {
    const listed = await runCli(["--servers", "--region", "RegionTwo"]);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout.trim().split("\n").slice(1).map((l) => l.split("\t"));
    assert.deepEqual(rows.map(([, name]) => name), Array.from({ length: 10 }, (_, i) => `r2-web-00${i}`));
    const cli = await startCli(["--port", "0"]);
    try {
      assert.match(cli.output(), /regions: RegionOne \(http:\/\/127\.0\.0\.1:\d+\), RegionTwo \(http:\/\/127\.0\.0\.1:\d+\/regions\/RegionTwo\)/);
      const token = await request("POST", `${cli.authUrl}/auth/tokens`, { rawBody: passwordAuthBody("demo", "demo", "demo"), headers: { "content-type": "application/json" } });
      const auth = { token: String(token.headers["x-subject-token"]) };
      assert.equal((await request("GET", `${cli.url}/regions/RegionTwo/compute/v2.1/servers/${rows[0]![2]}`, auth)).status, 200);
      assert.equal((await request("GET", `${cli.url}/compute/v2.1/servers/${rows[0]![2]}`, auth)).status, 404);
    } finally {
      cli.child.kill("SIGTERM");
    }
    await cli.exited;
  });

  it("serves the regions --regions names, and refuses --servers --region for a region it lacks", async () => {
    const r = await runCli(["--servers", "--regions", "Paris,Amsterdam", "--region", "RegionTwo"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--region is "RegionTwo": the cloud's regions are Paris, Amsterdam/);
    const ams = await runCli(["--servers", "--regions", "Paris,Amsterdam", "--region", "Amsterdam"]);
    assert.equal(ams.code, 0, ams.stderr);
    assert.match(ams.stdout, /demo\tr2-web-000\t/);
    const bad = await runCli(["--servers", "--regions", "Paris,bad/name"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /region "bad\/name"/);
  });

  it("refuses an unknown option or a bad port with exit 2 and a message that names it", async () => {
    const unknown = await runCli(["--bogus"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /bogus/);
    const port = await runCli(["--port", "99999"]);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port is "99999"/);
  });

  it("refuses a fixtures file that does not exist, naming it", async () => {
    const r = await runCli(["--port", "0", "--fixtures", "/nonexistent/fixtures.json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/nonexistent\/fixtures\.json/);
  });

  it("prints the auth URL and the users when ready, serves it, and exits 0 on SIGTERM", async () => {
    const cli = await startCli(["--port", "0"]);
    try {
      assert.match(cli.authUrl, /^http:\/\/127\.0\.0\.1:\d+\/identity\/v3$/);
      assert.match(cli.output(), /demo\/demo/);
      const r = await request("GET", cli.authUrl);
      assert.equal(r.status, 200);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
  });

  it("exits 0 on SIGINT", async () => {
    const cli = await startCli(["--port", "0"]);
    cli.child.kill("SIGINT");
    assert.equal(await cli.exited, 0);
  });
});
