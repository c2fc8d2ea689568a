import * as assert from "node:assert/strict";
import { credentialsFromSettings, identityKey } from "../../../provider/clients/credentials";
import { resolveSettings } from "../../../provider/config/resolve-settings";

const AUTH = { OS_AUTH_URL: "https://iam.example/v3" };
const settings = (env: Record<string, string>) => resolveSettings({ config: () => undefined, env: { ...AUTH, ...env }, cloudsYamlPaths: [], secureYamlPaths: [] });

describe("Keystone credentials from settings", () => {
  it("builds a password identity by user name, the domains defaulting to Default, scoped to the project by name", () => {
    const c = credentialsFromSettings(settings({ OS_USERNAME: "demo", OS_PASSWORD: "pw", OS_PROJECT_NAME: "web" }));
    assert.deepEqual(c, {
      identity: { method: "password", userName: "demo", userDomain: { name: "Default" }, password: "pw" },
      project: { name: "web", domain: { name: "Default" } },
    });
  });

  it("prefers ids over names, for the user, the domains and the project", () => {
    const c = credentialsFromSettings(settings({ OS_USER_ID: "u1", OS_PASSWORD: "pw", OS_PROJECT_ID: "p1", OS_PROJECT_NAME: "web" }));
    assert.deepEqual(c, { identity: { method: "password", userId: "u1", password: "pw" }, project: { id: "p1" } });
  });

  it("builds token and application-credential identities; an application credential carries no project", () => {
    assert.deepEqual(credentialsFromSettings(settings({ OS_TOKEN: "tok", OS_PROJECT_ID: "p1" })), { identity: { method: "token", token: "tok" }, project: { id: "p1" } });
    const byId = credentialsFromSettings(settings({ OS_AUTH_TYPE: "v3applicationcredential", OS_APPLICATION_CREDENTIAL_ID: "ac", OS_APPLICATION_CREDENTIAL_SECRET: "s" }));
    assert.deepEqual(byId, { identity: { method: "application_credential", id: "ac", secret: "s" } });
  });

  it("keys a token by auth URL, identity, project and a hash of the secret, never the secret itself", () => {
    const key = (env: Record<string, string>, url = AUTH.OS_AUTH_URL) => identityKey(url, credentialsFromSettings(settings(env)));
    const alice = { OS_USERNAME: "alice", OS_PASSWORD: "hunter2-secret", OS_PROJECT_NAME: "web" };
    assert.equal(key(alice), key(alice, "https://iam.example/"), "the auth URL is compared as Keystone's v3 URL");
    assert.notEqual(key(alice), key({ ...alice, OS_PASSWORD: "other" }));
    assert.notEqual(key(alice), key({ ...alice, OS_PROJECT_NAME: "db" }));
    assert.ok(!key(alice).includes("hunter2-secret"));
  });
});
