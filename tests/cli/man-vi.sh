# man-vi.sh -- the Vietnamese manual pages doc/vi/*, against their English pages doc/*
# (which man.sh checks against the programs): each formats without a warning in a UTF-8
# and in an ASCII locale (bare letters there, never garbage), within 80 columns; each
# is its English page translated: the same sections and entries in the same order, the
# same synopses, the same tags (options, commands, keys, variables, settings, files;
# only the placeholders in italics, and the tags a page marks as translated, differ),
# and the same long options, variables and dotted names (settings keys, files)
# anywhere in the text, so that a change to one page without the other fails here; the
# console's keys say what they do as the Vietnamese console's help says it; and the
# pages are installed where man -L vi finds them.
#
# A tag that is prose in English (a screen's name, an area of motcua doctor) is
# translated with, on the line before its .TP, the English tag it stands for:
#	.\" en: .B database
#	.TP
#	.B cơ sở dữ liệu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../man-lib.sh"
DOC=$(cd "$(dirname "$0")/../../doc" && pwd)
PO=$(cd "$(dirname "$0")/../../po" && pwd)/vi.po
TUI=$(cd "$(dirname "$0")/../../tui" && pwd)
MANDIR=$(cd "$(dirname "$MOTCUA")/../share/man" && pwd)

