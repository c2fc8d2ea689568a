/**
 * The pulumi-csbs policy pack: stack rules the service would enforce anyway, checked for the whole stack at once
 * (mandatory by default), and organisation rules that are off until the pack config gives them an enforcement
 * level. Loading this module starts the pack's server, so only the pack's entry point (policy-pack/index.js) does.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("pulumi-csbs", { policies: POLICIES });
