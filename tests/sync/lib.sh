# tests/sync/lib.sh -- what the sync tests share (sourced after tests/lib.sh): a
# throwaway PostgreSQL cluster, hubs, offices, the test proxy, and the check every
# fault test ends with: hub and offices hold exactly the same events.
#
#	pg_start                  a cluster in a temporary folder (initdb as the
#	                          unprivileged postgres user when run as root), its Unix
#	                          socket there, a free port; PG is its connection string
#	hub_start NAME [ARGS]     motcua-hub on a free port; sets HUB_PID, HUB_PORT, HUB_URL
#	tls_make                  a throwaway certificate authority and a hub's certificate
#	                          for localhost signed by it ($T/ca.pem, $T/hub.pem, $T/hub.key)
#	proxy_start [--connect] ARGS  the test proxy in front of the hub (or, --connect, an
#	                          HTTP CONNECT proxy to whatever is asked); PROXY_URL
#	office_new NAME CODE [PARENT]  a store $T/NAME.db, the office on the hub; TOKEN_NAME
#	hub_office NAME CODE [PARENT]  the office of an existing store $T/NAME.db on the hub
#	sync_once NAME [ARGS]     motcua-sync --once for that office (output in $T/NAME.sync)
#	same_events DESCRIPTION NAME...  hub and offices: the same events, none missing,
#	                          none doubled (counts and checksums)
#	events_differ NAME...     the same comparison, silent: what differs on standard
#	                          output, status 1 when anything does (for loops of rounds)
# Everything started here is stopped by its PID, and the cluster removed, at the end
# (SYNC_KEEP or TEST_KEEP keeps $T: the logs and stores).

# The hub and the client speak English here (the stores' own language otherwise, or
# Vietnamese): tests that read their Vietnamese unset MOTCUA_LANG for that call.
export MOTCUA_LANG=en
HUB=${MOTCUA_HUB:-$(dirname "$MOTCUA")/motcua-hub}
SYNC=${MOTCUA_SYNC:-$(dirname "$MOTCUA")/motcua-sync}
PROXY=${SYNCPROXY:-${BUILD:-$(dirname "$MOTCUA")/../..}/tests/sync/syncproxy}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PGT=""
SYNC_PIDS=""
at_exit sync_cleanup

sync_cleanup() {
	for _p in $SYNC_PIDS; do
		kill -KILL "$_p" 2>/dev/null
	done
	if [ -n "$PGT" ] && [ -d "$PGT" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -m immediate stop >/dev/null 2>&1
		rm -rf "$PGT"
	fi
	PGT=""
}

# as_pg CMD...: run as the postgres user when we are root (initdb refuses root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	while :; do
		_fp=$(( ($(od -An -N2 -tu2 /dev/urandom) % 30000) + 20000 ))
		[ -z "$(ss -Htan "sport = :$_fp" 2>/dev/null)" ] && break
	done
	echo "$_fp"
}

pg_start() {
	if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
		echo "# PostgreSQL is not installed (Debian: postgresql)" >&2
		return 1
	fi
	PGT=$(mktemp -d /tmp/motcua-pg.XXXXXX)
	[ "$(id -u)" = 0 ] && chown postgres: "$PGT"
	chmod 700 "$PGT"
	PGPORT=$(free_port)
	as_pg "$PGBIN/initdb" -D "$PGT/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$PGT/initdb.log" 2>&1 || return 1
	as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -l "$PGT/log" -w -t 30 -o "-k $PGT -p $PGPORT \
		-c listen_addresses='' -c fsync=off -c max_connections=200 -c shared_buffers=32MB" \
		start >/dev/null 2>&1 || return 1
	PG="host=$PGT port=$PGPORT user=postgres dbname=postgres"
	export MOTCUA_HUB_PG="$PG"
}

pg_restart() {
	as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -l "$PGT/log" -w -t 30 -o "-k $PGT -p $PGPORT \
		-c listen_addresses='' -c fsync=off -c max_connections=200 -c shared_buffers=32MB" \
		start >/dev/null 2>&1
}

pg_stop() {
	as_pg "$PGBIN/pg_ctl" -D "$PGT/data" -m fast -w stop >/dev/null 2>&1
}

psql_q() {	# psql_q SQL: one value per line, fields joined by |
	"$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$PG" -c "$1"
}

