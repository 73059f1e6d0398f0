#!/bin/sh
# Boots one kernel in qemu (TCG) with the harness initramfs and parses its console:
#   sh kernel/run.sh NAME INITRAMFS [STRESS_SECS] [SELFTESTS ci|full|none] [SMP]
# Writes build/kernel/h/results/NAME.log (the console) and NAME.tsv, one row per
# result: suite test verdict seconds detail. Rows of suite "console" are the
# kernel's own reports (BUG, WARNING, KASAN, Bad page, refcount_t, lockdep,
# hung task, panic), "kunit" the KUnit TAP printed at boot, "guest" whether the
# guest reached its end marker. Exit status 0 when the guest reached its end.
set -u
cd "$(dirname "$0")/.."
name=$1 initrd=$2 stress=${3:-10} self=${4:-ci} smp=${5:-2}
KB=build/kernel/h
mkdir -p "$KB/results"
log=$KB/results/$name.log
tsv=$KB/results/$name.tsv
img=$KB/img/${KERNEL_IMAGE:-$name}.bzImage	# KERNEL_IMAGE=K: boot K's image under the results name NAME
tmo=${KERNEL_SELFTEST_TIMEOUT:-180}
# bound the whole boot: stress, selftests, boot and KUnit, with margin
case $self in
full) limit=$((stress * 20 + 2400)) ;;
ci) limit=$((stress * 20 + 1500)) ;;
*) limit=$((stress * 20 + 600)) ;;
esac
accel="-accel tcg,thread=multi -cpu max"
# KVM only where it really works (on these machines /dev/kvm exists but does not)
if [ "${KERNEL_KVM:-0}" = 1 ] && [ -w /dev/kvm ]; then accel="-accel kvm -cpu host"; fi
echo "kernel-run[$name]: qemu $accel -smp $smp -m 2G, stress ${stress} s, selftests $self, limit ${limit} s" >&2
t0=$(date +%s)
parse_only=${KERNEL_PARSE_ONLY:-0}	# 1: re-parse the last log of NAME, boot nothing
REPORTS='^\[ *[0-9]+\.[0-9]+\] .*((^|[^A-Z_])BUG[: ]|WARNING:|KASAN|Bad page|refcount_t|possible circular locking|possible recursive locking|inconsistent lock state|lock held when returning|DEBUG_LOCKS_WARN_ON|INFO: lockdep|suspicious RCU usage|blocked for more than|Kernel panic|Oops|general protection fault|page dumped because|list_add corruption|list_del corruption)'
if [ "$parse_only" = 1 ]; then
	wall=$(awk -F'\t' '$1 == "guest" { print $4 }' "$tsv"); qrc=$(sed -n 's/.*qemu-rc=\([0-9]*\).*/\1/p' "$tsv")
else
# shellcheck disable=SC2086
timeout -k 10 "$limit" qemu-system-x86_64 $accel -smp "$smp" -m 2G -nographic -no-reboot \
	-kernel "$img" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 oops=panic numa=fake=2 harness.stress=$stress harness.selftests=$self harness.tmo=$tmo ${KERNEL_APPEND:-}" \
	< /dev/null > "$log" 2>&1 &
qpid=$!
# the known-bad kernel (KERNEL_STOP_ON_FAIL=1): stop at its first failure (a
# kernel report, a failed KUnit test, a failed load or stress result), 5 s
# later. Any guest: it ends qemu by rebooting after its end marker; one that
# has not 30 s after it is stopped, and says so (not a verdict by itself).
ended=0
while kill -0 $qpid 2>/dev/null; do
	if [ "${KERNEL_STOP_ON_FAIL:-0}" = 1 ] &&
	   grep -qE "$REPORTS|^(\[[ 0-9.]*\] )?    (not ok |# [a-z0-9_]+: (EXPECTATION|ASSERTION) FAILED)|^@@H RESULT (load|stress) .* fail " "$log" 2>/dev/null; then
		sleep 5
		echo "kernel-run[$name]: first failure seen after $(($(date +%s) - t0)) s: stopping the guest" >&2
		kill $qpid 2>/dev/null
		break
	fi
	if grep -q '^@@H END' "$log" 2>/dev/null; then
		ended=$((ended + 1))
		if [ "$ended" -ge 30 ]; then
			echo "kernel-run[$name]: the guest printed its end marker but qemu did not exit in 30 s: stopping it" >&2
			kill $qpid 2>/dev/null
			break
		fi
	fi
	sleep 1
