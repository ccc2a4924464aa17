#!/bin/sh
# Image build benchmark (issue 5): the same job on the same repository, by `basalt build` and by
# `dnf --installroot` + `mkfs.erofs` + `veritysetup format` (what a shell-script image build does for the verity-sealed
# /usr), each RUNS times; prints the best wall time, the least CPU time (user + system, which other load on the machine
# disturbs less than the wall time) and the least peak RSS of each, and the ratios.
#   bench/scripts/build-vs-dnf.sh PATH/TO/basalt CORPUS_DIR [RUNS]
# CORPUS_DIR is made with bench/scripts/make-build-corpus.py when it has no image.yaml (200 packages), or may be
# OUTDIR of samples/run.sh together with samples/container-host/image.yaml (then pass IMAGE=... and REPO=...).
# DISK=1 makes the reference do the whole job Basalt does for the disk: after mkfs.erofs and veritysetup it assembles the
# same GPT disk the way a shell-script build does (truncate, sfdisk with Basalt's partition table, mkfs.vfat + mcopy for
# the ESP, dd of the EROFS and the hash tree) and takes its SHA-256 with openssl, as Basalt's report and SHA256SUMS do,
# and converts it to the VHD and qcow2 the definition asks for with qemu-img (COSI and OCI are left out).
# The fastest tools on the machine are used: sgdisk sleeps a second after writing, and coreutils' sha256sum (no SHA-NI
# here) is 6x slower than openssl.
# dnf needs root for --installroot. BASALT_BASELINE=PATH/TO/old/basalt adds a second basalt (e.g. a publish from before a
# change) to the same interleaved runs, so a before/after comparison sees the same machine load.
set -eu
BASALT=${1:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
CORPUS=${2:?usage: $0 PATH/TO/basalt CORPUS_DIR [RUNS]}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${IMAGE:-}" ] && [ ! -f "$CORPUS/image.yaml" ]; then
  python3 "$HERE/make-build-corpus.py" "$CORPUS" 200 >&2
fi
IMAGE=${IMAGE:-$CORPUS/image.yaml}
REPO=${REPO:-$CORPUS/repo}
if [ ! -f "$REPO/repodata/repomd.xml" ]; then
  mkdir -p "$REPO"
  for manifest in "$CORPUS"/packages/*/package.yaml; do "$BASALT" rpm build "$manifest" -o "$REPO" >/dev/null; done
  "$BASALT" repo index "$REPO" >/dev/null
fi
ID=$(sed -n 's/^ *- id: *//p' "$IMAGE" | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A first, untimed build warms the caches for both sides; dnf is then asked for exactly the packages it resolved (the
# image may install only some of the repository's packages), by name.
"$BASALT" build "$IMAGE" -o "$WORK/basalt" --repo "$ID=$REPO" --cache "$WORK/cache" >/dev/null 2>&1
NAMES=$(python3 -c 'import json, sys; print(" ".join(sorted(p["nevra"].rsplit("-", 2)[0] for p in json.load(open(sys.argv[1]))["packages"])))' \
  "$WORK/basalt/basalt.lock")
if [ -n "${DISK:-}" ]; then
  # Basalt's partition table (offsets, sizes, types, UUIDs) from the report of the first build, as an sfdisk script.
  eval "$(python3 - "$WORK/basalt" "$WORK/partitions.sfdisk" <<'PY'
import glob, json, sys
report = json.load(open(glob.glob(sys.argv[1] + "/*.report.json")[0]))
types = {"esp": "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "usr-x86-64": "8484680C-9521-48C6-9C11-B0720656F69E",
         "usr-x86-64-verity": "77FF5F63-E7B6-4633-ACF4-1565B864C0E6"}
image = report["image"]
parts = image["partitions"]
lines = ["label: gpt", "label-id: " + image["diskGuid"].upper(), "first-lba: 34"]
for p in parts:
    # Basalt's GPT attributes: read-only (60) on the sealed usr slot, no-auto (63) on the empty B slot.
    attrs = ', attrs="GUID:63"' if p["name"] == "_empty" else ', attrs="GUID:60"' if p["type"] != "esp" else ""
    lines.append(f"start={p['offsetBytes'] // 512}, size={p['sizeBytes'] // 512}, type={types[p['type']]}, uuid={p['partitionUuid'].upper()}, name={p['name']}{attrs}")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
mib = 1024 * 1024
print(f"FORMATS='{' '.join(a['format'] for a in image['artifacts'])}';"
      f" DISK_BYTES={image['artifacts'][0]['bytes']}; ESP_KIB={parts[0]['sizeBytes'] // 1024};"
      f" ESP_MIB={parts[0]['offsetBytes'] // mib}; USR_MIB={parts[1]['offsetBytes'] // mib}; VERITY_MIB={parts[2]['offsetBytes'] // mib}")
PY
)"
  # The VHD and qcow2 the definition asks for, made from the raw disk with qemu-img and hashed, as Basalt makes and
  # hashes them; its COSI and OCI layout have no counterpart here (the reference does less there).
  EXTRA=""
  case " $FORMATS " in *" vhd "*)
    EXTRA="$EXTRA; qemu-img convert -f raw -O vpc -o subformat=fixed,force_size=on '$WORK/disk.raw' '$WORK/disk.vhd'; openssl dgst -sha256 '$WORK/disk.vhd' >/dev/null";;
  esac
  case " $FORMATS " in *" qcow2 "*)
    EXTRA="$EXTRA; qemu-img convert -f raw -O qcow2 '$WORK/disk.raw' '$WORK/disk.qcow2'; openssl dgst -sha256 '$WORK/disk.qcow2' >/dev/null";;
  esac
