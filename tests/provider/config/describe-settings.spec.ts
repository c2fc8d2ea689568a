import assert from "node:assert/strict";
import { describeSettings, secretValues } from "../../../provider/config/describe-settings";
import { resolveSettings } from "../../../provider/config/resolve-settings";

describe("describeSettings and secretValues", () => {
  const settings = resolveSettings({
    config: (k) => ({ "csbs:token": "tok-SECRET-1", "csbs:cacert": "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n" } as Record<string, string>)[k],
    env: { OS_AUTH_URL: "http://k/v3", OS_PROJECT_ID: "p1", OS_PASSWORD: "pw-SECRET-2" },
  });

  it("prints each field with its source and secrets as [secret]", () => {
    const text = describeSettings(settings);
    assert.match(text, /^authMethod=token$/m);
    assert.match(text, /^authUrl=http:\/\/k\/v3 \(OS_AUTH_URL\)$/m);
    assert.match(text, /^token=\[secret\] \(stack config csbs:token\)$/m);
    assert.match(text, /^password=\[secret\] \(OS_PASSWORD\)$/m);
    assert.match(text, /^cacert=\[PEM, \d+ chars\]/m);
    assert.doesNotMatch(text, /SECRET|BEGIN/);
  });

  it("lists the secret values for scrubbing", () => {
    assert.deepEqual(secretValues(settings).sort(), ["pw-SECRET-2", "tok-SECRET-1"]);
  });
});
