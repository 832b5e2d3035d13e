# ussd.sh -- motcua-ussd, the USSD gateway's HTTP endpoint, driven with curl as a
# gateway would: the menu, a dossier's status in plain words (and nothing personal to
# a number that is not the dossier's), procedures, a rating (and a gateway's retry of
# it counted once), opt-out; malformed requests of every kind answered with their
# status and an "END" screen while the daemon goes on; throttling of unknown codes;
# limits on looking up other people's dossiers (per number, all together); a
# locked database answered "try again" in time; concurrent clients; a client that
# stalls; TLS; the command line's refusals; SIGTERM.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sms/ussd-lib.sh"
USSD=${MOTCUA_USSD:-$(dirname "$MOTCUA")/motcua-ussd}
PIDS=""
trap 'for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

if [ ! -x "$USSD" ]; then
	ok 1 "motcua-ussd is built next to motcua ($USSD)"
	done_testing
	exit 1
fi
setup_office
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday with no holiday near
q() { sqlite3 -cmd ".timeout 10000" "$DB" "$1"; }

OWNER=0912345678
STRANGER=0987654321
c1=$(mc intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone "$OWNER" --id 001090012345 \
	--address "Thôn Đông, xã Tân Lập" --sms yes)
c2=$(mc intake --procedure 1.001193 --name "Trần Thị Bình" --phone "$OWNER" --sms yes)
mc event "$c2" result-ready >/dev/null && mc event "$c2" result-returned >/dev/null
short1=${c1#*-}		# 261012-0001, as a citizen types it
short2=${c2#*-}
others=""		# six dossiers of six other phones, 261012-0003 to 0008
for i in 1 2 3 4 5 6; do
	c=$(mc intake --procedure 1.004873 --name "Lê Văn Cường" --phone "093300000$i" --sms yes)
	others="$others ${c#*-}"
done

# ---------------------------------------------------------------- helpers


# ask SESSION PHONE TEXT: one gateway request; BODY gets the answer, CODE its status.
ask() {
	_out=$(curl -s -m 10 -w '\n%{http_code}' --data-urlencode "sessionId=$1" \
		--data-urlencode "serviceCode=*384*12#" --data-urlencode "phoneNumber=$2" \
		--data-urlencode "networkCode=45204" --data-urlencode "text=$3" "$URL")
	CODE=${_out##*
}
	BODY=${_out%
*}
}

# raw CURL-ARGS...: any request to the daemon; BODY and CODE as ask.
raw() {
	_out=$(curl -s -m 10 -w '\n%{http_code}' "$@")
	CODE=${_out##*
}
	BODY=${_out%
*}
}

# screen_ok: the answer is one USSD screen: CON or END, at most 182 characters of
# printable ASCII and newlines.
screen_ok() {
	case "$BODY" in "CON "*|"END "*) ;; *) return 1 ;; esac
	[ "$(printf '%s' "$BODY" | wc -m)" -le 182 ] &&
		! printf '%s' "$BODY" | tr -d '\n' | LC_ALL=C grep -q '[^ -~]'
}

good_request_works() {	# good_request_works DESCRIPTION
	ask "alive-$(date +%s%N)" "$STRANGER" ""
	is "$CODE $(printf '%s' "$BODY" | head -1 | cut -c1-4)" "200 CON " "$1"
}

# ---------------------------------------------------------------- the command line

is "$(status "$USSD" --help)" 0 "--help"
like "$("$USSD" --help)" "reverse proxy" "--help says it belongs behind TLS or a TLS reverse proxy"
like "$("$USSD" --version)" "^motcua-ussd [0-9]" "--version"
is "$(status "$USSD" --frobnicate)" 2 "an unknown option is bad usage"
is "$(status "$USSD" --listen nowhere)" 2 "--listen without a port is bad usage"
is "$(status "$USSD" --timeout 0)" 2 "--timeout 0 is bad usage"
is "$(status "$USSD" --path ussd)" 2 "--path must start with /"
is "$(status "$USSD" --tls-cert "$T/none.pem")" 2 "--tls-cert without --tls-key is bad usage"
is "$(status "$USSD" --db "$T/nothing.db" --foreground --listen 127.0.0.1:0)" 1 "a missing store is refused"
out=$("$USSD" --db "$DB" --foreground --listen 0.0.0.0:0 2>&1)
is $? 2 "a non-loopback address without TLS is refused"
like "$out" "0\.0\.0\.0:[0-9]+ (without|khi không có) TLS" "... saying why"
like "$out" "--insecure-listen" "... and what would override it"

