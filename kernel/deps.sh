#!/bin/sh
# The Debian packages make kernel-check needs (the kernel source, qemu, the
# build and guest tools), installed by scripts/deps when missing.
exec sh "$(dirname "$0")/../scripts/deps" --no-install-recommends \
	linux-source-6.12 qemu-system-x86 build-essential bc flex bison libelf-dev libssl-dev \
	cpio dwarves python3 xz-utils rsync busybox-static stress-ng numactl libnuma-dev \
	libcap-dev liburing-dev patch
