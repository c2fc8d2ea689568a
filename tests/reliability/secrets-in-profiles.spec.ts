/**
 * Issue 16 §5: secrets given only in a profile leave no trace either, through the same leak checks as the
 * stack-wide credentials (./secret-leak-checks.ts: state files, `stack export`, engine output and verbose log,
 * the local cloud's request log, an API error echoing the secret): a profile's password in the stack config's
 * `csbs:profiles.<name>.password` (a secret), and the password of the clouds.yaml entry a profile names. The
 * stack-wide config holds no credential (at most the auth URL), and the profile is in RegionTwo.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { REGION_TWO, startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { assertNoLeaks, type Method } from "./secret-leak-checks";

const PROFILE_PASSWORD = "Pp3e8b1d7cProfileOnlyWm";
const CLOUDS_PASSWORD = "Cp5a2f9e4bCloudsYamlRt";
/** The profile every resource of these stacks names. */
const PROFILE = "vault";

/** Where the clouds.yaml of the clouds.yaml method lives: outside every searched directory (made in `before`). */
let cloudsDir = "";

const METHODS: Method[] = [
  {
    name: "profile password",
    profile: { name: PROFILE, region: REGION_TWO },
    config: async (cloud) => ({
      plain: {
        "csbs:authUrl": cloud.authUrl,
        ...profileKeys({ region: REGION_TWO, userName: "vault-profile", userDomainName: "Default", projectName: "demo", projectDomainName: "Default" }),
      },
      secret: profileKeys({ password: PROFILE_PASSWORD }),
      secrets: [PROFILE_PASSWORD],
    }),
  },
  {
    name: "profile clouds.yaml password",
    profile: { name: PROFILE, region: REGION_TWO },
    config: async (cloud) => {
      const file = path.join(cloudsDir, "clouds.yaml");
      fs.writeFileSync(
        file,
        `clouds:\n  vault-cloud:\n    region_name: ${REGION_TWO}\n    auth:\n      auth_url: ${cloud.authUrl}\n      username: vault-clouds\n      password: ${CLOUDS_PASSWORD}\n` +
          "      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n",
      );
      return { plain: profileKeys({ cloud: "vault-cloud" }), secret: {}, secrets: [CLOUDS_PASSWORD], env: { OS_CLIENT_CONFIG_FILE: file } };
    },
  },
];

/** `csbs:profiles.<PROFILE>.<key>` config paths. */
function profileKeys(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`csbs:profiles.${PROFILE}.${k}`, v]));
}

describe("secrets given only in a profile never reach state, output, logs or errors (issue 16 §5)", function () {
  this.timeout(600_000);
  let cloud: TestCloud;
  const stacks: EngineStack[] = [];

  before(async () => {
    const fixtures = defaultFixtures();
    fixtures.projects.find((p) => p.name === "demo")!.users!.push(
      { name: "vault-profile", password: PROFILE_PASSWORD, roles: ["member"] },
      { name: "vault-clouds", password: CLOUDS_PASSWORD, roles: ["member"] },
    );
    cloud = await startTestCloud({ fixtures });
    cloudsDir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-secrets-clouds-"));
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
    if (cloudsDir) fs.rmSync(cloudsDir, { recursive: true, force: true });
  });

  for (const method of METHODS) {
    it(`keeps the ${method.name} out of state files, exports, engine output, logs and error messages through a failed up, up, refresh and destroy`, async () => {
      await assertNoLeaks(cloud, method, stacks);
    });
  }
});
