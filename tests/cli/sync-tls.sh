# sync-tls.sh -- how motcua-sync trusts the hub, against a real motcua-hub serving HTTPS
# with a certificate authority made for the test: --ca (and the system's authorities
# alone refusing the hub), a certificate for another name, --pin (the hub's key, another
# key), --proxy through an HTTP CONNECT proxy (the test proxy with --connect: it sees the
# CONNECT and then only encrypted bytes), https_proxy/HTTPS_PROXY/no_proxy from the
# environment, never a proxy for a plain http:// hub on this machine, and plain http://
# refused to anything else.  Each refusal says why, in English and Vietnamese, and
# changes nothing on either side.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sync/lib.sh"
export MOTCUA_NOW='2026-10-12 09:00'	# a Monday
unset https_proxy HTTPS_PROXY http_proxy HTTP_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

[ -x "$PROXY" ] || { ok 1 "the test proxy is built ($PROXY: make check)"; done_testing; exit 1; }
pg_start || { ok 1 "a throwaway PostgreSQL cluster starts"; done_testing; exit 1; }
tls_make
ok $? "a throwaway certificate authority and the hub's certificate for localhost (openssl)"
hub_start tls --tls-cert "$T/hub.pem" --tls-key "$T/hub.key" || ok 1 "the hub starts with TLS"
like "$(tail -n 1 "$T/tls.log")" "with TLS" "the hub serves HTTPS with --tls-cert and --tls-key"
TLS_PORT=$HUB_PORT
URL=https://localhost:$TLS_PORT
office_new a 000.17.22.H56 || ok 1 "office a is added"

# sides: what both sides hold of office a's events, to compare before and after a
# refusal: the office's events (count, checksum) and its cursor; the hub's events and
# its cursor for the office.
sides() {
	printf '%s %s cursor %s | hub %s cursor %s' "$(office_events a | wc -l)" \
		"$(office_events a | md5sum | cut -c1-8)" \
		"$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'sync.cursor'")" \
		"$(psql_q "SELECT count(*) FROM event")" \
		"$(psql_q "SELECT cursor FROM office WHERE code = '000.17.22.H56'")"
}
# refused DESCRIPTION ENGLISH VIETNAMESE [ARGS]: motcua-sync --once with ARGS is refused
# (exit 1) saying ENGLISH, and in Vietnamese VIETNAMESE; nothing changed on either side.
refused() {
	_rd=$1 _ren=$2 _rvi=$3
	shift 3
	_before=$(sides)
	sync_once a "$@"
	is $? 1 "$_rd: refused (exit 1)"
	like "$(cat "$T/a.sync")" "$_ren" "... saying why"
	like "$(cat "$T/a.sync")" "backlog [1-9]" "... the events still waiting"
	MOTCUA_LANG=vi sync_once a "$@"
	like "$(cat "$T/a.sync")" "$_rvi" "... and in Vietnamese"
	is "$(sides)" "$_before" "... nothing changed on either side"
}
name1="Nguyễn Văn Ân"
on a intake --procedure 1.004873 --name "$name1" --phone 0912345678 --id 001090012345 >/dev/null

# ---------------------------------------------------------------- --ca
refused "the hub's certificate against the system's authorities only" \
	"cannot reach the hub: the hub's certificate cannot be verified \(SSL certificate problem: .*\): .*--ca" \
	"không xác minh được chứng chỉ của máy chủ tỉnh \(SSL certificate problem: .*\).*--ca"
# The problem as the home screen and --status show it: the last run's, here in
# Vietnamese (longer than its English in bytes), whole and valid UTF-8.
"$SYNC" --db "$T/a.db" --status >"$T/status.out"
like "$(cat "$T/status.out")" "Last problem: không liên lạc được.*chứng chỉ.*bằng --ca$" \
	"... the problem is recorded, whole, for the home screen and --status"
iconv -f UTF-8 -t UTF-8 "$T/status.out" >/dev/null 2>&1
ok $? "... in valid UTF-8"
refused "--ca with a file that is not there" "certificate authorities given with --ca cannot be read" \
	"không đọc được tệp tổ chức cấp chứng chỉ chỉ ra bằng --ca" --ca "$T/none.pem"
URL=https://127.0.0.1:$TLS_PORT refused "the certificate (for localhost) at the address 127.0.0.1, with --ca" \
	"certificate cannot be verified \(.*(subject name|host ?name).*\): check the hub's address" \
	"không xác minh được chứng chỉ của máy chủ tỉnh.*kiểm tra địa chỉ" --ca "$T/ca.pem"
synced "with --ca pointing at the test's authority: the sync succeeds" a --ca "$T/ca.pem"
like "$(cat "$T/a.sync")" "pushed 1 events .*backlog 0" "... the office's event pushed"
same_events "over HTTPS with --ca" a

# ---------------------------------------------------------------- --pin
PIN=$(key_pin "$T/hub.pem")
like "$PIN" "^sha256//[A-Za-z0-9+/]{43}=$" "the hub's key pin (sha256//BASE64, from openssl)"
on a intake --procedure 1.001193 --name "Trần Thị Bình" >/dev/null
synced "--pin with the hub's key (and --ca): the sync succeeds" a --ca "$T/ca.pem" --pin "$PIN"
same_events "with the hub's key pinned" a
on a intake --procedure 1.001193 --name "Lê Văn Cường" >/dev/null
refused "--pin with another key (the authority's)" \
	"the hub's public key is not the one given with --pin" \
	"khóa công khai của máy chủ tỉnh không phải khóa đã ghim bằng --pin" \
	--ca "$T/ca.pem" --pin "$(key_pin "$T/ca.pem")"
