# man.sh -- the manual pages doc/motcua.1, doc/motcua-smsd.8, motcua-ussd.8,
# motcua-sync.8, motcua-hub.8 and motcua.conf.5
# against the programs they describe: each page formats without a warning, in a
# UTF-8 and in an ASCII locale; every command `motcua --help` lists has its entry in
# motcua.1 and every entry there is a command; every long option of the usage lines
# (`motcua --help`, `motcua COMMAND --help`, `motcua-smsd --help`, `motcua-ussd
# --help`) is in its page, and the pages name no option the programs do not have;
# every MOTCUA_* variable a program reads is under ENVIRONMENT, every sms.* setting
# the daemon reads is in motcua-smsd.8, and every key of the console's key tables
# (tui/*.c), with its help, is under KEYS.
. "$(dirname "$0")/../lib.sh"
DOC=$(cd "$(dirname "$0")/../../doc" && pwd)
SMSD=$(dirname "$MOTCUA")/motcua-smsd
USSD=$(dirname "$MOTCUA")/motcua-ussd
export MOTCUA_LANG=en

. "$(dirname "$0")/../man-lib.sh"

ok "$(command -v man >/dev/null 2>&1 || command -v groff >/dev/null 2>&1; echo $?)" \
	"man or groff is there to format the pages"
for page in "$DOC/motcua.1" "$DOC/motcua-smsd.8" "$DOC/motcua-ussd.8" "$DOC/motcua-sync.8" \
    "$DOC/motcua-hub.8" "$DOC/motcua.conf.5"; do
	name=$(basename "$page")
	ok "$([ -s "$page" ]; echo $?)" "$name exists"
	unlike "$(grep -n "$(printf '\t')" "$page" | grep -v '^[0-9]*:\.' )" . "$name: no tab in a text line"
	formats "$page" NAME "$name"
done

