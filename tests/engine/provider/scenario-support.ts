/**
 * The engine scenarios' support under the path that tests/reliability, tests/provider and tests/localcloud/hostile
 * import: the program generator and stack (../scenarios/program.ts) and direct CSBS calls
 * (../scenarios/csbs-direct.ts).
 */
export { BASIC_SCHEDULE, PROGRAM, programFiles, scenarioStack, serverIds, setProgram, webServers, type PolicyDecl, type ProgramSpec } from "../scenarios/program";
export { CsbsDirect, liveServers } from "../scenarios/csbs-direct";
export { startTestCloud, type TestCloud } from "../../support/cloud";
export { EngineStack } from "../../support/engine";
