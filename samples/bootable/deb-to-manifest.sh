#!/bin/sh
# Turns one Debian package into the source of an RPM for `basalt rpm build`: unpacks it with dpkg-deb, moves /bin,
# /sbin, /lib and /lib64 under /usr (Basalt images are merged-/usr), moves the kernel from /boot to
# /usr/lib/modules/VERSION/vmlinuz (where kernel-install and Basalt's boot stage look for it), and writes
# package.yaml with the Debian name, version (epoch:upstream-revision -> epoch, version, release) and those of its
# dependencies that are among AVAILABLE.
#
#   deb-to-manifest.sh PACKAGE.deb DIR "AVAILABLE PACKAGE NAMES"
set -eu

deb=$1
dir=$2
available=" $3 "
rm -rf "$dir"
mkdir -p "$dir/root"
dpkg-deb -x "$deb" "$dir/root"

for top in bin sbin lib lib64; do
    if [ -d "$dir/root/$top" ] && [ ! -L "$dir/root/$top" ]; then
        mkdir -p "$dir/root/usr/$top"
        cp -a "$dir/root/$top/." "$dir/root/usr/$top/"
        rm -rf "${dir:?}/root/$top"
    fi
done
for kernel in "$dir"/root/boot/vmlinuz-*; do
    [ -e "$kernel" ] || continue
    release=${kernel##*/vmlinuz-}
    mkdir -p "$dir/root/usr/lib/modules/$release"
    mv "$kernel" "$dir/root/usr/lib/modules/$release/vmlinuz"
    for extra in config System.map; do
        [ ! -e "$dir/root/boot/$extra-$release" ] || mv "$dir/root/boot/$extra-$release" "$dir/root/usr/lib/modules/$release/$extra"
    done
done
rm -rf "${dir:?}/root/boot"

field() { dpkg-deb -f "$deb" "$1"; }
name=$(field Package)
full=$(field Version)
epoch=
case "$full" in *:*) epoch=${full%%:*}; full=${full#*:} ;; esac
case "$full" in
    *-*) version=${full%-*}; release=${full##*-} ;;
    *) version=$full; release=0 ;;
esac
case "$(field Architecture)" in
    amd64) arch=x86_64 ;;
    arm64) arch=aarch64 ;;
    *) arch=noarch ;;
esac

# Depends: "a (>= 1), b | c" -> the first alternative of each that is available, by name only.
requires=$(field Depends | tr ',' '\n' | while read -r alternatives; do
    echo "$alternatives" | tr '|' '\n' | while read -r candidate rest; do
        case "$available" in *" $candidate "*) echo "$candidate"; break ;; esac
    done
done | sort -u)

# The Debian package of the kernel is versioned by ABI (linux-image-6.1.0-56-cloud-amd64); the RPM takes the name of
# the meta-package that follows the newest, so image definitions need not change with each kernel update.
case "$name" in linux-image-*-cloud-amd64) name=linux-image-cloud-amd64 ;; esac

{
    echo "# Repackaged from $(basename "$deb") by samples/bootable/deb-to-manifest.sh."
    echo "name: $name"
    [ -z "$epoch" ] || echo "epoch: $epoch"
    echo "version: \"$version\""
    echo "release: \"$release\""
    echo "arch: $arch"
    echo "summary: \"$(field Description | head -n 1 | sed 's/"/\\"/g')\""
    echo "description: |"
    echo "  Debian package $(field Package) $(field Version), repackaged for Basalt's bootable sample."
    echo "license: Debian (see /usr/share/doc/$(field Package)/copyright)"
    echo "url: https://packages.debian.org/bookworm/$(field Package)"
    if [ -n "$requires" ]; then
        echo "requires:"
        echo "$requires" | sed 's/^/  - /'
    fi
    echo "source: root"
} > "$dir/package.yaml"