# What must be the same in both languages, from a page's source, by an awk program
# that prints one line per item; WHAT is skeleton, tags, synopses or headings.
#   skeleton: each .SH, .SS, .TP, .IP, .PP, .EX and .EE, with its section's number;
#   tags: each .TP's tag (the line after it, or the "en:" comment before the .TP);
#   synopses: the SYNOPSIS section, and each .SS named in lower case or [brackets]
#     (a command, a section of motcua.conf) with the macro lines that open it;
#   headings: each .SH's title.
# Macro lines are compared with what they set in italics (placeholders, which a
# translation translates) as "*", and a tag without its last argument when that is
# in parentheses (a JSON key's type).
extract() {	# extract WHAT PAGE
	awk -v what="$1" '
	function args(s, a,   n, i, c, q, inarg, cur) {
		n = 0; cur = ""; q = 0; inarg = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (q) {
				if (c != "\"") cur = cur c
				else if (substr(s, i + 1, 1) == "\"") { cur = cur c; i++ }
				else q = 0
				continue
			}
			if (c == " ") {
				if (inarg) { a[++n] = cur; cur = ""; inarg = 0 }
				continue
			}
			if (c == "\"" && !inarg) { q = 1; inarg = 1; continue }
			cur = cur c; inarg = 1
		}
		if (inarg) a[++n] = cur
		return n
	}
	function inline(s,   r, p, q) {	# \fI... up to the next font change: \fI*
		r = ""
		while ((p = index(s, "\\fI")) > 0) {
			r = r substr(s, 1, p + 2) "*"
			s = substr(s, p + 3)
			q = index(s, "\\f")
			s = q ? substr(s, q) : ""
		}
		return r s
	}
	function norm(line, tag,   m, n, a, i, it, out) {
		if (line !~ /^\./) return inline(line)
		m = line; sub(/[ \t].*/, "", m)
		n = args(substr(line, length(m) + 2), a)
		if (tag && n > 1 && a[n] ~ /^ ?\(.*\)$/) n--
		if (m == ".I") return ".I |*"
		out = m
		for (i = 1; i <= n; i++) {
			it = m == ".I" || ((m == ".IR" || m == ".IB") && i % 2 == 1) ||
			    ((m == ".RI" || m == ".BI") && i % 2 == 0)
			out = out " |" (it ? "*" : inline(a[i]))
		}
		return out
	}
	/^\.SH/ { sec++; syn = 0; open = 0 }
	what == "headings" && /^\.SH/ { t = substr($0, 5); gsub(/"/, "", t); print t }
	what == "skeleton" && /^\.(SH|SS|TP|IP|PP|EX|EE)([ \t]|$)/ { print sec ": " $1 }
	what == "tags" && tagnext { print sec ": " norm(claim != "" ? claim : $0, 1); tagnext = 0 }
	what == "tags" && /^\.TP/ { tagnext = 1; claim = prev ~ /^\.\\" en: / ? substr(prev, 9) : "" }
	what == "synopses" {
		if (/^\.SH/) syn = sec == 2
		else if (syn) print norm($0, 0)
		if (/^\.SS +"?[a-z[]/) { print norm($0, 0); open = 1; next }
		if (open && /^\.(B|BR|RB|BI|IB|I|IR|RI|br)([ \t]|$)/) print norm($0, 0)
		else open = 0
	}
	{ prev = $0 }' "$2"
}

# idents TEXT: the long options, the variables (MOTCUA_*) and the dotted names
# (settings keys such as sms.quiet, files such as sms.csv) of a formatted page.
idents() {
	printf '%s\n' "$1" | grep -oE -- '--[a-z][a-z-]*[a-z]|\<MOTCUA_[A-Z_]*[A-Z]\>|\<[a-z][a-z0-9_]*(\.[a-z0-9_*%]*[a-z0-9_*%])+' |
		sort -u
}

# same WHAT EN VI NAME: the two pages' WHAT are the same, else the first differences.
same() {
	extract "$1" "$2" >"$T/en.$1"
	extract "$1" "$3" >"$T/vi.$1"
	if cmp -s "$T/en.$1" "$T/vi.$1"; then
		ok 0 "$4: the same $1 as the English page"
	else
		ok 1 "$4: the same $1 as the English page"
		diff "$T/en.$1" "$T/vi.$1" | grep '^[<>]' | head -8 | sed 's/^/#   /'
	fi
}

# The msgstr of each msgid of po/vi.po, as "msgid<TAB>msgstr" lines.
po_pairs=$(awk '
	function str(s) { sub(/^[a-z]+ +"/, "", s); sub(/"$/, "", s); return s }
	/^msgid / { if (id != "") print id "\t" st; id = str($0); st = ""; in_ = "id"; next }
	/^msgstr / { st = str($0); in_ = "str"; next }
	/^"/ { s = $0; sub(/^"/, "", s); sub(/"$/, "", s); if (in_ == "id") id = id s; else if (in_ == "str") st = st s; next }
	{ in_ = "" }
	END { if (id != "") print id "\t" st }' "$PO")
ok "$([ "$(printf '%s\n' "$po_pairs" | wc -l)" -ge 1000 ]; echo $?)" "po/vi.po read"

ok "$(command -v man >/dev/null 2>&1 || command -v groff >/dev/null 2>&1; echo $?)" \
	"man or groff is there to format the pages"
for en in "$DOC/motcua.1" "$DOC/motcua-smsd.8" "$DOC/motcua-ussd.8" "$DOC/motcua-sync.8" \
    "$DOC/motcua-hub.8" "$DOC/motcua.conf.5"; do
	name=$(basename "$en")
	vi=$DOC/vi/$name
	ok "$([ -s "$vi" ]; echo $?)" "vi/$name exists"
	[ -s "$vi" ] || continue
	is "$(head -1 "$vi")" '.\" -*- coding: UTF-8 -*-' "vi/$name says it is UTF-8 (man-db reads it so)"
	is "$(iconv -f UTF-8 -t UTF-8 "$vi" >/dev/null 2>&1; echo $?)" 0 "... and it is"
	unlike "$(grep -n "$(printf '\t')" "$vi" | grep -v '^[0-9]*:\.' )" . "vi/$name: no tab in a text line"
	is "$(sed -n 's/^\.TH \([^ ]*\) \([^ ]*\) .*/\1 \2/p' "$vi")" \
		"$(sed -n 's/^\.TH \([^ ]*\) \([^ ]*\) .*/\1 \2/p' "$en")" "... the same title and section"
	formats "$vi" "(TÊN|TEN)" "vi/$name"
	is "$(printf '%s\n' "$out" | LC_ALL=C tr -d '\000-\177' | wc -c)" 0 \
		"... in ASCII: bare letters, nothing else"
	if command -v lexgrog >/dev/null 2>&1; then
		is "$(lexgrog "$vi" | sed 's/^[^"]*"\([^ ]*\) - .*/\1/')" \
			"$(lexgrog "$en" | sed 's/^[^"]*"\([^ ]*\) - .*/\1/')" \
			"... lexgrog reads its NAME section (whatis, apropos)"
	fi

	same skeleton "$en" "$vi" "vi/$name"
	same synopses "$en" "$vi" "vi/$name"
	same tags "$en" "$vi" "vi/$name"
	ent=$(render C.UTF-8 "$en" 1000)
	vit=$(render C.UTF-8 "$vi" 1000)
	idents "$ent" >"$T/en.idents"
	idents "$vit" >"$T/vi.idents"
	is "$(comm -23 "$T/en.idents" "$T/vi.idents" | tr '\n' ' ')/$(comm -13 "$T/en.idents" "$T/vi.idents" | tr '\n' ' ')" "/" \
		"vi/$name names the same options, variables, settings and files (got: only English/only Vietnamese)"

	# The console's keys, as the Vietnamese console's help (F1) describes them.
	[ "$name" = motcua.1 ] || continue
	n=$(extract headings "$en" | grep -nx KEYS | cut -d: -f1)
	h=$(extract headings "$vi" | sed -n "${n}p")
	ok "$([ -n "$n" ] && [ -n "$h" ]; echo $?)" "vi/$name: the keys are under $h"
	keys=$(printf '%s\n' "$vit" | sed -n "/^$h\$/,/^[^ ]/p" | sed 's/.*/\L&/' | tr -s ' \n' '  ')
	tables=$(cat "$TUI"/*.c | grep -E '^[[:space:]]*\{ \.key = .*\.keyname = ')
	missing=""
	for id in $(printf '%s\n' "$tables" | sed -n 's/.*\.help = N_("\([^"]*\)").*/\1/p' | sort -u | tr ' ' '_'); do
		id=$(printf '%s' "$id" | tr '_' ' ')
		str=$(printf '%s\n' "$po_pairs" | awk -F'\t' -v id="$id" '$1 == id { print $2; exit }')
		[ -n "$str" ] || { missing="$missing [$id: no translation]"; continue; }
		printf '%s\n' "$keys" | grep -qF -- "$(printf '%s' "$str" | sed 's/.*/\L&/')" ||
			missing="$missing [$str]"
	done
	is "$missing" "" "... each with what it does, as the Vietnamese console's help says it"
done

# Installed where man finds them for a Vietnamese reader, beside the English ones.
for page in motcua.1 motcua-smsd.8 motcua-ussd.8 motcua-sync.8 motcua-hub.8 motcua.conf.5; do
	sec=${page##*.}
	ok "$(cmp -s "$MANDIR/vi/man$sec/$page" "$DOC/vi/$page"; echo $?)" \
		"vi/$page is installed in share/man/vi/man$sec"
done
# man-db adds the language's folders to MANPATH's (not to -M's).
is "$(MANPATH=$MANDIR man -L vi -w motcua.conf 2>&1)" "$MANDIR/vi/man5/motcua.conf.5" \
	"man -L vi motcua.conf finds the Vietnamese page"
is "$(MANPATH=$MANDIR man -L vi -w motcua-smsd 2>&1)" "$MANDIR/vi/man8/motcua-smsd.8" "... and motcua-smsd"
is "$(LC_ALL=C MANPATH=$MANDIR man -w motcua 2>&1)" "$MANDIR/man1/motcua.1" \
	"man motcua in the C locale still finds the English page"
# A Vietnamese locale, made here when the machine has none (LOCPATH), for man to
# choose the page by LANG as on an office's PC.
if ! locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\?8'; then
	mkdir "$T/locale"
	localedef -i vi_VN -f UTF-8 "$T/locale/vi_VN.UTF-8" >/dev/null 2>&1 &&
		export LOCPATH=$T/locale
fi
if LC_ALL= LANG=vi_VN.UTF-8 locale 2>&1 | grep -q "Cannot set"; then
	ok 0 "# SKIP no vi_VN.UTF-8 locale and no localedef to make one"
else
	is "$(LC_ALL= LANG=vi_VN.UTF-8 MANPATH=$MANDIR man -w motcua 2>&1)" "$MANDIR/vi/man1/motcua.1" \
		"LANG=vi_VN.UTF-8 man motcua finds the Vietnamese page"
	like "$(LC_ALL= LANG=vi_VN.UTF-8 MANPATH=$MANDIR MANWIDTH=80 man motcua-sync 2>&1 | head -8)" \
		"^TÊN\$" "... and shows it with its diacritics"
fi
done_testing
