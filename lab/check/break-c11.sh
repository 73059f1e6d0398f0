# Sourced by lab/check/litmus.sh and lab/check/herd7.sh: one deliberate break
# of lab/check/c11.c, built into a litmus binary.
#   break_c11 NAME SED OUT
# builds lab/check/c11.c as edited by SED, with the checker's litmus front end,
# into OUT. Returns 1, having said why, when SED no longer changes c11.c (the
# break went stale: update the calling script) or the result does not build.
# Needs $b (the build directory), $tmp, $CC and $CHK_FLAGS.
break_c11() {
	sed "$2" lab/check/c11.c > "$tmp/c11.c"
	if cmp -s lab/check/c11.c "$tmp/c11.c"; then
		echo "check-litmus: break '$1' no longer matches lab/check/c11.c: update $0"
		return 1
	fi
	# shellcheck disable=SC2086 # word splitting of the flags is intended
	if ! $CC -Iinclude -Ilab/check $CHK_FLAGS -o "$3" "$tmp/c11.c" \
		"$b/chk/lab/check/litmus.o" "$b/chk/lab/check/herd.o" "$b/chk/lab/check/explore.o" \
		"$b/chk/lab/check/ghost.o" "$b/chk/libpageref.a" 2> "$tmp/build.log"; then
		cat "$tmp/build.log"
		echo "check-litmus: break '$1' does not build"
		return 1
	fi
}
