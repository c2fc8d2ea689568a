/** Microversion negotiation on the wire: what Nova and Cinder answer for each way of naming a version. */
import assert from "node:assert/strict";
import { cloudPerSuite } from "../cloud-per-suite";
import { request, type Reply } from "../http";

describe("localcloud microversions (Nova and Cinder)", function () {
  this.timeout(30000);
  const ctx = cloudPerSuite();
  const server = (headers: Record<string, string>) => {
    const id = ctx.cloud.fixtures.projects.find((p) => p.name === "demo")!.servers.find((s) => s.name === "web-000")!.id;
    return request("GET", `${ctx.cloud.url}/compute/v2.1/servers/${id}`, { token: ctx.demo.token, headers });
  };
  const flavor = (r: Reply) => (r.body as { server: { flavor: Record<string, unknown> } }).server.flavor;

  it("serves 2.1 without a header: flavor {id, links}, and says so in both version headers", async () => {
    const r = await server({});
    assert.equal(r.status, 200);
    assert.equal(r.headers["openstack-api-version"], "compute 2.1");
    assert.equal(r.headers["x-openstack-nova-api-version"], "2.1");
    assert.match(String(r.headers.vary), /OpenStack-API-Version/);
    assert.deepEqual(Object.keys(flavor(r)).sort(), ["id", "links"]);
  });

  it("reads OpenStack-API-Version and the older X-OpenStack-Nova-API-Version, and `latest` is the largest version", async () => {
    assert.equal((await server({ "openstack-api-version": "compute 2.47" })).headers["openstack-api-version"], "compute 2.47");
    assert.equal(flavor(await server({ "x-openstack-nova-api-version": "2.47" })).original_name, "s3.large.2");
    assert.equal((await server({ "openstack-api-version": "compute latest" })).headers["openstack-api-version"], "compute 2.79");
    // A header naming another service leaves Nova at its minimum.
    assert.equal((await server({ "openstack-api-version": "volume 3.50" })).headers["openstack-api-version"], "compute 2.1");
  });

  it("answers 406 outside 2.1–2.79 and 400 for a version that is not major.minor, in Nova's fault format", async () => {
    for (const v of ["2.80", "2.0", "3.1"]) {
      const r = await server({ "openstack-api-version": `compute ${v}` });
      assert.equal(r.status, 406, v);
      assert.match(JSON.stringify(r.body), /is not supported by the API\. Minimum is 2\.1 and maximum is 2\.79/);
    }
    const bad = await server({ "openstack-api-version": "compute 2.x" });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /invalid format/);
  });

  it("shows locked_reason from 2.73 only", async () => {
    const at72 = (await server({ "openstack-api-version": "compute 2.72" })).body as { server: Record<string, unknown> };
    const at73 = (await server({ "openstack-api-version": "compute 2.73" })).body as { server: Record<string, unknown> };
    assert.ok(!("locked_reason" in at72.server));
    assert.equal(at73.server.locked_reason, null);
  });

  it("names the Cinder version on volume replies (3.0 without a header) and refuses versions above 3.70 with 406", async () => {
    const url = `${ctx.cloud.url}/volume/v3/${ctx.demo.projectId}/volumes`;
    assert.equal((await request("GET", url, { token: ctx.demo.token })).headers["openstack-api-version"], "volume 3.0");
    assert.equal((await request("GET", url, { token: ctx.demo.token, headers: { "openstack-api-version": "volume 3.60" } })).headers["openstack-api-version"], "volume 3.60");
    assert.equal((await request("GET", url, { token: ctx.demo.token, headers: { "openstack-api-version": "volume 3.71" } })).status, 406);
  });
});
