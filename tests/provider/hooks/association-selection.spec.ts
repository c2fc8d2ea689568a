import * as assert from "node:assert/strict";
import { failure } from "../../../provider/domain/failures";
import type { SelectableServer } from "../../../provider/domain/server-selector";
import { selectorFailures, selectServers } from "../../../provider/hooks/association-selection";

const servers: SelectableServer[] = [
  { id: "b", name: "web-001", tags: ["web", "prod"], metadata: {} },
  { id: "a", name: "web-000", tags: ["web", "prod"], metadata: {} },
  { id: "c", name: "db-0", tags: ["db"], metadata: {} },
];

describe("association selection", () => {
  it("resolves the matching servers sorted by id", () => {
    assert.deepEqual(selectServers(servers, { tags: ["web"] }, false).servers.map((s) => s.name), ["web-000", "web-001"]);
  });

  it("fails a selector that matches nothing with the way to look and allowEmpty, unless allowEmpty", () => {
    const none = selectServers(servers, { tags: ["nope"] }, false);
    assert.equal(none.failures.length, 1);
    assert.equal(none.failures[0]!.path, "serverSelector");
    assert.equal(none.failures[0]!.rule, "selector.matchesNothing");
    assert.match(none.failures[0]!.message, /^`serverSelector` \(tags nope\) matches no server in the project: .*openstack server list --tags nope.*set allowEmpty: true/);
    assert.deepEqual(selectServers(servers, { tags: ["nope"] }, true), { servers: [], failures: [] });
  });

  it("moves a failure of one resolved server to the selector, naming the server and the way to leave it out", () => {
    const picked = selectServers(servers, { tags: ["web"] }, false).servers;
    const [moved] = selectorFailures([failure("serverIds[1]", "membership.serverInOtherPolicy", 'is "b", which is already in policy "x"; set takeOver: true')], { tags: ["web"] }, picked);
    assert.equal(moved!.path, "serverSelector");
    assert.equal(moved!.rule, "membership.serverInOtherPolicy");
    assert.match(moved!.message, /^`serverSelector` \(tags web\) matches server "b" \(web-001\), and the resolved list fails: `serverIds\[1\]` is "b".*change its tags or metadata, or narrow the selector$/);
  });

  it("moves a failure of the whole list to the selector, naming every matched server", () => {
    const picked = selectServers(servers, { tags: ["web"] }, false).servers;
    const [moved] = selectorFailures([failure("serverIds", "membership.tooManyServers", "would overfill the policy")], { tags: ["web"] }, picked);
    assert.match(moved!.message, /matches 2 servers \(web-000, web-001\), and the resolved list fails: `serverIds` would overfill the policy; or narrow the selector/);
  });
});
