import { KARBOR } from "./scenarios/dialect";
import { describeLifecycle } from "./scenarios/lifecycle-scenarios";
import { describeLongTermRetention } from "./scenarios/long-term-scenarios";
import { describePreviewRules } from "./scenarios/preview-rules-scenarios";
import { describeScheduler } from "./scenarios/scheduler-scenarios";
import { describeServerSelector } from "./scenarios/selector-scenarios";

/** Issue 5: the ten engine scenarios of issue 4 with `csbs:api = karbor` (acceptance 10 is in the lifecycle). */
describe("the provider through the engine with csbs:api = karbor", () => {
  describeLifecycle(KARBOR);
  describePreviewRules(KARBOR);
  describeScheduler(KARBOR);
  describeServerSelector(KARBOR);
  describeLongTermRetention(KARBOR);
});
