#!/usr/bin/env bash
# Installs the reference tools Basalt's tests compare against (Debian packages; see docs/testing.md).
# Only missing packages are installed, so a warm machine returns at once. Needs root (or sudo).
set -euo pipefail
packages=(rpm rpm2cpio cpio createrepo-c libsolv-tools python3-rpm erofs-utils cryptsetup-bin gdisk fdisk
          dosfstools mtools qemu-utils zstd xz-utils bzip2 lzma gnupg sq umoci skopeo attr squashfs-tools e2fsprogs python3 dnf
          systemd libcap2-bin openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -50 "$log" >&2
  exit 1
fi
