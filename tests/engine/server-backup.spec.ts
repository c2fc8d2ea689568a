import { CSBS, KARBOR } from "./scenarios/dialect";
import { describeServerBackup } from "./scenarios/server-backup-scenarios";

/** Issue 15: on-demand backups of one server (ServerBackup) through the engine, on both dialects. */
describe("ServerBackup with csbs:api = csbs", () => describeServerBackup(CSBS));
describe("ServerBackup with csbs:api = karbor", () => describeServerBackup(KARBOR));
