# Exercises the local cloud's Nova tags and metadata with openstacksdk (Debian's python3-openstacksdk): prints one
# JSON object of what the SDK saw, for tests/localcloud/compute/server-tags-openstacksdk.spec.ts to assert on.
import json
import sys

import openstack

conn = openstack.connect(
    auth_url=sys.argv[1], username="demo", password="demo", user_domain_name="Default", project_name="demo",
    project_domain_name="Default", region_name="RegionOne", compute_api_version="2.26",
)
names = lambda servers: sorted(s.name for s in servers)
out = {
    "tags": names(conn.compute.servers(tags="web,prod")),
    "anyTags": names(conn.compute.servers(any_tags="db,prod")),
    "notTags": len(list(conn.compute.servers(not_tags="web"))),
    "notAnyTags": len(list(conn.compute.servers(not_any_tags="web,db"))),
}
server = conn.compute.find_server("web-050")
server.add_tag(conn.compute, "extra")
out["added"] = names(conn.compute.servers(tags="extra"))
out["detailTags"] = conn.compute.get_server(server.id).tags
server.remove_tag(conn.compute, "extra")
out["removed"] = names(conn.compute.servers(tags="extra"))
out["metadata"] = dict(conn.compute.get_server_metadata(conn.compute.find_server("web-000")).metadata)
print(json.dumps(out))
