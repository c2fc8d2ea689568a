/** The CSBS backup backend against the local cloud over real HTTP: a one-off backup whose create answer is lost. */
import assert from "node:assert/strict";
import { CsbsBackupBackend } from "../../../provider/backends/csbs-backup-backend";
import { CsbsClient } from "../../../provider/clients/csbs";
import { CsbsOperationsClient } from "../../../provider/clients/csbs-operations";
import { resetSessions, sessionFor } from "../../../provider/clients/session";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import { admin, startTestCloud, type TestCloud } from "../../support/cloud";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  faulted?: string;
}

const CREATE = /\/providers\/[^/]+\/resources\/[^/]+\/action$/;

describe("CSBS backup backend against the local cloud", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let backend: CsbsBackupBackend;
  let server: string;

  beforeEach(async () => {
    resetSessions();
    cloud = await startTestCloud();
    server = cloud.fixtures.projects.find((p) => p.name === "demo")!.servers.find((s) => s.name === "web-010")!.id;
    const config: Record<string, string> = { "csbs:authUrl": cloud.authUrl, "csbs:userName": "demo", "csbs:password": "demo", "csbs:projectName": "demo" };
    const session = sessionFor(resolveSettings({ config: (k) => config[k], env: {} }));
    backend = new CsbsBackupBackend(new CsbsClient(session), new CsbsOperationsClient(session));
    await admin(cloud, "POST", "/csbs/settings", { protectSeconds: 30 });
  });
  afterEach(() => cloud.close());

  const spec = () => ({ serverId: server, name: "pre-upgrade", description: "", incremental: true, tags: {} });
  const creates = async () => (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests.filter((r) => r.method === "POST" && CREATE.test(r.path));

  it("finds the backup a create started when its answer was lost, without sending the create again", async () => {
    await admin(cloud, "POST", "/faults", { rules: [{ method: "POST", path: "/providers/[^/]+/resources/[^/]+/action$", dropResponse: true, count: 1 }] });
    const started = await backend.startBackup(spec());
    const found = await backend.findBackup(started);
    assert.equal(found?.serverId, server);
    assert.equal(found?.name, "pre-upgrade");
    assert.equal(found?.status, "protecting");
    assert.deepEqual((await creates()).map((r) => r.faulted ?? ""), ["dropResponse"]);
  });

  it("passes the error on when a lost create started nothing", async () => {
    // The answer is refused before the service sees the request: no backup exists, so there is nothing to find.
    await admin(cloud, "POST", "/faults", { rules: [{ method: "POST", path: "/providers/[^/]+/resources/[^/]+/action$", status: 502, count: 1 }] });
    await assert.rejects(backend.startBackup(spec()), /502/);
    assert.deepEqual(await backend.listBackups({ serverId: server }), []);
  });
});