refused "--pin with the hub's key but without --ca: the pin comes on top of the certificate's check" \
	"certificate cannot be verified" "không xác minh được chứng chỉ" --pin "$PIN"
synced "the right pin again: the waiting event goes" a --ca "$T/ca.pem" --pin "$PIN"
same_events "after the refusals" a

# ---------------------------------------------------------------- --proxy
name4="Đặng Thị Giang"
on a intake --procedure 1.001193 --name "$name4" --phone 0987654321 >/dev/null
proxy_start --connect --dump "$T/tunnel.bytes" || ok 1 "the CONNECT proxy starts"
synced "--proxy http://127.0.0.1:PORT (an HTTP CONNECT proxy): the sync succeeds" a \
	--ca "$T/ca.pem" --proxy "$PROXY_URL"
like "$(cat "$T/proxy.out")" "^CONNECT localhost:$TLS_PORT HTTP/1.1$" "the proxy saw a CONNECT to the hub's address"
unlike "$(cat "$T/proxy.out")" "^refused" "... and no other request"
is "$(od -An -tx1 -N1 "$T/tunnel.bytes" | tr -d ' ')" 16 "... then a TLS handshake (a record of type 22 first)"
is "$(grep -c -a -F -e "$name4" -e "$name1" -e 0987654321 -e "$TOKEN_a" -e /v1/ -e Bearer "$T/tunnel.bytes")" 0 \
	"... and in the $(wc -c <"$T/tunnel.bytes") bytes it relayed no dossier's name or phone, no token, no path"
same_events "through the proxy" a
proxy_stop

# The same look at the wire, over plain http:// to a hub on this machine: what the check
# above would have found without TLS.
hub_start plain || ok 1 "a hub without TLS starts"
PLAIN_PORT=$HUB_PORT
on a intake --procedure 1.001193 --name "Phan Văn Hùng" >/dev/null
proxy_start --dump "$T/plain.bytes" || ok 1 "the forwarding proxy starts"
URL=$PROXY_URL synced "through the forwarding proxy to the hub without TLS" a
grep -q -a -F -e "Bearer $TOKEN_a" "$T/plain.bytes"
ok $? \
	"... there the token shows in the bytes relayed (the check above sees clear text)"
proxy_stop

# https_proxy from the environment, when --proxy is not given; no_proxy.
proxy_start --connect || ok 1 "the CONNECT proxy starts again"
connects() { grep -c "^CONNECT localhost:$TLS_PORT " "$T/proxy.out"; }
on a intake --procedure 1.001193 --name "Vũ Thị Hoa" >/dev/null
https_proxy=$PROXY_URL synced "https_proxy in the environment, no --proxy: the sync succeeds" a --ca "$T/ca.pem"
is "$(connects)" 1 "... through the proxy"
HTTPS_PROXY=$PROXY_URL synced "HTTPS_PROXY in the environment: the sync succeeds" a --ca "$T/ca.pem"
is "$(connects)" 2 "... through the proxy too"
https_proxy=$PROXY_URL no_proxy=localhost synced "https_proxy with no_proxy=localhost: the sync succeeds" a --ca "$T/ca.pem"
is "$(connects)" 2 "... without the proxy"
https_proxy=http://127.0.0.1:1 synced "--proxy wins over https_proxy" a --ca "$T/ca.pem" --proxy "$PROXY_URL"
is "$(connects)" 3 "... through --proxy's proxy"
same_events "with proxies from the environment" a

# A plain http:// hub on this machine is reached directly: a proxy from the
# environment would get the token in clear (and reach its own machine, not this one).
on a intake --procedure 1.001193 --name "Đỗ Văn Khánh" >/dev/null
http_proxy=$PROXY_URL HTTPS_PROXY=$PROXY_URL ALL_PROXY=$PROXY_URL URL=http://127.0.0.1:$PLAIN_PORT \
	synced "http_proxy and ALL_PROXY in the environment, a plain http:// hub on this machine: the sync succeeds" a
like "$(cat "$T/a.sync")" "pushed 1 events" "... the event pushed"
unlike "$(cat "$T/proxy.out")" "^refused" "... the proxy never asked"
is "$(status "$SYNC" --db "$T/a.db" --hub "http://127.0.0.1:$PLAIN_PORT" --token "$TOKEN_a" --once \
	--proxy "$PROXY_URL")" 2 "--proxy with a plain http:// hub: bad usage"
like "$("$SYNC" --db "$T/a.db" --hub "http://127.0.0.1:$PLAIN_PORT" --token "$TOKEN_a" --once \
	--proxy "$PROXY_URL" 2>&1)" "--proxy needs an https:// hub" "... saying so"
proxy_stop
same_events "at the end of the proxies" a

# ---------------------------------------------------------------- plain http:// elsewhere
for u in http://192.0.2.1:8098 http://hub.example.gov.vn/ http://127.0.0.1.example.com:8098 \
	http://127.evil.example/ http://[::ffff:192.0.2.1]:8098 http://0x7f000001.example/; do
	is "$(status "$SYNC" --db "$T/a.db" --hub "$u" --token "$TOKEN_a" --once --tries 1)" 2 \
		"plain $u is refused (bad usage)"
done
like "$(MOTCUA_LANG=vi "$SYNC" --db "$T/a.db" --hub http://127.0.0.1.example.com/ --token x --once 2>&1)" \
	"https://" "... saying https:// is needed (in Vietnamese too)"
for u in "http://[::1]:1" http://localhost:1 http://127.0.0.2:1; do
	is "$(status "$SYNC" --db "$T/a.db" --hub "$u" --token "$TOKEN_a" --once --tries 1)" 1 \
		"plain $u (this machine) is allowed: tried, nothing there (exit 1)"
done
same_events "at the end" a
done_testing