# ---------------------------------------------------------------- the menus

ussd_start main || ok 1 "motcua-ussd starts"
MAIN=$PID
URL=http://127.0.0.1:$PORT/ussd
like "$(cat "$T/main.log")" "listening on 127\.0\.0\.1:$PORT \(path /ussd" "it listens on 127.0.0.1 (port 0: a free one), path /ussd"

ask s1 "$STRANGER" ""
is "$CODE" 200 "the first request (text empty) is answered 200"
like "$BODY" "^CON UBND xa Tan Lap" "... CON with the office's name, unaccented"
like "$BODY" "1\. Tra cuu ho so" "... and the menu"
ok "$(screen_ok && echo 0 || echo 1)" "... one screen of at most 182 GSM-7 characters"
like "$(curl -s -D - -o /dev/null -d 'sessionId=h&serviceCode=1&phoneNumber=1&text=' "$URL" | tr -d '\r')" \
	"Content-Type: text/plain; charset=utf-8" "the answer is text/plain; charset=utf-8"

ask s1 "$STRANGER" "1"
like "$BODY" "^CON Nhap ma ho so" "1: asks for the dossier code"
ask s1 "$STRANGER" "1*$short1"
is "$CODE" 200 "a dossier code is answered"
like "$BODY" "^END Ho so $c1: da tiep nhan\. Ngay hen tra: 15/10/2026\.$" \
	"... END with its status and due date in plain words"
unlike "$BODY" "Nguyen|Van An|001090012345|Thon Dong|hon nhan" \
	"... and to a number that is not the dossier's: no name, ID, address or procedure"
ask s2 "+84 912 345 678" "1*$short1"
like "$BODY" "^END Ho so $c1 \(Cap Giay xac nhan tinh trang hon nhan\): da tiep nhan" \
	"the dossier's own phone (+84 form) is told the procedure too"
unlike "$BODY" "Nguyen|001090012345|Thon Dong" "... but never the name, ID or address"
ask s3 "$STRANGER" "1*261012-0099"
like "$BODY" "^END Khong tim thay ho so" "an unknown code: not found"
ask s4 "$STRANGER" "2*khai sinh"
like "$BODY" "^END .*(khai sinh|Khai sinh)" "2: a procedure's documents, time and fee"
ask s5 "$OWNER" "3*$short2"
like "$BODY" "^CON Danh gia ho so $c2:" "3: the owner is asked for a mark"
like "$BODY" "^4\. Rat hai long" "... from 4 (very satisfied)"
ask s5 "$OWNER" "3*$short2*4"
like "$BODY" "^END Cam on" "... and the mark is recorded"
ask s5 "$OWNER" "3*$short2*4"
like "$BODY" "^END Cam on" "the gateway's retry of the same request gets the same answer"
is "$(q "SELECT count(*) FROM dossier_event WHERE code = '$c2' AND kind = 'rated'")" 1 \
	"... and the rating is recorded once"
like "$(grep -c 'rate (repeated)' "$T/main.log")" "^1$" "... the log says it was a repeat"
ask s6 "$OWNER" "4*1"
like "$BODY" "^END So nay se khong nhan tin" "4*1: notices stopped"
is "$(q "SELECT count(*) FROM sms_optout WHERE number = '$OWNER'")" 1 "... and the opt-out recorded"
ask s7 "$OWNER" "4*2"
is "$(q "SELECT count(*) FROM sms_optout WHERE number = '$OWNER'")" 0 "4*2: notices again"
ask s8 "$STRANGER" "9"
like "$BODY" "^END Lua chon khong hop le" "a choice not on the menu: END"
ask s9 "VIETTEL-9" "1*$short1"
is "$CODE" 400 "a phoneNumber that is not a number is malformed"
ask s9 "1900" "1*$short1"
like "$CODE $BODY" "^200 END " "a short code gets an END screen and nothing else"

# ---------------------------------------------------------------- malformed requests

