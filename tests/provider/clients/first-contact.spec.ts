import * as assert from "node:assert/strict";
import { FIRST_CONTACT_ATTEMPTS, FirstContact } from "../../../provider/clients/first-contact";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5000"), { code: "ECONNREFUSED" });
const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

describe("first contact with a host", () => {
  it("allows 2 attempts for a refused connection to a host that never answered", () => {
    assert.equal(FIRST_CONTACT_ATTEMPTS, 2);
    assert.equal(new FirstContact().maxAttempts("http://127.0.0.1:5000/v3/auth/tokens", refused, 8), 2);
  });

  it("gives a host that answered once the policy's attempts again (a restart, not a wrong URL)", () => {
    const contact = new FirstContact();
    contact.noteAnswered("http://127.0.0.1:5000/v3/auth/tokens");
    assert.equal(contact.maxAttempts("http://127.0.0.1:5000/csbs/v1/p/policies", refused, 8), 8);
    assert.equal(contact.maxAttempts("http://127.0.0.1:5001/csbs/v1/p/policies", refused, 8), 2, "another port is another host");
  });

  it("leaves failures other than a refused connection to the policy", () => {
    assert.equal(new FirstContact().maxAttempts("http://127.0.0.1:5000/", reset, 8), 8);
    assert.equal(new FirstContact().maxAttempts("http://127.0.0.1:5000/", refused, 1), 1);
  });
});
