#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Installs what rota needs to build, run and test on Debian 12.
set -euo pipefail
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
pkgs=(build-essential cmake pkg-config clang clang-format git tzdata python3
      libevent-dev libsqlite3-dev libical-dev libjansson-dev libsodium-dev
      libcmocka-dev zlib1g-dev libinih-dev libsystemd-dev libqrencode-dev curl python3-icalendar libcurl4-openssl-dev
      gettext locales python3-jsonschema debhelper lintian systemd
      chromium chromium-driver python3-selenium python3-aiosmtpd)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Norwegian answers need the nb_NO.UTF-8 locale (for its LC_MESSAGES only;
# docs/ops.md "Languages"); Debian generates no locale by itself.
if ! locale -a 2>/dev/null | grep -qi '^nb_NO\.utf-\?8$'; then
  $SUDO localedef -i nb_NO -c -f UTF-8 nb_NO.UTF-8
fi