form='sessionId=m&serviceCode=%2A384%23&phoneNumber=0987654321&text='
raw --data-binary "@$DB" "$URL"
like "$CODE" "^(400|413)$" "a binary body (the store file itself) is refused"
head -c 3000 /dev/urandom >"$T/random.bin"
raw --data-binary "@$T/random.bin" "$URL"
is "$CODE" 400 "3000 random bytes: 400"
like "$BODY" "^END " "... with an END screen"
awk 'BEGIN { for (i = 0; i < 100 * 1024; i++) printf "a" }' >"$T/100k"
raw --data-binary "@$T/100k" "$URL"
is "$CODE" 413 "a 100 KB body: 413"
raw -H "Transfer-Encoding: chunked" --data-binary "@$T/100k" "$URL"
is "$CODE" 413 "... also sent chunked, without a length"
good_request_works "the daemon still answers"
raw -d "sessionId=m&serviceCode=1&text=" "$URL"
is "$CODE" 400 "no phoneNumber: 400"
like "$BODY" "^END (Xin loi|Sorry)" "... an END screen saying the request could not be read"
raw -d "serviceCode=1&phoneNumber=0987654321&text=" "$URL"
is "$CODE" 400 "no sessionId: 400"
raw -d "" "$URL"
is "$CODE" 400 "an empty body: 400"
raw -d "${form}1%G1" "$URL"
is "$CODE" 400 "bad percent-encoding: 400"
raw -d "${form}1%" "$URL"
is "$CODE" 400 "a '%' at the end: 400"
raw -d "${form}1%00" "$URL"
is "$CODE" 400 "an encoded NUL: 400"
raw -d "${form}1&text=2" "$URL"
is "$CODE" 400 "a field given twice: 400"
raw -d "sessionId=m&serviceCode=1&phoneNumber=0987654321&text=$(awk 'BEGIN { for (i = 0; i < 600; i++) printf "1" }')" "$URL"
is "$CODE" 400 "a text longer than 512 bytes: 400"
raw -d "${form}%FF%FE%01*%C3" "$URL"
like "$CODE $BODY" "^200 END " "text of invalid UTF-8 and controls: an END screen"
raw -d "${form}&channel=web&x" "$URL"
like "$CODE $BODY" "^200 CON " "fields the endpoint does not know are ignored"
raw -H "Content-Type: application/json" -d '{"sessionId":"j"}' "$URL"
is "$CODE" 415 "a JSON body: 415"
raw "$URL"
is "$CODE" 405 "GET of the path: 405"
like "$(curl -s -D - -o /dev/null "$URL" | tr -d '\r')" "Allow: POST" "... with Allow: POST"
raw -X PUT -d "$form" "$URL"
is "$CODE" 405 "PUT: 405"
raw -d "$form" "http://127.0.0.1:$PORT/other"
is "$CODE" 404 "a wrong path: 404"
like "$BODY" "^END " "... with an END screen"
raw "http://127.0.0.1:$PORT/"
like "$CODE $BODY" "^200 motcua-ussd ok" "GET / is a health check"
raw -H "Content-Length: 5" -H "X-Long: $(awk 'BEGIN { for (i = 0; i < 40000; i++) printf "h" }')" -d "$form" "$URL"
like "$CODE" "^4[0-9][0-9]$" "40 KB of headers are refused"
good_request_works "the daemon answers the next good request"

# ---------------------------------------------------------------- the log

log=$(cat "$T/main.log")
unlike "$log" "$OWNER|$STRANGER|912 345|Nguy|001090012345" "the log has no phone number, name or ID"
like "$log" "POST /ussd 200 status from 09xxxxx678 session s2, 2 inputs" \
	"... one line per request: status, what it was, the number masked, the session"
like "$log" "POST /ussd 400 refused: phoneNumber is missing" "... and why a request was refused"
before=$(wc -l <"$T/main.log")
ask n1 "$STRANGER" ""
ask n2 "$STRANGER" "1*$short1"
raw -d "sessionId=n3" "$URL"
is "$(($(wc -l <"$T/main.log") - before))" 3 "... three requests, three lines"

# ---------------------------------------------------------------- enumeration of codes

spam=0977000111
held=0
for i in 1 2 3 4 5 6 7 8 9; do
	ask "e$i" "$spam" "1*261012-010$i"
	case "$BODY" in "END Khong tim thay"*) ;; *) ok 1 "unknown code $i: $BODY" ;; esac
done
ok 0 "nine unknown codes from one number are answered 'not found'"
is "$(grep -c "from 09xxxxx111 .*(held: a slowed caller)" "$T/main.log")" 5 "... from the fifth on, slowed"
ask e10 "$spam" "1*261012-0110"
like "$BODY" "^END Dich vu tam ngung" "the tenth: the number is blocked"
ask e11 "$spam" "1*$short1"
like "$BODY" "^END Dich vu tam ngung" "... even for a real code"
ask e12 "$STRANGER" "1*$short1"
like "$BODY" "^END Ho so $c1" "... other numbers are not affected"
ask e13 "$spam" "4*1"
like "$BODY" "^END So nay se khong nhan tin" "... and the blocked number may still stop notices"

