import { CSBS } from "./scenarios/dialect";
import { describeLifecycle } from "./scenarios/lifecycle-scenarios";
import { describeLongTermRetention } from "./scenarios/long-term-scenarios";
import { describePreviewRules } from "./scenarios/preview-rules-scenarios";
import { describeScheduler } from "./scenarios/scheduler-scenarios";
import { describeServerSelector } from "./scenarios/selector-scenarios";
import { describeSecretsAndLoader } from "./scenarios/secrets-and-loader-scenarios";
import { describeSharedPolicy } from "./scenarios/shared-policy-scenarios";

/**
 * Issue 4: the provider's engine scenarios against CSBS (the default `csbs:api`). The shared-policy and the
 * separate-project secrets scenarios run here only: they prove hook and SDK behaviour that does not depend on
 * the API, and running them twice would only make the suite slower.
 */
describe("the provider through the engine with csbs:api = csbs", () => {
  describeLifecycle(CSBS);
  describePreviewRules(CSBS);
  describeScheduler(CSBS);
  describeServerSelector(CSBS);
  describeLongTermRetention(CSBS);
  describeSharedPolicy(CSBS);
  describeSecretsAndLoader(CSBS);
});
