import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain";
import { plainProps, plainRecord } from "../../../policy-pack/src/plain-props";

/** What @pulumi/policy's props proxy throws on a value unknown in the preview. */
class ProxyUnknown extends Error {
  readonly props = ["x"];
  readonly unknownTypeSentinel = true;
}

/** A props object whose `unknown` keys throw as the proxy does. */
function proxyWith(values: Record<string, unknown>, unknown: string[]): Record<string, unknown> {
  return new Proxy(values, {
    ownKeys: () => [...Object.keys(values), ...unknown],
    getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    get: (target, key) => {
      if (typeof key === "string" && unknown.includes(key)) throw new ProxyUnknown("unknown");
      return target[key as string];
    },
  });
}

describe("plain copies of a rule's props", () => {
  it("copies every known value, at any depth, and puts the unknown sentinel where the proxy throws", () => {
    const props = proxyWith({ name: "daily", schedule: proxyWith({ times: ["02:00"] }, ["timezone"]) }, ["tags"]);
    assert.deepEqual(plainProps(props), { name: "daily", schedule: { times: ["02:00"], timezone: UNKNOWN }, tags: UNKNOWN });
  });

  it("lets any other error through, and gives an empty record for props that are not an object", () => {
    const broken = new Proxy({}, { ownKeys: () => ["a"], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }), get: () => { throw new Error("bug"); } });
    assert.throws(() => plainProps(broken), /bug/);
    assert.deepEqual(plainRecord(undefined), {});
    assert.deepEqual(plainRecord(["a"]), {});
  });
});
