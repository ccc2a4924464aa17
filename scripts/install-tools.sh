#!/usr/bin/env bash
# Installs the reference tools Basalt's tests compare against (Debian packages; see docs/testing.md).
# Only missing packages are installed, so a warm machine returns at once. Needs root (or sudo).
set -euo pipefail
packages=(rpm rpm2cpio cpio createrepo-c libsolv-tools python3-rpm erofs-utils cryptsetup-bin gdisk fdisk
          dosfstools mtools qemu-utils zstd xz-utils bzip2 lzma gnupg sq umoci skopeo attr squashfs-tools e2fsprogs python3 dnf
          systemd libcap2-bin openssl qemu-system-x86 ovmf sbsigntool systemd-boot-efi kmod binutils gcc)
# osslsigncode: bookworm's 2.5 rejects every PE signature (sbsign's too) without printing the digests the Authenticode
# tests compare; 2.9 from bookworm-backports reads them. Anything else comes from the release itself.
backport=osslsigncode
missing=()
dpkg-query -W -f='${Version}' "$backport" 2>/dev/null | grep -q '~bpo' || missing+=("$backport")
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
backports=/etc/apt/sources.list.d/basalt-bookworm-backports.sources
if [[ " ${missing[*]} " == *" $backport "* && ! -f $backports ]]; then
  printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
    $sudo tee "$backports" >/dev/null
fi
release=("${missing[@]/$backport}")
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends ${release[*]} &&
       { [[ " ${missing[*]} " != *" $backport "* ]] || $sudo apt-get install -y -qq --no-install-recommends -t bookworm-backports "$backport"; }; } >"$log" 2>&1; then
  tail -50 "$log" >&2
  exit 1
fi
