#!/bin/sh
# The Debian packages make kernel-check needs (the kernel source, qemu, the
# build and guest tools); installs the missing ones with apt-get (as root, or
# with sudo).  Does nothing when they are all there.
set -u
need="linux-source-6.12 qemu-system-x86 build-essential bc flex bison libelf-dev libssl-dev
      cpio dwarves python3 xz-utils rsync busybox-static stress-ng numactl libnuma-dev
      libcap-dev liburing-dev patch"
missing=
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "kernel/deps.sh: installing$missing" >&2
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq &&
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
