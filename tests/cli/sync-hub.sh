# sync-hub.sh -- motcua-hub against a real, throwaway PostgreSQL: its command line (office
# add/token/revoke/list, stats), an office's push through motcua-sync (stored once,
# dossiers folded as on the office, a resent batch harmless), and every kind of bad
# request answered with its status while nothing changes: bad JSON, a wrong or revoked
# token, another office's events, a gap, a hash that does not match, an unknown format,
# oversized and gzip-bomb bodies, a body that stalls, wrong types, paths and methods;
# the exposure rules (no plain HTTP off loopback, on either side) and HTTPS with a CA.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday

# ---------------------------------------------------------------- the command line
is "$(status "$HUB" --help)" 0 "motcua-hub --help"
like "$("$HUB" --help)" "office add CODE --name NAME" "... lists the office commands"
is "$(MOTCUA_HUB_PG= status "$HUB" stats)" 2 "without --pg: bad usage"
is "$(status "$HUB" --pg x --frobnicate)" 2 "an unknown option is bad usage"
is "$(status "$HUB" --pg x office add 'A B' --name x)" 2 "an office code with a space is bad usage"
is "$(status "$HUB" --pg x --tls-cert /nonexistent)" 2 "--tls-cert without --tls-key is bad usage"
out=$("$HUB" --pg "host=/nonexistent" --listen 0.0.0.0:0 2>&1)
is $? 2 "a non-loopback address without TLS is refused"
like "$out" "--insecure-listen" "... saying what would override it"
is "$(status "$SYNC" --db "$T/none.db" --hub http://127.0.0.1:1 --token x)" 2 "motcua-sync without --once or --watch: bad usage"

pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
ok 0 "a throwaway PostgreSQL cluster starts (initdb as an unprivileged user, socket in $PGT)"

office_new prov 000.00.00.H56 || ok 1 "the province office is added"
office_new a 000.17.22.H56 000.00.00.H56 || ok 1 "office a is added"
like "$(cat "$T/a.token")" "added" "office add says so"
like "$(tail -n 1 "$T/a.token")" "^[0-9a-f]{64}$" "... and prints the token as its last line"
is "$(psql_q "SELECT count(*) FROM office WHERE token_hash = sha256(convert_to('$TOKEN_a', 'UTF8'))")" 1 \
	"the hub keeps only the token's hash"
is "$(psql_q "SELECT count(*) FROM office WHERE token_hash::text LIKE '%$TOKEN_a%'")" 0 "... never the token itself"
is "$(status "$HUB" --pg "$PG" office add 000.17.22.H56 --name again)" 1 "an office added twice is refused"
is "$(status "$HUB" --pg "$PG" office add 000.17.99.H56 --name x --parent 000.99.99.H56)" 1 \
	"an office under an unknown parent is refused"
like "$("$HUB" --pg "$PG" office list --format tsv)" "000.17.22.H56	Office a	000.00.00.H56	active	0" \
	"office list shows the tree and the token's state"

# ---------------------------------------------------------------- a push
hub_start hub || ok 1 "the hub starts"
like "$(cat "$T/hub.log")" "listening on 127\.0\.0\.1:$HUB_PORT" "the hub listens on loopback, a free port"
is "$(curl -s "$HUB_URL/v1/health")" "motcua-hub ok" "GET /v1/health answers without a token"
is "$(curl -s -o /dev/null -w '%{http_code}' "$HUB_URL/v1/hello")" 401 "GET /v1/hello without a token: 401"
like "$(curl -s -H "Authorization: Bearer $TOKEN_a" "$HUB_URL/v1/hello")" '"office":"000.17.22.H56".*"cursor":0' \
	"... with the office's token: who it is and its cursor"

