#!/bin/sh
# Builds what the KVM pread comparison needs, under build/kernel/kvm/:
#   base.bzImage, patched.bzImage  Debian's 6.12 without and with the series,
#                                  one config (perf.config, no debugging)
#   perf.cpio                      busybox, preadbench and init
# Usage: sh kernel/kvm/build.sh [base|patched]...   (default: both)
# The series is read from kernel/patches (KVM_PATCHES=DIR to take it elsewhere).
set -eu
cd "$(dirname "$0")/../.."
K=build/kernel/kvm
mkdir -p "$K"
say() { echo "kvm-build: $*" >&2; }
for tool in busybox gcc make; do
	command -v $tool >/dev/null || { echo "kvm-build: needs $tool (busybox-static, build-essential)" >&2; exit 1; }
done
[ -f /usr/src/linux-source-6.12.tar.xz ] || { echo "kvm-build: needs linux-source-6.12" >&2; exit 1; }

if [ ! -f "$K/src-base/Makefile" ]; then
	say "extracting the source"
	mkdir -p "$K/src-base"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$K/src-base" --strip-components=1
fi
kernels=${*:-base patched}
case " $kernels " in *" patched "*) need_patched=1 ;; *) need_patched=0 ;; esac
if [ "$need_patched" = 1 ] && [ ! -f "$K/src-patched/.series-applied" ]; then
	say "applying kernel/patches to a copy"
	rm -rf "$K/src-patched"
	cp -a "$K/src-base" "$K/src-patched"
	for p in "${KVM_PATCHES:-kernel/patches}"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-*) continue ;; esac
		patch -s -p1 -d "$K/src-patched" < "$p"
	done
	touch "$K/src-patched/.series-applied"
fi

for name in $kernels; do
	src=$K/src-$name out=$(pwd)/$K/out-$name
	mkdir -p "$out"
	make -s -C "$src" O="$out" ARCH=x86_64 tinyconfig >/dev/null
	cat kernel/kvm/perf.config >> "$out/.config"
	make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig >/dev/null 2>&1
	grep '^CONFIG_' kernel/kvm/perf.config | while IFS= read -r line; do
		grep -qx "$line" "$out/.config" || { echo "kvm-build: $name: $line did not stick" >&2; exit 1; }
	done
	say "building $name"
	make -s -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" bzImage
	cp "$out/arch/x86/boot/bzImage" "$K/$name.bzImage"
done

say "packing the initramfs"
root=$K/initramfs
rm -rf "$root"; mkdir -p "$root/bin" "$root/proc" "$root/tmp" "$root/dev"
cp "$(command -v busybox)" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cc -std=c11 -O2 -Wall -Wextra -Werror -static -pthread -o "$root/preadbench" kernel/kvm/preadbench.c
cp kernel/kvm/init "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) > "$K/perf.cpio"
ls -l "$K"/*.bzImage "$K/perf.cpio" >&2
