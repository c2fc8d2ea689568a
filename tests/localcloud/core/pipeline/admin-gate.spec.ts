/**
 * The admin API refuses what a web page can send cross-site without a CORS preflight (a "simple" request:
 * a text/plain or form POST with no custom header), and serves the same call when it carries the
 * X-LocalCloud-Admin header and a JSON body. Real HTTP against a running cloud.
 */
import assert from "node:assert/strict";
import { ADMIN_HEADERS, startTestCloud, type TestCloud } from "../../../support/cloud";
import { cloudRoutes, fillPattern } from "../../hostile/cloud-routes";
import { request } from "../../http";

async function clockNow(cloud: TestCloud): Promise<number> {
  return Date.parse(((await request("GET", `${cloud.adminUrl}/clock`)).body as { now: string }).now);
}

/** The cloud's clock also follows real time: "unchanged" means it did not jump by the day a refused call asked for. */
const HOUR = 3600_000;

describe("localcloud admin gate: admin writes need a custom header and a JSON body", function () {
  this.timeout(30000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ clock: { start: "2030-01-01T00:00:00Z" } });
  });
  after(async () => cloud?.close());

  it("refuses a cross-site text/plain POST (no custom header) with 403 and leaves the clock where it was", async () => {
    const before = await clockNow(cloud);
    const r = await request("POST", `${cloud.adminUrl}/clock`, { rawBody: '{"advanceSeconds": 86400}', headers: { "content-type": "text/plain" } });
    assert.equal(r.status, 403);
    assert.match((r.body as { error: { message: string } }).error.message, /X-LocalCloud-Admin/);
    assert.ok((await clockNow(cloud)) - before < HOUR, "the clock did not advance by a day");
  });

  it("refuses a POST that has the header but sends its body as text/plain or form data (415)", async () => {
    const before = await clockNow(cloud);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const r = await request("POST", `${cloud.adminUrl}/clock`, { rawBody: '{"advanceSeconds": 86400}', headers: { ...ADMIN_HEADERS, "content-type": type } });
      assert.equal(r.status, 415, type);
      assert.match((r.body as { error: { message: string } }).error.message, /application\/json/);
    }
    assert.ok((await clockNow(cloud)) - before < HOUR, "the clock did not advance by a day");
  });

  it("refuses every admin write route without the header, whatever its body, and changes no state", async () => {
    const writes = cloudRoutes(cloud).filter((r) => r.service === "admin" && r.method !== "GET");
    assert.ok(writes.length >= 6, `only ${writes.length} admin write routes`);
    const state = async () => {
      const { collections } = (await request("GET", `${cloud.adminUrl}/state`)).body as { collections: Record<string, unknown> };
      delete collections["csbs.scheduler"]; // the scheduler's cursor follows real time
      return JSON.stringify(collections);
    };
    const before = await state();
    for (const route of writes) {
      const url = `${cloud.url}${fillPattern(route.pattern, {}, () => "x")}`;
      // The length is declared: node:http would send a DELETE body unframed.
      const r = await request(route.method, url, { rawBody: "{}", headers: { "content-type": "text/plain", "content-length": "2" } });
      assert.equal(r.status, 403, `${route.method} ${route.pattern}`);
    }
    assert.equal(await state(), before);
  });

  it("serves the same write with the header and a JSON body, and reads without either", async () => {
    const before = await clockNow(cloud);
    const r = await request("POST", `${cloud.adminUrl}/clock`, { headers: { ...ADMIN_HEADERS }, body: { advanceSeconds: 86400 } });
    assert.equal(r.status, 200);
    assert.ok((await clockNow(cloud)) - before >= 24 * HOUR, "the clock advanced by a day");
    assert.equal((await request("DELETE", `${cloud.adminUrl}/requests`, { headers: { ...ADMIN_HEADERS } })).status, 204);
    assert.equal((await request("DELETE", `${cloud.adminUrl}/requests`)).status, 403);
    assert.equal((await request("GET", `${cloud.adminUrl}/requests`)).status, 200);
  });
});

describe("localcloud admin gate with an admin secret", function () {
  this.timeout(20000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ adminSecret: "let-me-in" });
  });
  after(async () => cloud?.close());

  it("takes the secret header in place of X-LocalCloud-Admin on writes, and still wants a JSON body", async () => {
    const secret = { "x-localcloud-admin-secret": "let-me-in" };
    assert.equal((await request("POST", `${cloud.adminUrl}/clock`, { headers: secret, body: { advanceSeconds: 1 } })).status, 200);
    assert.equal((await request("POST", `${cloud.adminUrl}/clock`, { headers: { ...secret, "content-type": "text/plain" }, rawBody: '{"advanceSeconds": 1}' })).status, 415);
    assert.equal((await request("POST", `${cloud.adminUrl}/clock`, { headers: { ...ADMIN_HEADERS }, body: { advanceSeconds: 1 } })).status, 403);
  });
});