c1=$(on a intake --procedure 1.004873 --name "Nguyễn Văn Ân" --phone 0912345678 --id 001090012345 --sms yes)
c2=$(on a intake --procedure 1.001193 --name "Trần Thị Bình" --phone 0987654321)
c3=$(on a intake --procedure 2.000815 --name "Lê Văn Cường")
on a event "$c2" result-ready >/dev/null && on a event "$c2" result-returned >/dev/null
on a event "$c3" supplement-requested --items "Bản sao CCCD" --reason "Thiếu" >/dev/null
sync_once a
is $? 0 "motcua-sync --once pushes the office's events: exit 0"
like "$(cat "$T/a.sync")" "pushed 6 events .*backlog 0" "... one result line: 6 events pushed, backlog 0"
is "$("$HUB" --pg "$PG" stats --format tsv | grep '^000.17.22.H56' | cut -f1-4)" "000.17.22.H56	6	6	3" \
	"stats: code, events held, cursor, dossiers"
like "$("$HUB" --pg "$PG" stats --format tsv | head -1)" "^code	events	cursor	dossiers	last_push$" "... with a header line"
like "$("$HUB" --pg "$PG" stats --format json)" '"events": 6' "stats --format json"
same_dossiers "every dossier's row on the hub has the same digest as on the office" a
is "$(status "$HUB" --pg "$PG" check)" 0 "motcua-hub check: every dossier agrees with its events"
is "$(status on a check)" 0 "motcua check agrees on the office"
is "$(psql_q "SELECT count(*) FROM dossier WHERE code = '$c3' AND status = 5")" 1 "the hub folded the supplement request"
same_events "after a push" a

# A resent batch (the client lost the hub's answer): known, nothing doubled.
sqlite3 "$T/a.db" "UPDATE setting SET value = '0' WHERE key = 'sync.cursor'"
sync_once a
is $? 0 "the same batch sent again is accepted"
is "$(psql_q "SELECT count(*) FROM event")" 6 "... and nothing is stored twice"
same_events "a duplicated batch" a

# ---------------------------------------------------------------- bad requests
# hub_state: the hub's events, refusals, holders and cursors, to compare before and after.
hub_state() {
	psql_q "SELECT (SELECT count(*) FROM event), (SELECT md5(string_agg(office || seq ||
		encode(hash, 'hex'), ',' ORDER BY office, seq)) FROM event), (SELECT count(*) FROM
		refused), (SELECT count(*) FROM holder), (SELECT string_agg(code || cursor, ',' ORDER
		BY code) FROM office)"
}

# Office b's requests are written by hand here.
office_new b 000.17.23.H56 000.00.00.H56
B1=000.17.23.H56-261012-0001
RECEIVED='{"due":"2026-10-15 17:00","name":"X","office":"000.17.23.H56","procedure":"1.004873"}'
# ev SEQ CODE POS KIND PAYLOAD [OFFICE]: one event line of office b with its hash
# (hashed as OFFICE's when given).
ev() {
	_off=${6:-000.17.23.H56}
	_h=$(printf 'motcua-event/1\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s' "$_off" "$1" "$2" "$3" "$4" \
		"2026-10-12 09:00" "canbo1" "$5" | sha256sum | cut -c1-16)
	printf '{"seq":%s,"code":"%s","pos":%s,"kind":"%s","at":"2026-10-12 09:00","actor":"canbo1","data":%s,"hash":"%s"}\n' \
		"$1" "$2" "$3" "$4" "$5" "$_h"
}
# post PATH TOKEN [CURL ARGS]: CODE and BODY of the answer (the body is JSON lines
# unless ARGS say another Content-Type).
post() {
	_p=$1
	_t=$2
	shift 2
	case "$*" in *Content-Type*) _ct= ;; *) _ct='Content-Type: application/x-ndjson' ;; esac
	_out=$(curl -s -m 20 -w '\n%{http_code}' -H "Authorization: Bearer $_t" \
		${_ct:+-H "$_ct"} "$@" "$HUB_URL$_p")
	CODE=${_out##*
}
	BODY=${_out%
*}
}
good_head='{"format":1,"office":"000.17.23.H56","events":1}'
before=$(hub_state)

