/**
 * The two APIs the provider speaks (`csbs:api`), as the engine scenarios see them: how to start a local cloud
 * whose demo project speaks it, and how to call it directly. The scenarios (./*-scenarios.ts) take one of these.
 */
import type { Fixtures } from "../../../localcloud";
import { defaultFixtures } from "../../../localcloud/fixtures/default-fixtures";
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { CsbsDirect } from "./csbs-direct";
import { KarborDirect } from "./karbor-direct";
import type { Login } from "./program";

/** The direct API of either dialect; narrow on `dialect` for what only one of them can show. */
export type ScenarioApi = CsbsDirect | KarborDirect;

export interface Dialect {
  /** The value of `csbs:api`. */
  readonly api: "csbs" | "karbor";
  /** Starts a local cloud (default fixtures) whose demo project speaks this API and has the {@link KEEPER} member. */
  startCloud(): Promise<TestCloud>;
  /** Direct calls as the demo user. */
  login(cloud: TestCloud): Promise<ScenarioApi>;
}

/** A member of `demo` whose password appears nowhere else, so a leak can be searched for. */
export const KEEPER: Login = { user: "keeper", password: "Kb7-vR22-unguessable-Lm3" };

function startCloud(api: Dialect["api"]): Promise<TestCloud> {
  const fixtures: Fixtures = defaultFixtures();
  const demo = fixtures.projects.find((p) => p.name === "demo")!;
  demo.api = api;
  demo.users!.push({ name: KEEPER.user, password: KEEPER.password, roles: ["member"] });
  return startTestCloud({ fixtures });
}

export const CSBS: Dialect = { api: "csbs", startCloud: () => startCloud("csbs"), login: (cloud) => CsbsDirect.login(cloud) };
export const KARBOR: Dialect = { api: "karbor", startCloud: () => startCloud("karbor"), login: (cloud) => KarborDirect.login(cloud) };