# ---------------------------------------------------------------- other people's dossiers

walker=0977222333
n=0
for code in $others; do
	n=$((n + 1))
	ask "w$n" "$walker" "1*$code"
	[ $n -le 5 ] || break
	case "$BODY" in "END Ho so "*": da tiep nhan"*) ;; *) ok 1 "look-up $n of another's dossier: $BODY" ;; esac
done
ok 0 "one number looks up five dossiers of others"
like "$BODY" "^END So nay da tra cuu du so ho so cua nguoi khac cho phep trong 24 gio" \
	"the sixth is refused (sms.lookup_per_number, default 5 a day)"
unlike "$BODY" "tiep nhan|hen tra" "... without its status or date"
like "$(grep 'session w6' "$T/main.log")" "POST /ussd 200 limited from 09xxxxx333 .*this number looked up 5 dossiers" \
	"... and the log says why"
ask w7 "$walker" "1*261012-0999"
like "$BODY" "^END So nay da tra cuu du so" "... an unknown code gets the same answer (it says nothing of what exists)"
ask w8 "$walker" "1*$(echo $others | cut -d' ' -f1)"
like "$BODY" "^END Ho so .*: da tiep nhan" "... a dossier it looked up already is answered again"
ask w9 "0933000006" "1*$(echo $others | cut -d' ' -f6)"
like "$BODY" "^END Ho so .*\(Cap Giay xac nhan tinh trang hon nhan\): da tiep nhan" \
	"the dossier's own phone is always answered"
before=$(q "SELECT count(*) FROM query_lookup")
q "INSERT OR REPLACE INTO setting VALUES ('sms.lookup_overall', '$((before + 2))')"
ask o1 0966000001 "1*$(echo $others | cut -d' ' -f2)"
ask o2 0966000002 "1*261012-0998"
ask o3 0966000003 "1*$(echo $others | cut -d' ' -f3)"
like "$BODY" "^END He thong dang nhan qua nhieu yeu cau tra cuu\. Vui long thu lai sau 60 phut" \
	"all numbers together: beyond sms.lookup_overall look-ups in an hour, refused"
ask o4 "$OWNER" "1*$short1"
like "$BODY" "^END Ho so $c1 \(" "... the owner is still answered"
q "DELETE FROM setting WHERE key = 'sms.lookup_overall'"
ask o5 0966000003 "1*$(echo $others | cut -d' ' -f3)"
like "$BODY" "^END Ho so .*: da tiep nhan" "... and with the setting back to its default, answered"
is "$(q "SELECT count(*) FROM query_lookup WHERE number = '$walker' AND found = 1")" 5 \
	"the store counts the number's five look-ups (the SMS daemons see them too)"

# ---------------------------------------------------------------- concurrent clients

n=0
for i in 1 2 3 4 5 6 7 8; do
	curl -s -m 10 --data-urlencode "sessionId=c$i" --data-urlencode "serviceCode=*384#" \
		--data-urlencode "phoneNumber=0912000$((100 + i))" \
		--data-urlencode "text=1*$short1" "$URL" >"$T/conc$i" &
	clients="${clients:-} $!"
done
for p in $clients; do wait "$p"; done
for i in 1 2 3 4 5 6 7 8; do
	grep -q "^END Ho so $c1: da tiep nhan" "$T/conc$i" && n=$((n + 1))
done
is "$n" 8 "eight clients at once all get their answer"

# A client that sends its headers and part of its body, then stalls.
perl -MIO::Socket::INET -e '
	my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $ARGV[0]) or exit 1;
	print $s "POST /ussd HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\nsessionId=slow";
	$s->flush; print "connected\n"; STDOUT->flush; sleep 60;' "$PORT" >"$T/slow.out" &
SLOW=$!
PIDS="$PIDS $SLOW"
_i=0
while [ "$(cat "$T/slow.out" 2>/dev/null)" != connected ] && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
good_request_works "a stalled client does not hold up the others"

# ---------------------------------------------------------------- a locked database