printf '%s\n%s' "$good_head" "$(ev 1 "$B1" 1 received "$RECEIVED")" >"$T/good.nd"
post /v1/push "$TOKEN_b" --data-binary 'this is not json'
is "$CODE" 400 "bad JSON: 400"
like "$BODY" '"why":"json"' "... saying why"
post /v1/push 0000000000000000000000000000000000000000000000000000000000000000 --data-binary @"$T/good.nd"
is "$CODE" 401 "a wrong token: 401"
post /v1/push "$TOKEN_a" --data-binary @"$T/good.nd"
is "$CODE" 403 "office b's events with office a's token: 403"
like "$BODY" "token is office 000.17.22.H56" "... saying whose token it is"
printf '%s\n%s' "$good_head" "$(ev 1 "$B1" 1 received "$RECEIVED" 000.17.22.H56)" >"$T/other.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/other.nd"
is "$CODE" 400 "an event hashed as another office's: 400"
printf '%s\n{"office":"000.17.22.H56",%s' "$good_head" "$(ev 1 "$B1" 1 received "$RECEIVED" | cut -c2-)" >"$T/other2.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/other2.nd"
is "$CODE" 403 "an event of another office in the batch: 403"
printf '%s\n%s' "$good_head" "$(ev 3 "$B1" 1 received "$RECEIVED")" >"$T/gap.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/gap.nd"
is "$CODE" 409 "a batch that would leave a gap: 409"
like "$BODY" '"cursor":0' "... with the cursor"
printf '%s\n%s' "$good_head" "$(ev 1 "$B1" 1 received "$RECEIVED" | sed 's/"name":"X"/"name":"Y"/')" >"$T/hash.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/hash.nd"
is "$CODE" 400 "a hash that does not match the content: 400"
like "$BODY" '"why":"hash"' "... saying so"
printf '{"format":2,"office":"000.17.23.H56","events":1}\n%s' "$(ev 1 "$B1" 1 received "$RECEIVED")" >"$T/v2.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/v2.nd"
is "$CODE" 400 "an unknown format version: 400"
like "$BODY" 'unknown format version 2' "... naming it"
printf '{"format":1,"office":"000.17.23.H56","events":2}\n%s' "$(ev 1 "$B1" 1 received "$RECEIVED")" >"$T/short.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/short.nd"
is "$CODE" 400 "a batch shorter than its header says: 400"
printf '%s\n%s' "$good_head" "$(ev 1 "$B1" 1 frobnicated '{}')" >"$T/kind.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/kind.nd"
is "$CODE" 400 "an unknown event kind: 400"
head -c 5000000 /dev/zero | tr '\0' 'a' >"$T/big"
post /v1/push "$TOKEN_b" --data-binary @"$T/big"
is "$CODE" 413 "a body over 4 MiB: 413"
post /v1/push "$TOKEN_b" -H 'Transfer-Encoding: chunked' --data-binary @"$T/big"
is "$CODE" 413 "... also when it comes in chunks"
head -c 60000000 /dev/zero | gzip -9 >"$T/bomb.gz"
post /v1/push "$TOKEN_b" -H 'Content-Encoding: gzip' --data-binary @"$T/bomb.gz"
is "$CODE" 413 "a gzip bomb ($(wc -c <"$T/bomb.gz") bytes, 60 MB inflated): 413"
post /v1/push "$TOKEN_b" -H 'Content-Encoding: gzip' --data-binary 'not gzip at all'
is "$CODE" 400 "a body that says gzip and is not: 400"
post /v1/push "$TOKEN_b" -H 'Content-Encoding: br' --data-binary @"$T/good.nd"
is "$CODE" 415 "an unknown Content-Encoding: 415"
post /v1/push "$TOKEN_b" -H 'Content-Type: text/plain' --data-binary @"$T/good.nd"
is "$CODE" 415 "a body that is not JSON by its type: 415"
post /v1/pull "$TOKEN_b" --data-binary '{"format":1,"scope":"000.00.00.H56"}'
is "$CODE" 403 "a scope above the office: 403"
post /v1/pull "$TOKEN_b" --data-binary '{"format":1,"marks":[1,2]}'
is "$CODE" 400 "pull marks that are not an object: 400"
is "$(curl -s -o /dev/null -w '%{http_code}' "$HUB_URL/v1/push")" 405 "GET on /v1/push: 405"
like "$(curl -s -D - -o /dev/null "$HUB_URL/v1/push" | tr -d '\r')" "Allow: POST" "... with Allow: POST"
is "$(curl -s -o /dev/null -w '%{http_code}' "$HUB_URL/v1/nothing")" 404 "an unknown path: 404"
is "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN_b" "$HUB_URL/v1/resources/catalog")" 404 \
	"an unpublished resource: 404"
