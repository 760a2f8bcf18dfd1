#!/usr/bin/env bash
# The browser tests drive Chromium through playwright-core (Playwright cannot download its own browser
# here). CHROMIUM_PATH names a browser to use; without it, Debian's /usr/bin/chromium, installed when
# missing (that step alone needs root, as on the project's machines and CI).
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    exit 0
  fi
  echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
  exit 1
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "error: no browser for the browser tests: /usr/bin/chromium is missing and this user cannot install it;" >&2
  echo "       set CHROMIUM_PATH to a Chromium or Chrome binary, or run: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version >&2