# hub_start NAME [ARGS]: a hub on a free port (or the port in $HUB_PORT_WANTED), logging
# to $T/NAME.log.
hub_start() {
	_hn=$1
	shift
	"$HUB" --pg "$PG" --listen "127.0.0.1:${HUB_PORT_WANTED:-0}" "$@" 2>>"$T/$_hn.log" &
	HUB_PID=$!
	SYNC_PIDS="$SYNC_PIDS $HUB_PID"
	wait_until 10 "grep -q 'listening on' '$T/$_hn.log'" || return 1
	HUB_PORT=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\) .*/\1/p' "$T/$_hn.log" | tail -1)
	HUB_URL=http://127.0.0.1:$HUB_PORT
}

hub_stop() {	# hub_stop PID
	kill -TERM "$1" 2>/dev/null
	wait_until 10 "! running $1"
	wait "$1" 2>/dev/null
}

# tls_make: a certificate authority made for this test ($T/ca.pem, its key $T/ca.key) and
# the hub's certificate for the name localhost only, signed by it ($T/hub.pem, its key
# $T/hub.key): for motcua-hub --tls-cert/--tls-key and motcua-sync --ca.
tls_make() {
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/ca.key" -out "$T/ca.pem" -days 2 \
		-subj "/CN=motcua test CA" >"$T/openssl.log" 2>&1 &&
	openssl req -newkey rsa:2048 -nodes -keyout "$T/hub.key" -out "$T/hub.csr" \
		-subj "/CN=localhost" >>"$T/openssl.log" 2>&1 &&
	printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$T/hub.ext" &&
	openssl x509 -req -in "$T/hub.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
		-days 2 -extfile "$T/hub.ext" -out "$T/hub.pem" >>"$T/openssl.log" 2>&1
}

# key_pin CERT: the pin of CERT's public key as curl writes it, sha256//BASE64.
key_pin() {
	printf 'sha256//%s' "$(openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
		openssl dgst -sha256 -binary | base64)"
}

# proxy_start [--connect] ARGS: the test proxy in front of the hub, or with --connect an
# HTTP proxy that opens the tunnels its clients ask for (its CONNECT lines in
# $T/proxy.out); PROXY_URL, PROXY_PID, $T/proxy.stats.
proxy_start() {
	rm -f "$T/proxy.out"
	if [ "${1:-}" = --connect ]; then
		_to=""
	else
		_to="--to 127.0.0.1:$HUB_PORT"
	fi
	# shellcheck disable=SC2086
	"$PROXY" $_to --stats "$T/proxy.stats" "$@" >"$T/proxy.out" 2>&1 &
	PROXY_PID=$!
	SYNC_PIDS="$SYNC_PIDS $PROXY_PID"
	wait_until 5 "[ -s '$T/proxy.out' ]" || return 1
	PROXY_URL=http://127.0.0.1:$(sed -n 's/listening on //p' "$T/proxy.out")
}

proxy_stop() {
	kill -TERM "$PROXY_PID" 2>/dev/null
	wait "$PROXY_PID" 2>/dev/null
}

# office_new NAME CODE [PARENT [LANGUAGE]]: a store $T/NAME.db for office CODE (in English
# unless LANGUAGE), registered on the hub (under PARENT); its token in TOKEN_<NAME>.
office_new() {
	MOTCUA_DB=$T/$1.db "$MOTCUA" init --office "$2" --name "Office $1" ${3:+--parent "$3"} \
		--language "${4:-en}" >/dev/null || return 1
	hub_office "$1" "$2" "${3:-}"
}

# hub_office NAME CODE [PARENT]: office CODE (the store $T/NAME.db) registered on the
# hub (under PARENT); its token in TOKEN_<NAME>, its code in CODE_<NAME>.
hub_office() {
	"$HUB" --pg "$PG" office add "$2" --name "Office $1" ${3:+--parent "$3"} >"$T/$1.token" || return 1
	eval "TOKEN_$1=\$(tail -n 1 '$T/$1.token')"
	eval "CODE_$1=$2"
}

# on NAME CMD...: run motcua on office NAME's store
on() {
	_an=$1
	shift
	MOTCUA_DB=$T/$_an.db "$MOTCUA" "$@"
}

# sync_once NAME [ARGS]: motcua-sync --once for office NAME against $URL (default the hub);
# its output in $T/NAME.sync, the exit status returned.
sync_once() {
	_sn=$1
	shift
	eval "_tok=\$TOKEN_$_sn"
	"$SYNC" --db "$T/$_sn.db" --hub "${URL:-$HUB_URL}" --token "$_tok" --once --quiet "$@" \
		>"$T/$_sn.sync" 2>&1
}

# synced DESCRIPTION NAME [ARGS]: sync_once as a test; its output shown on failure.
synced() {
	_sd=$1
	shift
	sync_once "$@"
	_sr=$?
	ok "$_sr" "$_sd"
	[ "$_sr" = 0 ] || tail -n 5 "$T/$1.sync" | sed 's/^/#   /'
	return "$_sr"
}

