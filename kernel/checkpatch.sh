#!/bin/sh
# make kernel-checkpatch: applies the series (kernel/v3/0001..N) to a
# clean copy of the pristine source of its base (kernel/source.sh) and runs scripts/checkpatch.pl --strict on
# each patch. Fails on any error, on a patch that does not apply, or on a
# warning or check that the cover letter does not name (by its type, e.g.
# FILE_PATH_CHANGES, or by its message); the named ones are printed.
set -u
cd "$(dirname "$0")/.."
KB=build/kernel/h
PATCHDIR=${KERNEL_PATCHES:-kernel/v3}
t0=$(date +%s)
pristine=$(sh kernel/source.sh) || { echo "kernel-checkpatch: no source of the base"; exit 1; }
series=$(ls "$PATCHDIR"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | grep -v '/0000-')
[ -n "$series" ] || { echo "kernel-checkpatch: no series in $PATCHDIR"; exit 1; }
cover=$PATCHDIR/0000-cover-letter.patch
# a clean tree of only what checkpatch and the series need: the top-level
# entries checkpatch looks for, scripts/, and every file the series touches
tree=$KB/checkpatch
rm -rf "$tree"; mkdir -p "$tree"
(cd "$pristine" && cp -a COPYING CREDITS Kbuild MAINTAINERS Makefile README scripts "$OLDPWD/$tree/")
for d in Documentation arch include drivers fs init ipc kernel lib; do mkdir -p "$tree/$d"; done
sed -n 's|^--- a/\([^	 ]*\).*|\1|p' $series | sort -u | while read -r f; do
	[ -f "$pristine/$f" ] || continue
	mkdir -p "$tree/$(dirname "$f")"
	cp -a "$pristine/$f" "$tree/$f"
done
errs=0 unnamed=0
# named LINE: the cover letter names this warning, by its type (AVOID_BUG) or
# by its message (the first 30 characters, or those after its last comma)
named() {
	[ -f "$cover" ] || return 1
	t=$(echo "$1" | sed -n 's/.*: \(ERROR\|WARNING\|CHECK\):\([A-Z_0-9]*\):.*/\2/p')
	m=$(echo "$1" | sed 's/.*: \(ERROR\|WARNING\|CHECK\):[A-Z_0-9]*: //')
	tail_m=$(echo "$m" | sed 's/.*, //')
	{ [ -n "$t" ] && grep -qF "$t" "$cover"; } ||
		grep -qF "$(echo "$m" | cut -c1-30)" "$cover" ||
		grep -qF "$(echo "$tail_m" | cut -c1-30)" "$cover"
}
for p in $series; do
	if ! patch -s -p1 -d "$tree" < "$p"; then
		echo "kernel-checkpatch: $(basename "$p"): does not apply"; errs=$((errs + 1)); continue
	fi
	# UNKNOWN_COMMIT_ID: the tarball has no git history to look commits up in
	out=$(cd "$tree" && perl scripts/checkpatch.pl --strict --show-types --terse \
		--ignore UNKNOWN_COMMIT_ID "$OLDPWD/$p" 2>&1)
	[ -n "$out" ] || out="clean"
	e=$(echo "$out" | grep -c ': ERROR:')
	echo "kernel-checkpatch: $(basename "$p"): $(echo "$out" | tail -1)"
	echo "$out" | grep -E ': (ERROR|WARNING|CHECK):' | while IFS= read -r l; do
		if named "$l"; then echo "    (named in the cover letter) $l"; else echo "    $l"; fi
	done
	errs=$((errs + e))
	n=$(echo "$out" | grep -E ': (WARNING|CHECK):' | while IFS= read -r l; do
		named "$l" || echo x
	done | wc -l)
	unnamed=$((unnamed + n))
done
echo "kernel-checkpatch: $(echo $series | wc -w) patches, $errs errors, $unnamed warnings not named in the cover letter, $(($(date +%s) - t0)) s"
[ "$errs" -eq 0 ] && [ "$unnamed" -eq 0 ]
