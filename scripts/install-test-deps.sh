#!/bin/sh
# Installs what the test suite needs beside Java and Maven, idempotently: on a machine that already
# has everything it only checks. Needs root (or sudo) for apt-get; without either it says what is
# missing and the tests that need it are skipped.
set -e
missing=
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing="$missing nats-server"
# promtool checks /metrics; headless Chromium and its driver open the dashboard.
command -v promtool >/dev/null 2>&1 || missing="$missing prometheus"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
# socat sends UDP datagrams the way a shell script would.
command -v socat >/dev/null 2>&1 || missing="$missing socat"
# Asciidoctor turns picocli's AsciiDoc man pages into roff for the distribution (DistributionIT).
command -v asciidoctor >/dev/null 2>&1 || missing="$missing asciidoctor"
# Node runs npm nats.ws against the WebSocket listener.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

# The npm clients the tests run (nats.ws, ws), pinned by package-lock.json; only when it changed.
install_node_clients() {
    node_dir="$(dirname "$0")/../testkit/src/test/node"
    command -v npm >/dev/null 2>&1 || return 0
    if [ ! -f "$node_dir/node_modules/.package-lock.json" ] \
        || ! cmp -s "$node_dir/package-lock.json" "$node_dir/node_modules/.wirehub-installed-lock" 2>/dev/null; then
        echo "run-tests: installing npm clients (nats.ws, ws)" >&2
        (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null \
            && cp package-lock.json node_modules/.wirehub-installed-lock) \
            || echo "run-tests: npm ci failed; the Node and browser WebSocket tests will fail or be skipped" >&2
    fi
}

if [ -z "$missing" ]; then
    install_node_clients
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    apt_get="apt-get"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get="sudo apt-get"
else
    echo "run-tests: cannot install$missing (not root, no sudo); tests that need them will be skipped" >&2
    install_node_clients
    exit 0
fi
echo "run-tests: installing$missing" >&2
$apt_get install -y -q $missing >/dev/null 2>&1 || {
    $apt_get update -q >/dev/null 2>&1
    $apt_get install -y -q $missing >/dev/null
}
# Debian starts the packaged nats-server and prometheus as services where systemd runs; the tests
# start their own on free ports, so services on 4222 and 9090 are only in the way.
if command -v systemctl >/dev/null 2>&1; then
    for service in nats-server prometheus prometheus-node-exporter; do
        if systemctl is-active --quiet "$service" 2>/dev/null; then
            systemctl stop "$service" >/dev/null 2>&1 || true
        fi
    done
fi
install_node_clients