# motcua.1: the commands.
help=$(mc --help)
ok $? "motcua --help"
cmds=$(printf '%s\n' "$help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
ok "$([ "$(printf '%s\n' "$cmds" | wc -l)" -ge 10 ]; echo $?)" "motcua --help lists the commands ($(echo $cmds))"
missing=""
for c in $cmds; do
	grep -qE "^\.(SS|B) +\"?(motcua +)?$c([^a-z-]|\$)" "$DOC/motcua.1" || missing="$missing $c"
done
is "$missing" "" "every command has a .SS or .B entry in motcua.1"
documented=$(sed -n '/^\.SH COMMANDS/,/^\.SH /s/^\.SS "\{0,1\}\([a-z][a-z-]*\).*/\1/p' "$DOC/motcua.1")
extra=""
for c in $documented; do
	printf '%s\n' "$cmds" | grep -qx -- "$c" || extra="$extra $c"
done
is "$extra" "" "motcua.1 documents no command that does not exist"
ok "$([ -n "$documented" ]; echo $?)" "... (it documents: $(echo $documented))"

# motcua.1: the options of every usage line.
usages=$help
for c in $cmds; do
	u=$(mc "$c" --help)
	ok $? "motcua $c --help"
	usages="$usages
$u"
done
page=$(render C.UTF-8 "$DOC/motcua.1" 1000)
want=$(options "$usages")
ok "$([ "$(printf '%s\n' "$want" | wc -l)" -ge 40 ]; echo $?)" "the usage lines name the options ($(printf '%s\n' "$want" | wc -l))"
missing=""
for o in $want; do
	printf '%s\n' "$page" | grep -qE -- "$o([^a-z-]|\$)" || missing="$missing $o"
done
is "$missing" "" "every long option of the usage lines is in motcua.1"
# motcua-sync's commands quoted in the page (what doctor says to do) name its options.
sync_opts=$(options "$("$(dirname "$MOTCUA")/motcua-sync" --help)")
extra=""
for o in $(options "$page"); do
	printf '%s\n%s\n--help\n--version\n' "$want" "$sync_opts" | grep -qx -- "$o" || extra="$extra $o"
done
is "$extra" "" "motcua.1 names no option motcua (or motcua-sync, quoted) does not have"

# motcua-smsd.8: the options.
ok "$([ -x "$SMSD" ]; echo $?)" "motcua-smsd is next to motcua"
shelp=$("$SMSD" --help)
ok $? "motcua-smsd --help exits 0"
like "$shelp" "^usage: motcua-smsd" "... and shows the usage"
spage=$(render C.UTF-8 "$DOC/motcua-smsd.8" 1000)
swant=$(options "$shelp")
ok "$([ "$(printf '%s\n' "$swant" | wc -l)" -ge 5 ]; echo $?)" "motcua-smsd --help names its options ($(echo $swant))"
missing=""
for o in $swant; do
	printf '%s\n' "$spage" | grep -qE -- "$o([^a-z-]|\$)" || missing="$missing $o"
done
is "$missing" "" "every option motcua-smsd --help lists is in motcua-smsd.8"
extra=""
for o in $(options "$spage"); do
	printf '%s\n--help\n--version\n' "$swant" | grep -qx -- "$o" && continue
	# motcua's own commands quoted in the page (examples, see also)
	printf '%s\n' "$want" | grep -qx -- "$o" || extra="$extra $o"
done
is "$extra" "" "motcua-smsd.8 names no option the programs do not have"

# The daemons' pages: motcua-ussd.8, motcua-sync.8, motcua-hub.8, each against its
# program's --help: every option it lists is in the page, and the page names no option
# the programs do not have.
program_page() {	# program_page BINARY PAGE: the checks; sets $rendered
	_bin=$1 _name=$(basename "$2")
	ok "$([ -x "$_bin" ]; echo $?)" "$(basename "$_bin") is next to motcua"
	_help=$("$_bin" --help)
	ok $? "$(basename "$_bin") --help exits 0"
	rendered=$(render C.UTF-8 "$2" 1000)
	_want=$(options "$_help")
	ok "$([ "$(printf '%s\n' "$_want" | wc -l)" -ge 5 ]; echo $?)" "$(basename "$_bin") --help names its options ($(echo $_want))"
	missing=""
	for o in $_want; do
		printf '%s\n' "$rendered" | grep -qE -- "$o([^a-z-]|\$)" || missing="$missing $o"
	done
	is "$missing" "" "every option $(basename "$_bin") --help lists is in $_name"
	extra=""
	for o in $(options "$rendered"); do
		printf '%s\n--help\n--version\n' "$_want" | grep -qx -- "$o" && continue
		printf '%s\n' "$want" | grep -qx -- "$o" || extra="$extra $o"
	done
	is "$extra" "" "$_name names no option the programs do not have"
}
SYNC=$(dirname "$MOTCUA")/motcua-sync
HUB=$(dirname "$MOTCUA")/motcua-hub
program_page "$USSD" "$DOC/motcua-ussd.8"
upage=$rendered
program_page "$SYNC" "$DOC/motcua-sync.8"
ypage=$rendered
program_page "$HUB" "$DOC/motcua-hub.8"
hpage=$rendered

# The environment and the settings the programs read (their string constants).
strings_of() {	# strings_of BINARY: its NUL-separated strings, one a line
	tr '\0' '\n' <"$1"
}
env_section() {	# env_section TEXT: the rendered ENVIRONMENT section
	printf '%s\n' "$1" | sed -n '/^ENVIRONMENT/,/^[A-Z]/p'
}
for bin in "$MOTCUA:$page:motcua.1" "$SMSD:$spage:motcua-smsd.8" "$USSD:$upage:motcua-ussd.8" \
    "$SYNC:$ypage:motcua-sync.8" "$HUB:$hpage:motcua-hub.8"; do
	b=${bin%%:*}
	rest=${bin#*:}
	text=${rest%:*}
	name=${rest##*:}
	vars=$(strings_of "$b" | grep -oE 'MOTCUA_[A-Z_]*[A-Z]' | sort -u)
	ok "$([ -n "$vars" ]; echo $?)" "$(basename "$b") reads $(echo $vars)"
	missing=""
	for v in $vars; do
		env_section "$text" | grep -qE "^       $v\$" || missing="$missing $v"
	done
	is "$missing" "" "... each under ENVIRONMENT in $name"
done
# motcua.conf.5: every key of the settings file, under its section, and no other.
conf=$(mc config --format tsv | tail -n +2 | cut -f1,2)
ok "$([ -n "$conf" ]; echo $?)" "motcua config lists the settings file's keys"
documented=$(awk '/^\.SS \[/ { sec = substr($2, 2, length($2) - 2) }
	/^\.SH/ { sec = "" }
	sec != "" && prev == ".TP" && /^\.B [a-z]/ { k = $2; gsub(/\\/, "", k); print sec "\t" k }
	{ prev = $0 }' "$DOC/motcua.conf.5")
is "$(printf '%s\n' "$documented" | sort)" "$(printf '%s\n' "$conf" | sort)" \
	"motcua.conf.5 documents exactly the keys motcua knows, each under its section"
# The console's keys: every key and what it does, as the screens' key tables (the
# tables F1 shows) say them, is under KEYS in motcua.1.
TUI=$(cd "$(dirname "$0")/../../tui" && pwd)
keys=$(printf '%s\n' "$page" | sed -n '/^KEYS/,/^[A-Z]/p')
tables=$(cat "$TUI"/*.c | grep -E '^[[:space:]]*\{ \.key = .*\.keyname = ')
ok "$([ "$(printf '%s\n' "$tables" | wc -l)" -ge 60 ]; echo $?)" "the console's key tables ($(printf '%s\n' "$tables" | wc -l) keys)"
missing=""
for k in $(printf '%s\n' "$tables" | sed 's/.*\.keyname = "\([^"]*\)".*/\1/' | sort -u | tr ' ' '_'); do
	k=$(printf '%s' "$k" | tr '_' ' ')
	printf '%s\n' "$keys" | grep -qxF -- "       $k" ||
		printf '%s\n' "$keys" | grep -qE -- "^       $(printf '%s' "$k" | sed 's/[][\.*^$?+(){}|/]/\\&/g')( |\$)" ||
		missing="$missing [$k]"
done
is "$missing" "" "every key of the console is under KEYS in motcua.1"
missing=""
lower=$(printf '%s\n' "$keys" | tr 'A-Z' 'a-z' | tr -s ' \n' '  ')
for h in $(printf '%s\n' "$tables" | sed -n 's/.*\.help = N_("\([^"]*\)").*/\1/p' | sort -u | tr ' ' '_'); do
	h=$(printf '%s' "$h" | tr '_' ' ')
	printf '%s\n' "$lower" | grep -qF -- "$(printf '%s' "$h" | tr 'A-Z' 'a-z')" || missing="$missing [$h]"
done
is "$missing" "" "... with what it does, as its help says it"

settings=$(strings_of "$SMSD" | grep -E '^sms\.[a-z_.%]+$' | sed 's/\.%s//g' | sort -u)
ok "$([ "$(printf '%s\n' "$settings" | wc -l)" -ge 10 ]; echo $?)" "motcua-smsd reads the settings $(echo $settings)"
missing=""
for k in $settings; do
	printf '%s\n' "$spage" | grep -qE -- "(^|[^a-z_.])$k([^a-z_]|\$)" || missing="$missing $k"
done
is "$missing" "" "every sms.* setting the daemon reads is in motcua-smsd.8"
done_testing
