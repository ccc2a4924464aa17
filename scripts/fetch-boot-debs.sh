#!/usr/bin/env bash
# Downloads the Debian packages a bootable Basalt image is made from (see samples/bootable/): Debian's cloud
# kernel, busybox-static, veritysetup with the libraries it links, and systemd-boot's EFI binaries (boot loader
# and UKI stub). Only the .deb files are fetched (`apt-get download`), nothing is installed. Files already in
# the folder are kept, so a second run is offline.
#
#   scripts/fetch-boot-debs.sh [DIR]     # DIR defaults to $BASALT_DEB_CACHE, else ~/.cache/basalt/debian
#
# Prints DIR. Needs apt with Debian 12 (bookworm) sources; the kernel is the one linux-image-cloud-amd64 names.
set -euo pipefail

dir=${1:-${BASALT_DEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/basalt/debian}}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

kernel=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')
if [ -z "$kernel" ]; then
    echo "fetch-boot-debs: apt knows no linux-image-cloud-amd64; run apt-get update (Debian 12 sources needed)" >&2
    exit 1
fi

packages=("$kernel" busybox-static systemd-boot-efi cryptsetup-bin libcryptsetup12 libc6 libgcc-s1 libpopt0 libblkid1
          libuuid1 libdevmapper1.02.1 libssl3 libargon2-1 libjson-c5 libselinux1 libudev1 libpcre2-8-0)
missing=()
for package in "${packages[@]}"; do
    compgen -G "$dir/${package}_*.deb" >/dev/null || missing+=("$package")
done
if ((${#missing[@]})); then
    # apt drops privileges to _apt for downloads; a folder _apt cannot write makes it warn, so download in a
    # private temporary folder and move the files in.
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get download -q "${missing[@]}" >/dev/null 2>"$work/.log") || { cat "$work/.log" >&2; exit 1; }
    mv "$work"/*.deb "$dir"/
fi
echo "$dir"
