/** Provider configuration: where credentials and endpoints come from. */
export * from "./settings";
export { resolveSettings, waysToSet, type SettingsSources } from "./resolve-settings";
export { describeSettings, secretValues } from "./describe-settings";
export { CONFIG_NAMESPACE, type ConfigReader } from "./stack-config-source";
export { cloudsYamlCandidates, secureYamlCandidates, type CloudsYamlLocations } from "./clouds-yaml";
export { PROFILES_KEY, PROFILE_NAME, ProfileConfigError, readProfiles, type ProfileValues } from "./profile-source";
export { OPENSTACK_KEYS, OPENSTACK_NAMESPACE } from "./openstack-config-source";
