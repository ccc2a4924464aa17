#!/bin/sh
# Builds the bootable sample: Debian's cloud kernel, busybox-static, veritysetup (with the libraries it links) and
# systemd-boot's EFI binaries, repackaged as RPMs by `basalt rpm build`, plus the sample packages under
# samples/packages and samples/bootable/packages, indexed with `basalt repo index` and built into a bootable image
# with `basalt build`: a UKI with Basalt's initrd, systemd-boot, /usr under dm-verity. Then boot it:
#
#   samples/bootable/build.sh OUTDIR
#   basalt qemu OUTDIR/bootable-host-2026.11.0.raw --expect 'basalt-boot-ok'            # direct kernel boot
#   basalt qemu OUTDIR/bootable-host-2026.11.0.raw --uefi --expect 'basalt-boot-ok'     # OVMF + systemd-boot + UKI
#
# Needs apt with Debian 12 sources (the .debs are downloaded once into $BASALT_DEB_CACHE, default
# ~/.cache/basalt/debian; see scripts/fetch-boot-debs.sh) and dpkg-deb. BASALT overrides the command that runs the
# CLI (default: the Release build of src/Basalt.Cli). Extra arguments after OUTDIR go to `basalt build`, e.g.
# --secure-boot-key KEY.pem --secure-boot-cert CERT.pem to sign the boot chain for Secure Boot.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: samples/bootable/build.sh OUTDIR [basalt build options]" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
shift

# shellcheck source=samples/basalt-cli.sh
. "$repo/samples/basalt-cli.sh"

echo "== Debian packages" >&2
debs=$("$repo/scripts/fetch-boot-debs.sh")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out/repo"
mkdir -p "$out/repo"

echo "== repackaging the Debian packages as RPMs -> $out/repo" >&2
names=""
for deb in "$debs"/*.deb; do
    names="$names $(dpkg-deb -f "$deb" Package)"
done
for deb in "$debs"/*.deb; do
    "$here/deb-to-manifest.sh" "$deb" "$work/$(basename "$deb" .deb)" "$names"
    # The kernel modules are most of the bytes: a fast zstd level keeps the sample build short.
    basalt rpm build "$work/$(basename "$deb" .deb)/package.yaml" -o "$out/repo" --compression-level 3 >/dev/null
done

echo "== sample packages -> $out/repo" >&2
for manifest in "$repo"/samples/packages/*/package.yaml "$here"/packages/*/package.yaml; do
    basalt rpm build "$manifest" -o "$out/repo" >/dev/null
done
basalt repo index "$out/repo" >&2

echo "== image" >&2
basalt build "$here/image.yaml" -o "$out" --repo "basalt-samples=$out/repo" "$@"
