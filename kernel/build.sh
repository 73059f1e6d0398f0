#!/bin/sh
# Builds one kernel of the harness: sh kernel/build.sh NAME [PATCH...]
#   NAME     base | patched | bad-<x> | each: the tree build/kernel/h/NAME
#            (bad-<x>: build/kernel/h/bad), objects in its out/; "each" (a
#            state of the series, which only has to compile) is configured
#            from kernel/each.fragment, every other from config.fragment
#   PATCH    applied in order with patch -p1 on top of the pristine source
# A bad-* kernel starts from a copy of the patched tree (sources and objects,
# times kept; rsync makes the copy again from the last bad-* one), so only
# what its patch touches is rebuilt; with
# KERNEL_BAD_ONLY="SRC..." only those sources are rebuilt against it.
# Result: build/kernel/h/img/NAME.bzImage (and NAME.config).
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
KB=$top/build/kernel/h
name=$1; shift
# the known-bad kernels share one tree, each a copy of the patched one
case $name in bad-*) tree=$KB/bad ;; *) tree=$KB/$name ;; esac
mkdir -p "$KB/img"
jobs=$(nproc)
t0=$(date +%s)
say() { echo "kernel-build[$name]: $*" >&2; }
# rehome_objtool FROM: a tree copied from FROM keeps its objects, but objtool
# is built by tools/'s own make, whose command lines name the tree's absolute
# path: the copy relinks it, and every object (each depends on objtool) is
# rebuilt.  Relink it here, then give tools/ the time FROM's objtool has, so
# that kbuild sees an objtool older than the objects.
rehome_objtool() {
	ref=$1/out/tools/objtool/objtool
	[ -f "$ref" ] || return 0
	make -s -C "$tree" O=out ARCH=x86_64 tools/objtool >/dev/null
	find "$tree/out/tools" -exec touch -h -r "$ref" {} +
}

# 1. the pristine source of the base (kernel/base.env), extracted once by
#    kernel/source.sh
pristine=$(sh kernel/source.sh) || { say "FAILED: no source of the base"; exit 1; }

# 2. the tree: sources = pristine + patches; only files whose content changed
#    are rewritten (fresh mtime), so objects are reused across runs.
want=$( { echo "$name"; for p in "$@"; do sha256sum < "$p"; done; } | sha256sum | cut -c1-16)
have=$(cat "$tree/.harness-series" 2>/dev/null || true)
# a bad-* tree is always copied afresh: its objects must be the patched
# tree's as they are now (a new fragment rebuilds patched, not the copy)
case $name in bad-*) have= ;; esac
if [ "$want" != "$have" ]; then
	case $name in
	bad-*)
		say "copying the patched tree (sources and objects)"
		mkdir -p "$tree"
		rsync -a --delete "$KB/patched/" "$tree/"
		rehome_objtool "$KB/patched"
		for p in "$@"; do
			case $p in */known-bad/*) ;; *) continue ;; esac
			# KERNEL_BAD_ONLY="SRC...": the patch's files keep their old
			# times and only SRC is rebuilt with them (a header-only bad
			# change confined to the objects that test it)
			files=$(sed -n 's|^+++ b/\([^	 ]*\).*|\1|p' "$p")
			if [ -n "${KERNEL_BAD_ONLY:-}" ]; then
				for f in $files; do touch -r "$tree/$f" "$tree/$f.harness-time"; done
			fi
			patch -s -p1 -d "$tree" < "$p"
			if [ -n "${KERNEL_BAD_ONLY:-}" ]; then
				for f in $files; do
					touch -r "$tree/$f.harness-time" "$tree/$f"; rm -f "$tree/$f.harness-time"
				done
				for f in $KERNEL_BAD_ONLY; do touch "$tree/$f"; done
				say "only $KERNEL_BAD_ONLY rebuilt with the bad change"
			fi
		done
		;;
	*)
		if [ "$name" = patched ] && [ ! -d "$tree/out" ] && [ -f "$KB/base/out/vmlinux" ]; then
			# seed from the base tree, objects included (times kept): only
			# what the series changes is rebuilt
			say "seeding from the base tree"
			rsync -a "$KB/base/" "$tree/"
			rehome_objtool "$KB/base"
		fi
		stage=$KB/stage
		mkdir -p "$stage"
		rsync -rlpD --checksum --delete --exclude=/.pageref-pristine "$pristine/" "$stage/"
		for p in "$@"; do
			say "applying $p"
			patch -s -p1 -d "$stage" < "$p"
		done
		mkdir -p "$tree"
		rsync -rlpD --checksum --delete --exclude=/out --exclude=/cfg \
			--exclude=/.harness-series "$stage/" "$tree/"
		;;
	esac
	echo "$want" > "$tree/.harness-series"
	say "tree ready in $(($(date +%s) - t0)) s"
fi

# 3. the config: tinyconfig + fragment + olddefconfig, made aside and copied
#    only when it differs (an unchanged .config rebuilds nothing).
t1=$(date +%s)
frag=kernel/config.fragment
[ "$name" = each ] && frag=kernel/each.fragment
rm -rf "$tree/cfg"
make -s -C "$tree" O=cfg ARCH=x86_64 tinyconfig >/dev/null
cat "$frag" >> "$tree/cfg/.config"
make -s -C "$tree" O=cfg ARCH=x86_64 olddefconfig >/dev/null 2>&1
# an option that no Kconfig of this tree defines (the series' own, on the
# base and on the series' first patches) is not checked
defined() { grep -rqx --include='Kconfig*' "config ${1#CONFIG_}" "$tree"; }
missing=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qx "$line" "$tree/cfg/.config" ||
			{ defined "${line%%=*}" && missing="$missing ${line}"; } ;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }; opt=${opt%% *}
		grep -q "^$opt=" "$tree/cfg/.config" && missing="$missing !$opt" ;;
	esac
done < "$frag"
if [ -n "$missing" ]; then
	say "FAILED: options that did not stick after olddefconfig:$missing"
	exit 1
fi
mkdir -p "$tree/out"
cmp -s "$tree/cfg/.config" "$tree/out/.config" || cp "$tree/cfg/.config" "$tree/out/.config"
say "config ok (every fragment option present) in $(($(date +%s) - t1)) s"

# 4. build
t2=$(date +%s)
log=$KB/img/$name.build.log
if ! make -C "$tree" O=out ARCH=x86_64 -j"$jobs" bzImage > "$log" 2>&1; then
	tail -40 "$log" >&2
	say "FAILED: build (log: $log)"
	exit 1
fi
if [ "$name" = base ]; then
	make -s -C "$tree" O=out ARCH=x86_64 headers >> "$log" 2>&1
fi
cp "$tree/out/arch/x86/boot/bzImage" "$KB/img/$name.bzImage"
cp "$tree/out/.config" "$KB/img/$name.config"
say "built in $(($(date +%s) - t2)) s (total $(($(date +%s) - t0)) s)"