# The events as both sides hold them, one line each: id|code|pos|kind|at|actor|payload.
hub_events() {	# hub_events [OFFICE]
	psql_q "SELECT office || ':' || seq || '|' || code || '|' || pos || '|' || kind || '|' ||
		at || '|' || actor || '|' || payload FROM event ${1:+WHERE office = '$1'}
		ORDER BY office COLLATE \"C\", seq"
}
office_events() {	# office_events NAME [own|others]
	_w=""
	eval "_c=\$CODE_$1"
	[ "${2:-}" = own ] && _w="WHERE office = '$_c'"
	[ "${2:-}" = others ] && _w="WHERE office <> '$_c'"
	sqlite3 -cmd ".timeout 10000" "$T/$1.db" "SELECT id || '|' || code || '|' || pos || '|' ||
		kind || '|' || at || '|' || actor || '|' || payload FROM dossier_event $_w
		ORDER BY office, office_seq"
}

# events_differ NAME...: each office's own events are on the hub, the same, and the
# hub has no other event of that office; the hub's cursor for it is its last event
# (gap-free); every event an office holds from another office is the hub's, the same;
# nothing is held twice.  What differs on standard output (status 1), else nothing;
# EVENTS_DETAIL gets the counts and checksums ("hub N; a=COUNT/SUM ...").  Not in
# $(...) when EVENTS_DETAIL is wanted.
events_differ() {
	_bad=""
	_detail=""
	hub_events | sort >"$T/hub.all"
	for _o in "$@"; do
		eval "_c=\$CODE_$_o"
		office_events "$_o" own | sort >"$T/own.$_o"
		awk -v p="$_c:" 'index($0, p) == 1' "$T/hub.all" >"$T/hub.$_o"
		_cnt=$(wc -l <"$T/own.$_o")
		_sum=$(md5sum <"$T/own.$_o" | cut -c1-8)
		if ! cmp -s "$T/own.$_o" "$T/hub.$_o"; then
			_bad="$_bad $_o:own($(wc -l <"$T/own.$_o")/$(wc -l <"$T/hub.$_o"))"
			diff "$T/own.$_o" "$T/hub.$_o" | head -5 | sed 's/^/#   /'
		fi
		_cur=$(psql_q "SELECT cursor FROM office WHERE code = '$_c'")
		[ "$_cur" = "$_cnt" ] || _bad="$_bad $_o:cursor($_cur/$_cnt)"
		_dup=$(sqlite3 -cmd ".timeout 10000" "$T/$_o.db" "SELECT count(*) - count(DISTINCT id) FROM dossier_event")
		[ "$_dup" = 0 ] || _bad="$_bad $_o:doubled"
		office_events "$_o" others | sort >"$T/others.$_o"
		_missing=$(comm -23 "$T/others.$_o" "$T/hub.all" | wc -l)
		[ "$_missing" = 0 ] || _bad="$_bad $_o:others($_missing not on the hub)"
		_detail="$_detail $_o=$_cnt/$_sum"
	done
	_hubn=$(wc -l <"$T/hub.all")
	_hubdup=$(psql_q "SELECT count(*) - count(DISTINCT (office, seq)) FROM event")
	[ "$_hubdup" = 0 ] || _bad="$_bad hub:doubled"
	EVENTS_DETAIL="hub $_hubn;$_detail"
	[ -z "$_bad" ] && return 0
	echo "#   differences:$_bad"
	return 1
}

# same_events DESCRIPTION NAME...: events_differ as one test line, with counts and
# checksums.
same_events() {
	_desc=$1
	shift
	if events_differ "$@" >"$T/differ.out"; then
		ok 0 "$_desc: hub and offices hold exactly the same events, none missing, none doubled ($EVENTS_DETAIL)"
	else
		ok 1 "$_desc: hub and offices hold exactly the same events, none missing, none doubled"
		cat "$T/differ.out"
	fi
}

# same_dossiers DESCRIPTION NAME: the office's rows and the hub's agree on every
# dossier the office holds (a digest of every field, folded on each side).
same_dossiers() {
	"$SYNC" --db "$T/$2.db" --dossiers | sort >"$T/digest.$2"
	psql_q "SELECT code || '	' || digest FROM dossier" | sort >"$T/digest.hub"
	_miss=$(comm -23 "$T/digest.$2" "$T/digest.hub" | wc -l)
	is "$_miss" 0 "$1"
	[ "$_miss" = 0 ] || comm -23 "$T/digest.$2" "$T/digest.hub" | head -3 | sed 's/^/#   /'
}
