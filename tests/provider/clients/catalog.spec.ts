import assert from "node:assert/strict";
import { endpointFor, expandProjectId, SERVICE_TYPES } from "../../../provider/clients/catalog";
import type { KeystoneCatalogEntry } from "../../../provider/wire/keystone";

const catalog: KeystoneCatalogEntry[] = [
  {
    type: "compute",
    endpoints: [
      { interface: "public", region: "RegionOne", url: "https://one/compute/v2.1/" },
      { interface: "internal", region: "RegionOne", url: "http://internal/compute/v2.1" },
      { interface: "public", region: "RegionTwo", url: "https://two/compute/v2.1" },
    ],
  },
  { type: "volumev2", endpoints: [{ interface: "public", region: "RegionOne", url: "https://one/volume/v2/%(project_id)s" }] },
  { type: "data-protect", endpoints: [{ interface: "public", region: "RegionOne", url: "https://one/csbs/v1/$(tenant_id)s" }] },
];

describe("endpointFor", () => {
  it("picks the public endpoint of the first region by default, without a trailing slash", () => {
    assert.equal(endpointFor(catalog, "compute"), "https://one/compute/v2.1");
  });

  it("honours the region and the interface", () => {
    assert.equal(endpointFor(catalog, "compute", { region: "RegionTwo" }), "https://two/compute/v2.1");
    assert.equal(endpointFor(catalog, "compute", { interface: "internal" }), "http://internal/compute/v2.1");
  });

  it("falls back from volumev3 to volumev2 when the cloud only offers v2", () => {
    assert.equal(endpointFor(catalog, SERVICE_TYPES.volumev3), "https://one/volume/v2/%(project_id)s");
  });

  it("names the available types when the service is missing", () => {
    assert.throws(() => endpointFor(catalog, "identity"), /no "identity" service \(available types: compute, data-protect, volumev2\)/);
  });

  it("names the offered regions when the region has no endpoint", () => {
    assert.throws(() => endpointFor(catalog, "compute", { region: "RegionNine" }), (err: Error) => {
      assert.match(err.message, /region "RegionNine"/);
      assert.match(err.message, /RegionOne, RegionTwo/);
      return true;
    });
  });
});

describe("expandProjectId", () => {
  it("fills every spelling of the project id template", () => {
    for (const t of ["{project_id}", "$(project_id)s", "%(project_id)s", "$(tenant_id)s", "{tenant_id}"]) {
      assert.equal(expandProjectId(`https://h/csbs/v1/${t}/`, "p1"), "https://h/csbs/v1/p1", t);
    }
  });

  it("leaves a URL without a template unchanged", () => {
    assert.equal(expandProjectId("https://h/compute/v2.1", "p1"), "https://h/compute/v2.1");
  });
});