is "$(hub_state)" "$before" "none of these bad requests changed anything on the hub"
post /v1/push "$TOKEN_b" --data-binary @"$T/good.nd"
is "$CODE" 200 "the well-formed event of those tests is taken"
is "$(psql_q "SELECT cursor FROM office WHERE code = '000.17.23.H56'")" 1 "... and the cursor moves"
printf '{"format":1,"office":"000.17.23.H56","events":2}\n%s\n%s' "$(ev 1 "$B1" 1 received "$RECEIVED")" \
	"$(ev 2 "$c1" 2 note '{"note":"x"}')" >"$T/notheld.nd"
post /v1/push "$TOKEN_b" --data-binary @"$T/notheld.nd"
is "$CODE" 200 "an event on a dossier office b does not hold: the batch is answered"
like "$BODY" '"known":1.*"refused":\[\{"seq":2,"reason":"this office neither received' \
	"... the resent event known, the other refused with the reason"
is "$(psql_q "SELECT cursor FROM office WHERE code = '000.17.23.H56'")" 2 "... and the cursor passes the refused one"

# A body that stalls: its connection is closed at the deadline, the hub goes on.
hub_start slow --timeout 2
SLOW=$HUB_URL
head -c 3000 /dev/zero | tr '\0' 'x' >"$T/slow"
timeout 60 curl -s -m 50 --limit-rate 100 -H "Authorization: Bearer $TOKEN_a" \
	-H 'Content-Type: application/json' --data-binary @"$T/slow" "$SLOW/v1/push" >/dev/null 2>&1 &
slow_pid=$!
wait_until 40 "grep -Eq 'came too slowly|the body did not come in time' '$T/slow.log'"
ok $? "a body that trickles in (100 bytes a second) is cut (--timeout 2, then 1 KiB/s)"
is "$(curl -s "$SLOW/v1/health")" "motcua-hub ok" "... while the hub answers others"
wait "$slow_pid" 2>/dev/null

# ---------------------------------------------------------------- tokens
"$HUB" --pg "$PG" office revoke 000.17.22.H56 >/dev/null
on a intake --procedure 1.001193 --name "Phạm Thị Dung" >/dev/null
sync_once a
is $? 1 "a revoked token: motcua-sync exits 1"
like "$(cat "$T/a.sync")" "401" "... saying the hub refused it"
TOKEN_a=$("$HUB" --pg "$PG" office token 000.17.22.H56 | tail -n 1)
sync_once a
is $? 0 "a new token works"
same_events "after a revoked token and a new one" a

# ---------------------------------------------------------------- exposure and TLS
is "$(status "$SYNC" --db "$T/a.db" --hub http://192.0.2.1:8098 --token "$TOKEN_a" --once)" 2 \
	"motcua-sync refuses plain http:// to a hub that is not on this machine"
like "$("$SYNC" --db "$T/a.db" --hub http://192.0.2.1:8098 --token "$TOKEN_a" --once 2>&1)" "https" \
	"... saying https:// is needed"
is "$(status "$SYNC" --db "$T/a.db" --hub ftp://127.0.0.1/ --token "$TOKEN_a" --once)" 2 "... and other schemes"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
	-subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" >/dev/null 2>&1
hub_start tls --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
like "$(tail -n 1 "$T/tls.log")" "with TLS" "the hub serves HTTPS with --tls-cert and --tls-key"
on a intake --procedure 1.001193 --name "Hoàng Văn Em" >/dev/null
URL=https://localhost:$HUB_PORT sync_once a --ca "$T/cert.pem"
is $? 0 "motcua-sync over HTTPS, verifying the hub with --ca"
URL=https://localhost:$HUB_PORT sync_once a
is $? 1 "without the CA the certificate is refused"
like "$(cat "$T/a.sync")" "certificate|SSL" "... saying why"
same_events "after HTTPS" a
hub_stop "$HUB_PID"
done_testing
