import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ensureDebianPackages } from "../../support/debian";
import { advance, createPolicy, settings } from "../../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest } from "../lookup-cloud";
import { demoEnv, PULUMI_CSBS } from "./cli-run";

const run = promisify(execFile);

/**
 * Runs the command in a detached tmux session of 100x30 cells; the screen is read with capture-pane.
 * Each screen has a tmux server of its own (its own socket): with the shared default server, a session
 * started just after the last one was killed can reach the server while it exits ("server exited unexpectedly").
 */
class TmuxScreen {
  readonly name = `csbs-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-tmux-"));
  private readonly socket = path.join(this.dir, "sock");

  private tmux(args: string[]): Promise<{ stdout: string }> {
    return run("tmux", ["-S", this.socket, ...args]);
  }

  async start(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
    const dir = this.dir;
    const script = path.join(dir, "run.sh");
    const exports = Object.entries(env).filter(([k]) => /^(OS_|NO_COLOR$|PATH$|HOME$)/.test(k))
      .map(([k, v]) => `export ${k}='${String(v).replace(/'/g, "'\\''")}'`);
    const command = [process.execPath, PULUMI_CSBS, ...args].map((a) => `'${a}'`).join(" ");
    fs.writeFileSync(script, `${exports.join("\n")}\nexport TERM=xterm-256color\n${command}\necho "EXIT=$?"\nsleep 600\n`);
    await this.tmux(["new-session", "-d", "-s", this.name, "-x", "100", "-y", "30", `bash ${script}`]);
  }

  /** The visible screen; with `escapes`, including the colour sequences. */
  async capture(escapes = false): Promise<string> {
    const { stdout } = await this.tmux(["capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", this.name]);
    return stdout;
  }

  async waitFor(pattern: RegExp, escapes = false): Promise<string> {
    let screen = "";
    for (let i = 0; i < 300; i++) {
      screen = await this.capture(escapes);
      if (pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the screen never showed ${pattern}:\n${screen}`);
  }

  async stop(): Promise<void> {
    await this.tmux(["kill-server"]).catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

describe("pulumi-csbs on a real terminal (tmux)", function () {
  this.timeout(180_000);
  before(() => ensureDebianPackages(["tmux"]));
  const ctx = lookupCloudPerTest();
  let screen: TmuxScreen;
  beforeEach(() => (screen = new TmuxScreen()));
  afterEach(() => screen.stop());

  it("shows one live line per server while backup-now --wait runs, then a tick per available backup", async () => {
    await settings(ctx.cloud, { protectSeconds: 600 });
    await createPolicy(ctx.demo, { name: "pair", servers: ["web-000", "web-001"] });
    await screen.start(["backup-now", "pair", "--wait", "--interval", "300ms"], demoEnv(ctx.cloud));
    const during = await screen.waitFor(/web-001: protecting/);
    assert.match(during, /web-000: protecting/);
    assert.doesNotMatch(during, /EXIT=/);
    await advance(ctx.cloud, 601);
    const after = await screen.waitFor(/EXIT=\d+/);
    assert.match(after, /✔ web-000: available/);
    assert.match(after, /✔ web-001: available/);
    assert.match(after, /2 of 2 backup\(s\) available/);
    assert.match(after, /EXIT=0/);
    // The live lines were redrawn in place: each server's line appears once on the final screen.
    assert.equal(after.match(/web-000: /g)?.length, 1, after);
  });

  it("colours the status table on a terminal and not with NO_COLOR", async () => {
    await createPolicy(ctx.demo, { name: "pair", servers: ["web-000", "web-001"] });
    await screen.start(["status", "--policy", "pair"], demoEnv(ctx.cloud));
    assert.match(await screen.waitFor(/EXIT=0/, true), /\u001b\[/);
    await screen.stop();
    screen = new TmuxScreen();
    await screen.start(["status", "--policy", "pair"], { ...demoEnv(ctx.cloud), NO_COLOR: "1" });
    const plain = await screen.waitFor(/EXIT=0/, true);
    assert.match(plain, /^SERVER\s+STATE\s+POLICY/m);
    assert.doesNotMatch(plain, /\u001b\[/);
  });
});
