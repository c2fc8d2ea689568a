import assert from "node:assert/strict";
import { request } from "../http";
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
