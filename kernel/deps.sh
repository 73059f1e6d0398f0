#!/bin/sh
# The Debian packages make kernel-check needs (qemu, the build and guest
# tools), installed by scripts/deps when missing.  The kernel's source comes
# from the base's own suite: kernel/source.sh.
exec sh "$(dirname "$0")/../scripts/deps" --no-install-recommends \
	qemu-system-x86 build-essential bc flex bison libelf-dev libssl-dev \
	cpio dwarves python3 xz-utils rsync busybox-static stress-ng numactl libnuma-dev \
	libcap-dev liburing-dev patch
