#!/usr/bin/env bash
# Makes the real Pulumi engine available offline in one bin directory and prints that directory's
# absolute path as the last line of output:
#   pulumi                         3.248.0, built from github.com/pulumi/pulumi/pkg/v3 (Go module proxy)
#   pulumi-language-nodejs         a small front (scripts/engine/cli/nodehost) to the Node language host
#   langhost/pulumi-language-nodejs  the Node language host, built from github.com/pulumi/pulumi/sdk/v3
#   pulumi-resource-pulumi-nodejs  the dynamic-provider launcher shipped inside @pulumi/pulumi (npm)
# Why two modules: the proxy serves pkg/v3@v3.248.0 but refuses every version of the separate module
# sdk/nodejs/cmd/pulumi-language-nodejs/v3 (403), so the host comes from sdk/v3@v3.68.0, the last
# served sdk/v3 that still contains it. Its protocol is the one the 3.248 engine and SDK speak.
# The 3.248 engine starts Node policy packs through the language host's RunPlugin, which that older
# host does not implement; the front relays every call to it and runs policy packs itself.
# The binaries are cached outside the checkout, keyed by both versions and the layout; a second run
# only checks them.
set -euo pipefail

PULUMI_VERSION=3.248.0
LANGHOST_SDK_VERSION=3.68.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cache_root="${PULUMI_CSBS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-csbs}"
LAYOUT=policy-front
bin="$cache_root/engine-v${PULUMI_VERSION}-langhost-v${LANGHOST_SDK_VERSION}-${LAYOUT}/bin"
# The cache of the layout before the front: its pulumi and language host are reused as they are.
previous="$cache_root/engine-v${PULUMI_VERSION}-langhost-v${LANGHOST_SDK_VERSION}/bin"

launcher_src() {
  local p="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [ -f "$p" ] || { echo "setup-engine: $p is missing; run 'npm ci' first" >&2; exit 1; }
  echo "$p"
}

engine_ok() {
  [ -x "$1/pulumi" ] && [ -x "$1/pulumi-language-nodejs" ] && [ -x "$1/pulumi-resource-pulumi-nodejs" ] &&
    { [ -L "$1/pulumi" ] || [ -x "$1/langhost/pulumi-language-nodejs" ]; } &&
    [ "$("$1/pulumi" version 2>/dev/null)" = "v${PULUMI_VERSION}" ]
}

if engine_ok "$bin"; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.engine.lock"
flock 9
if engine_ok "$bin"; then echo "$bin"; exit 0; fi

# A pulumi of the right version already on PATH is used as it is, with its own language host (an
# official host runs policy packs itself, so it needs no front).
if command -v pulumi >/dev/null 2>&1 && [ "$(pulumi version 2>/dev/null)" = "v${PULUMI_VERSION}" ]; then
  onpath="$(dirname "$(readlink -f "$(command -v pulumi)")")"
  if [ -x "$onpath/pulumi-language-nodejs" ]; then
    mkdir -p "$bin"
    ln -sf "$onpath/pulumi" "$bin/pulumi"
    ln -sf "$onpath/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
    install -m 0755 "$(launcher_src)" "$bin/pulumi-resource-pulumi-nodejs"
    echo "setup-engine: using pulumi v${PULUMI_VERSION} from $onpath" >&2
    echo "$bin"
    exit 0
  fi
fi

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; fi
command -v go >/dev/null 2>&1 || {
  echo "setup-engine: Go is needed to build the Pulumi engine from its modules (no npm package ships it)." >&2
  echo "setup-engine: install Go >= 1.25 (/usr/local/go/bin on this project's machines) and run 'npm run setup-engine' again." >&2
  exit 1
}

start=$(date +%s)
work="$(mktemp -d "$cache_root/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$here/engine/cli" "$here/engine/langhost" "$work/"
mkdir -p "$work/bin/langhost"
export CGO_ENABLED=0 GOFLAGS=-mod=mod
if [ -x "$previous/pulumi" ] && [ -x "$previous/pulumi-language-nodejs" ] && [ ! -L "$previous/pulumi" ] &&
  [ "$("$previous/pulumi" version 2>/dev/null)" = "v${PULUMI_VERSION}" ]; then
  echo "setup-engine: reusing pulumi and the language host from $previous" >&2
  cp "$previous/pulumi" "$work/bin/pulumi"
  cp "$previous/pulumi-language-nodejs" "$work/bin/langhost/pulumi-language-nodejs"
else
  echo "setup-engine: building pulumi v${PULUMI_VERSION} (first run only; several minutes on 2 cores)..." >&2
  (cd "$work/cli" && go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${PULUMI_VERSION}" \
    -o "$work/bin/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2
  echo "setup-engine: building pulumi-language-nodejs (sdk/v3 v${LANGHOST_SDK_VERSION})..." >&2
  (cd "$work/langhost" && go build -trimpath \
    -ldflags "-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${LANGHOST_SDK_VERSION}" \
    -o "$work/bin/langhost/" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs) >&2
fi
echo "setup-engine: building the language host's front (runs policy packs)..." >&2
(cd "$work/cli" && go build -trimpath -ldflags "-w -s" -o "$work/bin/pulumi-language-nodejs" ./nodehost) >&2
install -m 0755 "$(launcher_src)" "$work/bin/pulumi-resource-pulumi-nodejs"
engine_ok "$work/bin" || { echo "setup-engine: the built engine does not report v${PULUMI_VERSION}" >&2; exit 1; }
rm -rf "$bin"
mkdir -p "$(dirname "$bin")"
mv "$work/bin" "$bin"
echo "setup-engine: built in $(( $(date +%s) - start ))s; $(du -sh "$bin" | cut -f1) in $bin" >&2
echo "$bin"
