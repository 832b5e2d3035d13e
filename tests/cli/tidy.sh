# tidy.sh -- the rules of tidiness of issue 10, checked on the tree so that they stay true:
#  - no function over 120 lines and no source file (.c, .h) over 1,300 lines, in the
#    code of the programs (common/, net/, tui/, sms/, sync/; tests/ aside);
#  - no file of the repository names the folder the project's notes were written in
#    beside it (the repository stands alone);
#  - no circle of headers including each other, and no circle of source files calling
#    each other: file A calls B when A's object calls a function B's object defines
#    (direct calls, read from the objects of the build; a table of pointers, as the
#    sub-command table or the modem backends are, is not a call);
#  - `duplicates` (when the machine has it: it is no Debian package) lists no pair of
#    places outside tests/ that share the same lines (pairs alike by shape alone are
#    counted, not refused).
# What the checks find in code that other work of issue 10 is changing is listed in
# KNOWN below: reported as skipped while it stands, a failure once it is gone (then
# delete its line), so that the list only shrinks.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FUNCTION_MAX=120
FILE_MAX=1300

# One line a finding: its kind, then the files (and the function) it is about; a tab,
# then who is changing it.
KNOWN="$(printf '%s\n' \
	)"
FOUND=$T/found

# finding KIND+FILES DESCRIPTION [DETAIL]: a rule broken, unless it is known.
finding() {
	echo "$1" >>"$FOUND"
	why=$(printf '%s\n' "$KNOWN" | awk -F'\t' -v f="$1" '$1 == f { print $2; exit }')
	if [ -n "$why" ]; then
		echo "ok $((_n + 1)) - $2 # SKIP known: $why"
		_n=$((_n + 1))
	else
		ok 1 "$2"
		[ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# The files of the repository (those git tracks; every file below ROOT elsewhere).
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	GIT=1
	files() { git -C "$ROOT" ls-files -- "$@"; }
else
	GIT=0
	files() { (cd "$ROOT" && for p in "$@"; do find . -path "./$p" -type f; done | sed 's|^\./||'); }
fi
SOURCES=$(files 'common/*.[ch]' 'net/*.[ch]' 'tui/*.[ch]' 'sms/*.[ch]' 'sync/*.[ch]')
ok "$([ -n "$SOURCES" ]; echo $?)" "the program sources are found"

# ---------------------------------------------------------------- sizes
# A function: its name at the start of a line (its type on the line before, as the
# code is written), its body from a "{" alone on a line to the next "}" alone on one.
long=$(cd "$ROOT" && printf '%s\n' $SOURCES | xargs awk -v MAX=$FUNCTION_MAX '
	FNR == 1 { start = 0; body = 0 }
	/^[A-Za-z_][A-Za-z0-9_]*\(/ && !body { name = $0; sub(/\(.*/, "", name); start = FNR }
	/^\{$/ && start { body = 1 }
	/^\}$/ && body {
		if (FNR - start + 1 > MAX)
			print FILENAME, name, FILENAME ":" start, FNR - start + 1
		body = 0; start = 0
	}')
n=0
while read -r file name where lines; do
	[ -n "$file" ] || continue
	n=$((n + 1))
	finding "long $file $name" "$name ($where) has $lines lines: at most $FUNCTION_MAX"
done <<EOF
$long
EOF
ok "$([ "$(printf '%s\n' $SOURCES | wc -l)" -gt 100 ] && [ "$(cd "$ROOT" && cat $SOURCES | grep -c '^{$')" -gt 1000 ]; echo $?)" \
	"functions are found the way the check reads them ($n too long)"

big=$(cd "$ROOT" && wc -l $SOURCES | awk -v MAX=$FILE_MAX '$2 != "total" && $1 > MAX { print $2, $1 }')
while read -r file lines; do
	[ -n "$file" ] || continue
	finding "size $file" "$file has $lines lines: at most $FILE_MAX"
done <<EOF
$big
EOF
ok 0 "file sizes checked ($(printf '%s\n' $SOURCES | wc -l) files)"

# ---------------------------------------------------------------- standing alone
# The pattern is built so that this file does not name the folder itself.
notes=shared
if [ "$GIT" = 1 ]; then
	named=$(git -C "$ROOT" grep -l -I -E "\.\./$notes|/work/$notes" || true)
else
	named=$(grep -rl -I -E "\.\./$notes|/work/$notes" "$ROOT" --exclude-dir=build --exclude-dir='build-*' || true)
fi
is "$named" "" "no file of the repository names ../$notes or /work/$notes"

# ---------------------------------------------------------------- circles
# Headers: A.h includes B.h (found next to A.h, else in common/, as -I says) and B.h,
# directly or not, includes A.h.
heads=$(files '*.h' | grep -v '^tests/')
edges=$(cd "$ROOT" && for h in $heads; do
	d=$(dirname "$h")
	sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$h" | while read -r inc; do
		if [ -f "$d/$inc" ]; then echo "$h $d/$inc"
		elif [ -f "common/$inc" ]; then echo "$h common/$inc"
		fi
	done
done)
# circles: read "A B" lines (A uses B); print each set of two or more files that all
# reach one another, its files sorted, on a line.
circles() {
	awk '
	NF == 2 && $1 != $2 { if (!(($1, $2) in e)) { e[$1, $2] = 1; out[$1] = out[$1] " " $2 } node[$1] = node[$2] = 1 }
	END {
		for (a in node) {
			delete seen
			n = 0
			stack[++n] = a
			while (n > 0) {
				x = stack[n--]
				m = split(out[x], nx, " ")
				for (i = 1; i <= m; i++)
					if (!(nx[i] in seen)) {
						seen[nx[i]] = 1
						reach[a, nx[i]] = 1
						stack[++n] = nx[i]
					}
			}
		}
		k = 0
		for (a in node) {
			if (a in done)
				continue
			m = 0
			for (b in node)
				if (b != a && ((a, b) in reach) && ((b, a) in reach)) {
					if (m == 0)
						k++
					print k, b
					done[b] = 1
					m++
				}
			if (m > 0)
				print k, a
		}
	}' | sort -k1,1n -k2 | awk '$1 != c { if (line != "") print line; line = ""; c = $1 } { line = line (line == "" ? "" : " ") $2 } END { if (line != "") print line }'
}
hc=$(printf '%s\n' "$edges" | circles)
while read -r c; do
	[ -n "$c" ] || continue
	finding "circle $c" "headers include each other: $c"
done <<EOF
$hc
EOF
ok "$([ -n "$edges" ]; echo $?)" "header includes read ($(printf '%s\n' "$edges" | grep -c .) of them)"

# Source files: the objects of the build (BUILD, from tests/run-tests).  An object is
# BUILD/DIR/TARGET-NAME.o (automake names targets without '-') or BUILD/DIR/NAME.o.
calls=""
if [ -n "${BUILD:-}" ] && command -v nm >/dev/null 2>&1 && command -v readelf >/dev/null 2>&1; then
	calls=$(for o in "$BUILD"/common/*.o "$BUILD"/net/*.o "$BUILD"/tui/*.o "$BUILD"/sms/*.o "$BUILD"/sync/*.o; do
		[ -f "$o" ] || continue
		f=$(basename "$o" .o)
		src=$(basename "$(dirname "$o")")/${f#*-}.c
		{ nm "$o" | sed 's/^/N /'; readelf -rW "$o" | sed 's/^/R /'; } | awk -v src="$src" '
		$1 == "N" && $2 == "U" { u[$3] = 1; next }
		$1 == "N" && NF == 4 && $3 ~ /^[TDBRCGS]$/ { print "D", src, $4; next }
		$1 == "R" && $4 ~ /PLT32|CALL26|JUMP26/ && ($6 in u) { print "U", src, $6 }'
	done | sort -u | awk '$1 == "D" { def[$3] = $2; next } ($3 in def) { print $2, def[$3] }' | sort -u)
fi
if [ -z "$calls" ]; then
	echo "ok $((_n + 1)) - circles of source files # SKIP no objects in \$BUILD, or no nm/readelf, or calls this machine's objects do not show"
	_n=$((_n + 1))
else
	cc=$(printf '%s\n' "$calls" | circles)
	while read -r c; do
		[ -n "$c" ] || continue
		finding "circle $c" "source files call each other: $c" \
		    "$(printf '%s\n' "$calls" | awk -v c=" $c " 'index(c, " " $1 " ") && index(c, " " $2 " ") { print $1 " -> " $2 }')"
	done <<EOF
$cc
EOF
	echo circle >>"$T/checked"
	ok 0 "calls between source files read ($(printf '%s\n' "$calls" | wc -l) pairs of files)"
fi

# ---------------------------------------------------------------- duplicates
if ! command -v duplicates >/dev/null 2>&1; then
	echo "ok $((_n + 1)) - duplicates outside tests # SKIP the duplicates command is not on this machine"
	_n=$((_n + 1))
elif [ "$GIT" = 0 ]; then
	echo "ok $((_n + 1)) - duplicates outside tests # SKIP not a git checkout (duplicates would read the builds too)"
	_n=$((_n + 1))
else
	(cd "$ROOT" && duplicates --min-lines 6 --most 200 --seconds 300) >"$T/dup" 2>&1
	like "$(head -1 "$T/dup")" '^(no duplicates|[0-9]+ pairs)' "duplicates reads the tree"
	unlike "$(grep -E '^incomplete:' "$T/dup")" . "duplicates read the whole tree"
	# Rows are "Dn A:LINES ~ B:LINES [shape] [boilerplate] ..."; boilerplate rows come
	# last and are alike by shape alone, so a cut list lost none of the others.
	if grep -q '^(+[0-9]* more pairs)' "$T/dup"; then
		like "$(grep '^D[0-9]' "$T/dup" | tail -1)" ' shape .*boilerplate' \
		    "the pairs duplicates left out are alike by shape alone"
	fi
	same=$(awk '/^D[0-9]+ / && $5 != "shape" {
		a = $2; b = $4; sub(/:[0-9-]*$/, "", a); sub(/:[0-9-]*$/, "", b)
		if (a ~ /^tests\// || b ~ /^tests\//)
			next
		if (b < a) { t = a; a = b; b = t }
		print a, b
	}' "$T/dup" | sort -u)
	while read -r a b; do
		[ -n "$a" ] || continue
		finding "dup $a ~ $b" "no code repeated outside tests: $a ~ $b" \
		    "$(grep -E "^D[0-9]+ ($a|$b):[0-9-]+ ~ ($a|$b):" "$T/dup")"
	done <<EOF
$same
EOF
	echo dup >>"$T/checked"
	ok 0 "duplicates outside tests checked ($(grep -c ' shape' "$T/dup") pairs alike by shape alone are not counted)"
fi

# ---------------------------------------------------------------- the known list
# (of the kinds checked: without objects or the duplicates command, those stay unknown)
printf '%s\n' "$KNOWN" | cut -f1 | while read -r k; do
	[ -n "$k" ] || continue
	case $k in long*|size*) ;; *) grep -qx "${k%% *}" "$T/checked" 2>/dev/null || continue ;; esac
	grep -qxF "$k" "$FOUND" 2>/dev/null || echo "$k"
done >"$T/gone"
while read -r k; do
	ok 1 "the known finding '$k' is gone: delete its line from KNOWN in tests/cli/tidy.sh"
done <"$T/gone"
done_testing
