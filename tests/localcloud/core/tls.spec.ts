import assert from "node:assert/strict";
import * as fs from "node:fs";
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { request } from "../http";

describe("localcloud over HTTPS with a generated CA", function () {
  this.timeout(30000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ tls: true });
  });
  after(async () => cloud?.close());

  it("serves https on 127.0.0.1 with a certificate the exposed CA verifies", async () => {
    assert.match(cloud.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(cloud.caCertPem?.includes("BEGIN CERTIFICATE"));
    assert.equal(fs.readFileSync(cloud.caCertPath!, "utf8"), cloud.caCertPem);
    const r = await request("GET", `${cloud.authUrl}`, { ca: cloud.caCertPem! });
    assert.equal(r.status, 200);
  });

  it("is refused by a client that does not trust the CA", async () => {
    await assert.rejects(request("GET", `${cloud.authUrl}`), (e: NodeJS.ErrnoException) => /SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(`${e.code} ${e.message}`));
  });

  it("puts https URLs in the catalog", async () => {
    const r = await request("POST", `${cloud.authUrl}/auth/tokens`, {
      ca: cloud.caCertPem!,
      body: {
        auth: {
          identity: { methods: ["password"], password: { user: { name: "demo", domain: { name: "Default" }, password: "demo" } } },
          scope: { project: { name: "demo", domain: { name: "Default" } } },
        },
      },
    });
    assert.equal(r.status, 201);
    const catalog = (r.body as { token: { catalog: Array<{ endpoints: Array<{ url: string }> }> } }).token.catalog;
    assert.ok(catalog.every((c) => c.endpoints.every((e) => e.url.startsWith(`${cloud.url}/`))));
  });
});
