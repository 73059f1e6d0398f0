# Sourced by kernel/bench/run.sh and kernel/kunit/run.sh after they set
# tool (their messages' prefix) and series (the series' directory): the
# messages, the refusal of unknown arguments, --help (the script's header
# comment) and the series' patches in order, the cover letter left out.
say() { echo "$tool: $*" >&2; }
die() { say "$*"; exit 1; }
options() {
	case "${1:-}" in
	-h | --help)
		sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
		exit 0 ;;
	"") ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
}
series_patches() { ls "$series"/[0-9][0-9][0-9][0-9]-*.patch | grep -v '/0000-'; }