done
wait $qpid
qrc=$?
wall=$(($(date +%s) - t0))
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
fi

{
	# the guest's own results
	sed -n 's/^@@H RESULT \([^ ]*\) \([^ ]*\) \([a-z]*\) \([0-9]*\) \(.*\)$/\1\t\2\t\3\t\4\t\5/p' "$log"
	# KUnit: the TAP at boot; test cases are the lines indented one level
	# (4 spaces) below a suite. Time: the kernel timestamps of the suite.
	awk '
		{ ts = ""; if (match($0, /^\[ *[0-9]+\.[0-9]+\] /)) {
			ts = substr($0, 2, RLENGTH - 3) + 0; $0 = substr($0, RLENGTH + 1) } }
		/^KTAP version/ && first == "" { first = ts }
		/^    # Subtest: / { suite = $3; next }
		# a test that fails an expectation and then crashes prints no "not ok"
		/^    # [a-z0-9_]+: (EXPECTATION|ASSERTION) FAILED/ {
			t = $2; sub(/:$/, "", t)
			if (!(t in failed)) {
				failed[t] = 1
				printf "kunit\t%s.%s\tfail\t%d\t%s\n", suite, t, ts, substr($0, 7)
			}
			next
		}
		/^    (not )?ok [0-9]+ / {
			v = ($1 == "not") ? "fail" : "pass"
			n = (v == "fail") ? $4 : $3
			if (n in failed) { last = ts; next }
			if ($0 ~ /# SKIP/) v = "skip"
			printf "kunit\t%s.%s\t%s\t%d\t-\n", suite, n, v, (v == "fail") ? ts : 0
			last = ts; next
		}
		/^(not )?ok [0-9]+ / && first != "" { last = ts }
		END { if (first != "" && last != "") printf "kunit\t(time)\tinfo\t%d\tuptime %s..%s s\n", last - first + 0.5, first, last }' "$log"
	# the kernel's own reports (only kernel lines: they carry a timestamp),
	# one row per kind: the report with every number made N is its signature
	# (column 6), the row keeps the first one's time and text and the count.
	# gup_test -ct dumps pages on purpose ("page dumped because: gup_test: ...")
	grep -E "$REPORTS" "$log" | grep -v 'because: gup_test: dump_pages() test' | awk '
		{ ts = $0; sub(/^\[ */, "", ts); sub(/\..*/, "", ts)
		  msg = $0; sub(/^\[[^]]*\] /, "", msg); gsub(/\t/, " ", msg)
		  sig = msg; gsub(/[0-9a-fA-F]*[0-9][0-9a-fA-F]*/, "N", sig); gsub(/ +/, " ", sig)
		  if (!(sig in n)) { order[++k] = sig; t[sig] = ts; m[sig] = substr(msg, 1, 120) }
		  n[sig]++ }
		END {
			for (i = 1; i <= k; i++) {
				s = order[i]
				printf "console\treport%d\tfail\t%s\t%s%s\t%s\n", i, t[s], m[s],
					(n[s] > 1) ? " (" n[s] " times)" : "", s
			}
			if (k == 0) printf "console\tno-reports\tpass\t0\t-\n"
		}'
	# the CPUs the guest brought up: -smp N must give N (a kernel that cannot
	# enumerate them boots on one, and nothing races)
	cpus=$(sed -n 's/^@@H BEGIN .* cpus=\([0-9]*\) .*/\1/p' "$log" | head -1)
	if [ -n "$cpus" ]; then
		v=pass; [ "$cpus" = "$smp" ] || v=fail
		printf 'guest\tcpus\t%s\t0\t%s of -smp %s online\n' "$v" "$cpus" "$smp"
	fi
	if grep -q '^@@H END' "$log"; then
		printf 'guest\tend-marker\tpass\t%s\tqemu-rc=%s\n' "$wall" "$qrc"
	else
		printf 'guest\tend-marker\tfail\t%s\tqemu-rc=%s (no end marker)\n' "$wall" "$qrc"
	fi
} > "$tsv"
echo "kernel-run[$name]: $wall s (functional only, TCG), qemu rc $qrc, $(grep -c . "$tsv") results" >&2
grep -q '^@@H END' "$log"