fi
# Every timed run starts after a sync, so none pays for the writeback of the one before (rpm's database writes wait
# for it). Columns of the time files: wall seconds, peak KB, user seconds, system seconds.
best() { awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < m { m = $2 } NR == 1 || $3 + $4 < c { c = $3 + $4 } END { printf "%.2f %d %.2f\n", w, m, c }' "$1"; }
for i in $(seq "$RUNS"); do
  rm -rf "$WORK/basalt"
  sync
  /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/basalt.t" "$BASALT" build "$IMAGE" -o "$WORK/basalt" --repo "$ID=$REPO" --cache "$WORK/cache" >/dev/null 2>&1
  if [ -n "${BASALT_BASELINE:-}" ]; then
    rm -rf "$WORK/basalt"
    sync
    /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/baseline.t" "$BASALT_BASELINE" build "$IMAGE" -o "$WORK/basalt" --repo "$ID=$REPO" \
      --cache "$WORK/cache" >/dev/null 2>&1
  fi
  rm -rf "$WORK/root" "$WORK/usr.erofs" "$WORK/usr.verity"
  sync
  /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/dnf.t" sh -c "
    dnf -q -y --installroot='$WORK/root' --releasever=1 --setopt=reposdir=/dev/null --setopt=cachedir='$WORK/dnfcache' \
        --setopt=install_weak_deps=False --nogpgcheck --disableplugin='*' --repofrompath='bench,file://$REPO' --repo=bench \
        install $NAMES >/dev/null 2>&1 &&
    mkfs.erofs --quiet '$WORK/usr.erofs' '$WORK/root/usr' >/dev/null &&
    veritysetup format '$WORK/usr.erofs' '$WORK/usr.verity' >/dev/null"
  if [ -n "${DISK:-}" ]; then
    rm -rf "$WORK/root" "$WORK/usr.erofs" "$WORK/usr.verity" "$WORK/disk.raw" "$WORK/disk.vhd" "$WORK/disk.qcow2" "$WORK/esp.img" "$WORK/loader.conf"
    sync
    /usr/bin/time -f "%e %M %U %S" -a -o "$WORK/disk.t" sh -c "
      set -e
      dnf -q -y --installroot='$WORK/root' --releasever=1 --setopt=reposdir=/dev/null --setopt=cachedir='$WORK/dnfcache' \
          --setopt=install_weak_deps=False --nogpgcheck --disableplugin='*' --repofrompath='bench,file://$REPO' --repo=bench \
          install $NAMES >/dev/null 2>&1
      mkfs.erofs --quiet '$WORK/usr.erofs' '$WORK/root/usr' >/dev/null
      ROOTHASH=\$(veritysetup format '$WORK/usr.erofs' '$WORK/usr.verity' | sed -n 's/^Root hash:[[:space:]]*//p')
      truncate -s $DISK_BYTES '$WORK/disk.raw'
      sfdisk --quiet --no-reread --no-tell-kernel '$WORK/disk.raw' < '$WORK/partitions.sfdisk' >/dev/null
      mkfs.vfat -F 32 -n ESP -C '$WORK/esp.img' $ESP_KIB >/dev/null
      printf 'timeout 0\\noptions usrhash=%s\\n' \$ROOTHASH > '$WORK/loader.conf'
      mmd -i '$WORK/esp.img' ::/EFI ::/loader && mcopy -i '$WORK/esp.img' '$WORK/loader.conf' ::/loader/loader.conf
      dd if='$WORK/esp.img' of='$WORK/disk.raw' bs=1M seek=$ESP_MIB conv=notrunc,sparse status=none
      dd if='$WORK/usr.erofs' of='$WORK/disk.raw' bs=1M seek=$USR_MIB conv=notrunc,sparse status=none
      dd if='$WORK/usr.verity' of='$WORK/disk.raw' bs=1M seek=$VERITY_MIB conv=notrunc,sparse status=none
      openssl dgst -sha256 '$WORK/disk.raw' >/dev/null $EXTRA"
  fi
done
B=$(best "$WORK/basalt.t"); D=$(best "$WORK/dnf.t")
echo "basalt build (wall s, peak KB, CPU s): $B"
echo "dnf --installroot + mkfs.erofs + veritysetup (wall s, peak KB, CPU s): $D"
echo "$B $D" | awk '{ printf "speed-up basalt vs dnf pipeline: %.2fx wall, %.2fx CPU (peak memory %.2fx)\n", $4/$1, $6/$3, $2/$5 }'
if [ -n "${DISK:-}" ]; then
  K=$(best "$WORK/disk.t")
  echo "dnf pipeline + the same disk artefacts, hashed (wall s, peak KB, CPU s): $K"
  echo "$B $K" | awk '{ printf "speed-up basalt vs dnf pipeline with the disk artefacts: %.2fx wall, %.2fx CPU (peak memory %.2fx)\n", $4/$1, $6/$3, $2/$5 }'
fi
if [ -n "${BASALT_BASELINE:-}" ]; then
  L=$(best "$WORK/baseline.t")
  echo "baseline basalt build (wall s, peak KB, CPU s): $L"
  echo "$L $D" | awk '{ printf "speed-up baseline vs dnf pipeline: %.2fx wall, %.2fx CPU (peak memory %.2fx)\n", $4/$1, $6/$3, $2/$5 }'
fi
