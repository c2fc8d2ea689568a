import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { ensureDebianPackages } from "../../support/debian";
import { adminCall, tokenFor } from "../http";

interface TokenRow {
  id: string;
  project_id: string;
  user_id: string;
  expires: string;
}
interface CatalogRow {
  Name: string;
  Type: string;
  Endpoints: Array<{ interface: string; url: string; region: string }>;
}

/**
 * `openstack <args> -f json` with no OS_* from the environment but `secrets`; rejects with the CLI's output on failure.
 * Secrets go in the environment, never in `args`: a generated secret may begin with "-", which argparse takes for an option,
 * and `args` is printed when the call fails.
 */
function openstack<T>(args: string[], secrets: Record<string, string> = {}): Promise<T> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  Object.assign(env, secrets);
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/openstack", [...args, "-f", "json"], { env, timeout: 120000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`openstack ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

const passwordArgs = (authUrl: string, user: string, project: string) => [
  "--os-auth-url",
  authUrl,
  "--os-identity-api-version",
  "3",
  "--os-username",
  user,
  "--os-user-domain-name",
  "Default",
  "--os-project-name",
  project,
  "--os-project-domain-name",
  "Default",
  "--os-region-name",
  "RegionOne",
];

describe("Debian's openstack CLI against the built-in Keystone", function () {
  // The first run may install python3-openstackclient; each CLI call takes about a second.
  this.timeout(300000);
  let cloud: TestCloud;
  let tlsCloud: TestCloud;

  before(async () => {
    await ensureDebianPackages(["python3-openstackclient"]);
    cloud = await startTestCloud();
    tlsCloud = await startTestCloud({ tls: true });
  });
  after(async () => {
    await cloud?.close();
    await tlsCloud?.close();
  });

  it("issues a token for demo (token issue) that the cloud accepts", async () => {
    const t = await openstack<TokenRow>([...passwordArgs(cloud.authUrl, "demo", "demo"), "token", "issue"], { OS_PASSWORD: "demo" });
    const expected = await tokenFor(cloud, "demo", "demo", "demo");
    assert.equal(t.project_id, expected.projectId);
    const r = await fetch(`${cloud.url}/compute/v2.1/servers?limit=1`, { headers: { "x-auth-token": t.id } });
    assert.equal(r.status, 200);
  });

  it("lists the catalog (catalog list) with identity, compute, volumev3 and data-protect", async () => {
    const rows = await openstack<CatalogRow[]>([...passwordArgs(cloud.authUrl, "demo", "demo"), "catalog", "list"], { OS_PASSWORD: "demo" });
    const { projectId } = await tokenFor(cloud, "demo", "demo", "demo");
    const pub = (type: string) => rows.find((r) => r.Type === type)?.Endpoints.find((e) => e.interface === "public" && e.region === "RegionOne")?.url;
    assert.equal(pub("identity"), cloud.authUrl);
    assert.equal(pub("compute"), `${cloud.url}/compute/v2.1`);
    assert.equal(pub("volumev3"), `${cloud.url}/volume/v3/${projectId}`);
    assert.equal(pub("data-protect"), `${cloud.url}/csbs/v1/${projectId}`);
  });

  it("issues a token over HTTPS when given the generated CA (--os-cacert)", async () => {
    assert.ok(tlsCloud.caCertPath, "a TLS cloud exposes its CA path");
    assert.match(tlsCloud.authUrl, /^https:\/\/127\.0\.0\.1:\d+\/identity\/v3$/);
    const t = await openstack<TokenRow>(["--os-cacert", tlsCloud.caCertPath!, ...passwordArgs(tlsCloud.authUrl, "demo", "demo"), "token", "issue"], { OS_PASSWORD: "demo" });
    assert.match(t.project_id, /^[0-9a-f]{32}$/);
  });

  it("logs in with an application credential (v3applicationcredential), even one whose secret begins with \"-\"", async () => {
    // Keystone's generated secrets are URL-safe base64, so one in 64 begins with "-"; this one always does.
    const ac = (
      await adminCall<{ application_credential: { id: string; secret: string; project_id: string } }>(cloud, "POST", "/app-credentials", {
        user: "demo",
        name: "cli",
        secret: "-dash-first-secret",
      })
    ).application_credential;
    assert.equal(ac.secret, "-dash-first-secret");
    const t = await openstack<TokenRow>([
      "--os-auth-type",
      "v3applicationcredential",
      "--os-auth-url",
      cloud.authUrl,
      "--os-identity-api-version",
      "3",
      "--os-application-credential-id",
      ac.id,
      "token",
      "issue",
    ], { OS_APPLICATION_CREDENTIAL_SECRET: ac.secret });
    assert.equal(t.project_id, ac.project_id);
  });
});
