# man-lib.sh -- what the tests of the manual pages (tests/cli/man.sh, man-vi.sh) share:
# formatting a page as man shows it, the checks of its formatting, and the long options
# a text names.

# render LOCALE PAGE WIDTH: the page as text, as man shows it to a reader in LOCALE
# (C.UTF-8: as lintian checks it; C: a terminal without Vietnamese letters); the
# formatter's warnings go to $T/warnings.
render() {
	if command -v man >/dev/null 2>&1; then
		case $1 in
		*UTF-8) LC_ALL=$1 MANWIDTH=$3 man --warnings -E UTF-8 -l "$2" ;;
		*) LC_ALL=$1 MANWIDTH=$3 man --warnings -l "$2" ;;
		esac 2>"$T/warnings"
	else	# groff-base without man-db: the same pipeline by hand
		case $1 in *UTF-8) dev=utf8 ;; *) dev=ascii ;; esac
		LC_ALL=$1 groff -k -K utf8 -T"$dev" -man -ww -rLL="$3"n -rLT="$3"n "$2" 2>"$T/warnings"
	fi | sed 's/.\x08//g'	# no overstriking, whatever the pager settings
}

# options TEXT: the long options in TEXT, one a line.
options() {
	printf '%s\n' "$1" | grep -oE -- '--[a-z][a-z-]*[a-z]' | sort -u
}

# formats PAGE HEADING LABEL: the checks every page passes: it formats in a UTF-8 and in
# an ASCII locale, starting with HEADING (its NAME section), without a warning, in 80
# columns; $out is left holding the ASCII rendering.
formats() {
	for loc in C.UTF-8 C; do
		out=$(render "$loc" "$1" 80)
		like "$out" "^$2" "$3 formats in LC_ALL=$loc"
		is "$(cat "$T/warnings")" "" "... without a warning"
		is "$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 grep -E '^.{81,}' | head -3)" "" \
			"... in 80 columns, examples too"
	done
}
