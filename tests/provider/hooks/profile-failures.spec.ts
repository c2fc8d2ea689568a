import * as assert from "node:assert/strict";
import { ProfileConfigError, UndefinedProfileError } from "../../../provider/config/profile-source";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import { profileSettingsNote, undefinedProfileFailure } from "../../../provider/hooks/profile-failures";

describe("what check says about a profile", () => {
  it("fails an undefined profile at `profile` with profile.notDefined, listing the profiles there are", () => {
    const failure = undefinedProfileFailure(new UndefinedProfileError("berlin", ["paris", "amsterdam"]));
    assert.equal(failure?.rule, "profile.notDefined");
    assert.equal(failure?.path, "profile");
    assert.match(failure?.message ?? "", /^`profile` is "berlin": profile "berlin" is not in the stack config \(its profiles are "amsterdam", "paris"\)/);
    assert.equal(undefinedProfileFailure(new ProfileConfigError("csbs:profiles is not an object")), undefined);
    assert.equal(undefinedProfileFailure(new Error("other")), undefined);
  });

  it("names a profile's settings and their sources after a refused connection, secrets as [secret]", () => {
    const config: Record<string, string> = {
      "csbs:authUrl": "http://k/v3",
      "csbs:userName": "alice",
      "csbs:projectName": "demo",
      "csbs:profiles": JSON.stringify({ ams: { password: "Sup3r-secret-ams", region: "RegionTwo" } }),
    };
    const settings = resolveSettings({ config: (k) => config[k], env: {}, profile: "ams" });
    const note = profileSettingsNote(settings);
    assert.match(note, /^ \(profile "ams": authMethod=password, authUrl=http:\/\/k\/v3 \(stack config csbs:authUrl\), region=RegionTwo \(stack config csbs:profiles\.ams\.region\)/);
    assert.match(note, /password=\[secret\] \(stack config csbs:profiles\.ams\.password\)/);
    assert.doesNotMatch(note, /Sup3r/);
    assert.equal(profileSettingsNote(resolveSettings({ config: (k) => ({ ...config, "csbs:password": "x" })[k], env: {} })), "", "nothing for the stack-wide settings");
    assert.equal(profileSettingsNote(undefined), "");
  });
});
