#!/bin/sh
# Packs the guest's initramfs (cpio newc, uncompressed):
#   sh kernel/initramfs.sh OUT.cpio [SELFTEST_DIR]
# busybox-static, stress-ng with the shared libraries ldd lists and the
# loader, our static load programs (kernel/guest/*.c), the mm selftests
# (static, built by kernel/selftests.sh), /etc/passwd with an unprivileged user.
set -eu
cd "$(dirname "$0")/.."
out=$1; mm=${2:-}
KB=build/kernel/h
stage=$KB/initramfs.d
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/etc" "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/mm"
cp kernel/guest/init "$stage/init"; chmod 755 "$stage/init"
cp /bin/busybox "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
for p in pread64 faultloop runas; do
	gcc -O2 -Wall -Wextra -Werror -static -pthread -o "$stage/bin/$p" "kernel/guest/$p.c"
done
sng=$(command -v stress-ng)
cp "$sng" "$stage/bin/stress-ng"
ldd "$sng" | awk '/=> \//{print $3} /^\s*\/.*ld-linux/{print $1}' | while read -r lib; do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
# the loader under the name the binary asks for (/lib64/ld-linux-x86-64.so.2)
interp=$(readelf -l "$sng" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
mkdir -p "$stage$(dirname "$interp")"
[ -e "$stage$interp" ] || cp -L "$interp" "$stage$interp"
if [ -n "$mm" ] && [ -d "$mm" ]; then
	for f in "$mm"/*; do
		[ -f "$f" ] && [ -x "$f" ] && cp "$f" "$stage/mm/"
	done
fi
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/tmp:/bin/sh\n' > "$stage/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$stage/etc/group"
[ "$(id -u)" -eq 0 ] && mknod "$stage/dev/console" c 5 1
(cd "$stage" && find . | cpio -o -H newc --quiet) > "$out"
echo "initramfs: $out, $(du -k "$out" | cut -f1) KiB, $(ls "$stage/mm" | wc -l) selftests" >&2