mkfifo "$T/lock"
sqlite3 "$DB" <"$T/lock" >"$T/lock.out" 2>&1 &
LOCKER=$!
PIDS="$PIDS $LOCKER"
exec 7>"$T/lock"
echo "BEGIN IMMEDIATE; INSERT INTO audit(at, actor, action) VALUES ('x', 'lock', 'lock'); SELECT 'locked';" >&7
_i=0
while ! grep -q locked "$T/lock.out" && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
ask l1 "$OWNER" "4*1"
is "$CODE" 200 "a locked database: the request is answered in time"
like "$BODY" "^END .*(thu lai|try again)" "... END, try again (and not a confirmation it could not record)"
is "$(q "SELECT count(*) FROM sms_optout WHERE number = '$OWNER'")" 0 "... nothing recorded"
like "$(grep 'session l1' "$T/main.log")" " busy " "... the log says the store was busy"
export MOTCUA_BUSY_TIMEOUT=20000
ussd_start patient --timeout 2
ok $? "a second daemon starts on the locked store, with MOTCUA_BUSY_TIMEOUT=20000 and --timeout 2"
unset MOTCUA_BUSY_TIMEOUT
PATIENT=$PID
URL=http://127.0.0.1:$PORT/ussd
ask l3 "$OWNER" "4*1"
like "$CODE $BODY" "^200 END .*(thu lai|try again)" "... it says 'try again' before the gateway gives up"
like "$(grep 'session l3' "$T/patient.log")" " busy " "... and logs that the store was busy"
ussd_stop "$PATIENT"
URL=http://127.0.0.1:$(sed -n 's/.*listening on .*:\([0-9]*\).*/\1/p' "$T/main.log")/ussd
echo "COMMIT;" >&7
exec 7>&-
wait "$LOCKER"
ask l2 "$OWNER" "4*1"
like "$BODY" "^END So nay se khong nhan tin" "the lock gone, the same request goes through"
is "$(q "SELECT count(*) FROM sms_optout WHERE number = '$OWNER'")" 1 "... and is recorded"

# ---------------------------------------------------------------- stopping

ussd_stop "$MAIN"
is "$RC" 0 "SIGTERM stops it with status 0, a stalled client connected"
like "$(tail -1 "$T/main.log")" "stopped" "... and it says so"
kill "$SLOW" 2>/dev/null
wait "$SLOW" 2>/dev/null

# ---------------------------------------------------------------- TLS

if "$USSD" --help >/dev/null && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
	-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$T/key.pem" -out "$T/cert.pem" \
	>/dev/null 2>&1; then
	ok 0 "a self-signed certificate for 127.0.0.1"
else
	ok 1 "a self-signed certificate for 127.0.0.1 (openssl)"
fi
out=$("$USSD" --db "$DB" --foreground --listen 127.0.0.1:0 --tls-cert "$T/cert.pem" --tls-key "$T/nothing.pem" 2>&1)
is $? 2 "--tls-key of a missing file is refused"
if ussd_start tls --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"; then
	like "$(cat "$T/tls.log")" "listening on 127\.0\.0\.1:[0-9]+ with TLS" "with --tls-cert and --tls-key it serves HTTPS"
	URL=https://127.0.0.1:$PORT/ussd
	raw --cacert "$T/cert.pem" -d "sessionId=t1&serviceCode=1&phoneNumber=$STRANGER&text=1*$short1" "$URL"
	like "$CODE $BODY" "^200 END Ho so $c1: da tiep nhan" "... a request over TLS is answered"
	raw -d "sessionId=t2&serviceCode=1&phoneNumber=$STRANGER&text=" "http://127.0.0.1:$PORT/ussd"
	unlike "$CODE" "^200$" "... plain HTTP to it gets no answer"
	ussd_stop "$PID"
	is "$RC" 0 "... and it stops"
	ussd_start tlsany --listen 0.0.0.0:0 --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
	ok $? "with TLS it may listen on every address"
	ussd_stop "$PID"
	is "$RC" 0 "... and it stops"
else
	like "$(cat "$T/tls.log")" "libmicrohttpd.*TLS" "this libmicrohttpd has no TLS: --tls-cert is refused, saying so"
fi
ussd_start insecure --listen 0.0.0.0:0 --insecure-listen
ok $? "--insecure-listen overrides the refusal"
like "$(cat "$T/insecure.log")" "(warning|cảnh báo): .*0\.0\.0\.0:[0-9]+ (without|không có) TLS" "... with a warning"
ussd_stop "$PID"
is "$RC" 0 "... and it stops"
done_testing
