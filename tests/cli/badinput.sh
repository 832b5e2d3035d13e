# badinput.sh -- bad input of every kind gets a clear error, never a crash, and the store
# stays consistent.
. "$(dirname "$0")/../lib.sh"
setup_office
export MOTCUA_NOW='2026-10-12 09:00'

crashed() {	# crashed STATUS: 1 if the status says a signal killed the program
	[ "$1" -ge 128 ] && echo 1 || echo 0
}

code=$(mc intake --procedure 1.001193 --name "Nguyễn Văn Ân")
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
for args in "show" "show $long" "search $long" "search ''" "show '\377\376'" \
	"event $code" "event $code note --note" "intake --name" "intake --procedure" \
	"holiday list abc" "holiday list 99999" "catalog" "user" "user add" "user add X --role god" \
	"due" "due 1.001193 2026-13-45" "--format xml search a" "--db" "nonsense" \
	"intake --procedure 1.001193 --name x --sets 0" "intake --procedure 1.001193 --name x --sms maybe" \
	"event $code extended --due yesterday" "search 😀🇻🇳" "show 😀" "check extra"; do
	eval "mc $args" >/dev/null 2>"$T/err"
	rc=$?
	is "$(crashed $rc)" 0 "motcua $(echo "$args" | cut -c1-40) does not crash"
	like "$rc:$(head -c 300 "$T/err")" "^(0:|[12]:.+)" "... and explains itself when refused"
done
for cmd in init user catalog holiday intake event show search due demo check; do
	out=$(mc $cmd --help 2>&1)
	is $? 0 "motcua $cmd --help succeeds"
	like "$out" "motcua $cmd" "... and shows its usage"
done
like "$(mc --help)" "intake" "motcua --help lists the commands"
printf '%s' "$long" >"$T/long.csv"
is "$(crashed "$(status mc catalog import "$T/long.csv")")" 0 "a CSV of one 100 kB line does not crash"
head -c 200000 /dev/urandom >"$T/random.csv"
is "$(status mc holiday import "$T/random.csv")" 1 "a binary holiday file is refused"
is "$(status mc catalog import "$T/random.csv")" 1 "a binary catalogue is refused"
is "$(status mc catalog import /)" 1 "a directory is refused"
like "$(mc intake --procedure 1.001193 --name "Tên rất dài $long" 2>&1)" "long|dài" "an over-long name is refused"
is "$(status mc check)" 0 "the store is consistent after all that"

done_testing
