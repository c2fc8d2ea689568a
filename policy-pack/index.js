// The pack's code is compiled with the rest of pulumi-csbs; it resolves @pulumi/policy and @pulumi/pulumi from the
// project's node_modules, where installing pulumi-csbs put them.
"use strict";
require("../dist/policy-pack/src/pack.js");
