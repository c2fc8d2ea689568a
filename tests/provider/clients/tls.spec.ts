import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHttpClient } from "../../../provider/clients/http";
import { loadCa } from "../../../provider/clients/tls";
import { TransportError } from "../../../provider/clients/transport-error";
import { fakeClock } from "./support/fake-clock";
import { json, startTestServer, type TestServer } from "./support/test-server";
import { makeThrowawayCa, type ThrowawayCa } from "./support/throwaway-ca";

describe("TLS verification against a local HTTPS server with a throwaway CA", function () {
  this.timeout(20_000);
  let ca: ThrowawayCa;
  let server: TestServer;

  before(async () => {
    ca = makeThrowawayCa();
    server = await startTestServer((_req, res) => json(res, 200, { ok: true }), { key: ca.serverKeyPem, cert: ca.serverCertPem });
  });
  after(async () => {
    await server?.close();
    ca?.remove();
  });

  it("refuses a certificate from an unknown authority by default, saying how to fix it, without retrying", async () => {
    const http = createHttpClient({ clock: fakeClock().clock });
    await assert.rejects(http.request({ service: "Keystone", method: "GET", url: `${server.url}/v3` }), (err: TransportError) => {
      assert.ok(err instanceof TransportError);
      assert.equal(err.attempts, 1);
      assert.match(
        err.message,
        new RegExp(`TLS verification failed for ${server.url.replace(/\./g, "\\.")}: the certificate is signed by an unknown authority; set csbs:cacert \\(or OS_CACERT\\) to the CA bundle, or csbs:insecure=true for testing only`),
      );
      return true;
    });
  });

  it("trusts the CA given as a file path", async () => {
    const http = createHttpClient({ tls: { cacert: ca.caCertPath } });
    assert.deepEqual((await http.request({ service: "Keystone", method: "GET", url: `${server.url}/v3` })).body, { ok: true });
  });

  it("trusts the CA given as PEM text", async () => {
    const http = createHttpClient({ tls: { cacert: ca.caCertPem } });
    assert.equal((await http.request({ service: "Keystone", method: "GET", url: `${server.url}/v3` })).status, 200);
  });

  it("still refuses when a different CA is given", async () => {
    const other = makeThrowawayCa("another CA");
    try {
      const http = createHttpClient({ tls: { cacert: other.caCertPath } });
      await assert.rejects(http.request({ service: "Keystone", method: "GET", url: `${server.url}/v3` }), /unknown authority/);
    } finally {
      other.remove();
    }
  });

  it("skips verification when insecure is set", async () => {
    const http = createHttpClient({ tls: { insecure: true } });
    assert.equal((await http.request({ service: "Keystone", method: "GET", url: `${server.url}/v3` })).status, 200);
  });

  it("explains a cacert path that cannot be read or holds no certificate", () => {
    assert.throws(() => loadCa(join(ca.dir, "missing.pem")), /cacert ".*missing\.pem" cannot be read \(ENOENT\)/);
    const notPem = join(ca.dir, "not.pem");
    writeFileSync(notPem, "hello");
    assert.throws(() => loadCa(notPem), /holds no PEM certificate/);
  });
});
