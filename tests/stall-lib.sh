# tests/stall-lib.sh -- clients that open connections to an HTTP server and stall, for
# tests/cli/ussd-stall.sh and hub-stall.sh (sourced after tests/lib.sh):
#
#	attack NAME SOURCE N MODE SECONDS  N connections from address SOURCE to
#	                          127.0.0.1:$PORT, a request to $STALL_PATH, kept for
#	                          SECONDS in the background (output in $T/NAME.out);
#	                          returns once the first N are open (at most 20 s)
#	finish NAME               wait for it; RESULT its last line:
#	                          opened=O closed=C cut=K refused=R open=H
#	field NAME                the value of NAME= in RESULT
#	threads PID               the threads of the process
#	stall_attack PID N M SECONDS  the attacks "silent" (N connections sending
#	                          nothing from 127.0.0.2) and "trickle" (M trickling
#	                          headers from 127.0.0.3) on the server PID, with their
#	                          tests: both ready, the server holding 8 of each
#	stall_closed LOG N PER   the tests that end the attacks "silent" (N connections
#	                          from 127.0.0.2) and "trickle" (from 127.0.0.3) with a
#	                          server of --per-address PER logging to LOG
#	stall_bounded LOG NOTE NAME...  the tests that the attacks NAME... made many
#	                          connections while the server's LOG stayed bounded,
#	                          saying what it left out (NOTE: what else is in it)
# MODE: stall (sends nothing), slow (headers one byte every 0.2 s: 400 bytes would
# take 80 s), body (headers and 15 of the 200 bytes of its body, then nothing); each
# connection the server closes is opened again (at most 200 a second), except in
# MODE hold (as stall, never reopened: N + 1 from one address, the last refused).
# closed: connections the server ended (refused ones too); cut: those it ended after
# they had been open a second or more (taken in, then closed for stalling); open:
# those still open at the end.  An old server let a trickling connection live as long
# as it sent a byte every 10 s.  The attackers' PIDs are in STALL_PIDS: a test's trap
# kills them.
STALL_PATH=${STALL_PATH:-/}
STALL_PIDS=""

cat >"$T/attack.pl" <<'PERL'
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use Time::HiRes qw(time sleep);
my ($port, $src, $n, $mode, $secs, $path) = @ARGV;
$| = 1;
my $head = "POST $path HTTP/1.1\r\nHost: x\r\nX-Trickle: " . ("a" x 360) . "\r\n\r\n";
my %conn;
my ($opened, $closed, $cut, $refused, $ready) = (0, 0, 0, 0, 0);
my $end = time + $secs;
my $last_open = 0;
my $next_byte = time;
sub open_one {
	my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1", PeerPort => $port,
	    LocalAddr => $src, Proto => "tcp", Timeout => 2);
	if (!$s) { $refused++; return; }
	$opened++;
	$s->blocking(0);
	syswrite($s, "POST $path HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\nsessionId=stall")
	    if $mode eq "body";
	$conn{fileno $s} = { s => $s, i => 0, t0 => time };
}
sub gone {
	my ($fd) = @_;
	$cut++ if time - $conn{$fd}{t0} >= 1;
	close $conn{$fd}{s};
	delete $conn{$fd};
	$closed++;
}
if ($mode eq "hold") {
	open_one() for 1 .. $n;
	print "ready\n";
}
while (time < $end) {
	while ($mode ne "hold" && keys %conn < $n && time < $end) {
		if (!$ready) { open_one(); next; }
		last if time - $last_open < 0.005;
		$last_open = time;
		open_one();
		last;
	}
	if (!$ready && keys %conn >= $n) { print "ready\n"; $ready = 1; }
	my $sel = IO::Select->new(map { $_->{s} } values %conn);
	for my $s ($sel->can_read(0.02)) {
		my $buf;
		my $r = sysread($s, $buf, 4096);
		gone(fileno $s) if !defined $r || $r == 0;
	}
	if ($mode eq "slow" && time >= $next_byte) {
		$next_byte = time + 0.2;
		for my $fd (keys %conn) {
			my $c = $conn{$fd};
			my $w = syswrite($c->{s}, substr($head, $c->{i}, 1));
			if (!defined $w) { gone($fd); next; }
			$c->{i}++ if $c->{i} < length($head) - 1;
		}
	}
}
print "opened=$opened closed=$closed cut=$cut refused=$refused open=" . (keys %conn) . "\n";
PERL

attack() {
	perl "$T/attack.pl" "$PORT" "$2" "$3" "$4" "$5" "$STALL_PATH" >"$T/$1.out" 2>&1 &
	STALL_PIDS="$STALL_PIDS $!"
	eval "ATTACK_$1=$!"
	_i=0
	until grep -q ready "$T/$1.out" 2>/dev/null || [ $_i -ge 200 ]; do sleep 0.1; _i=$((_i + 1)); done
}

finish() {
	eval "wait \$ATTACK_$1"
	RESULT=$(tail -1 "$T/$1.out")
}

field() {
	printf '%s\n' "$RESULT" | sed -n "s/.*$1=\([0-9]*\).*/\1/p"
}

threads() {
	awk '/^Threads:/ { print $2 }' "/proc/$1/status"
}

stall_bounded() {
	_log=$1
	_note=$2
	shift 2
	_lines=$(wc -l <"$_log")
	_attempts=0
	for _a in "$@"; do
		_attempts=$((_attempts + $(sed -n 's/.*opened=\([0-9]*\).*/\1/p' "$T/$_a.out")))
	done
	ok "$([ "$_attempts" -gt 1000 ]; echo $?)" "the attackers opened $_attempts connections"
	ok "$([ "$_lines" -lt 400 ]; echo $?)" "... and the log has $_lines lines (a bounded number$_note)"
	like "$(cat "$_log")" "[0-9]+ more refused connections were not logged in the last [0-9]+ s \(rate limit" \
		"... it says how many lines about refused connections it left out"
	is "$(grep -c 'Server reached connection limit' "$_log")" 0 \
		"... and libmicrohttpd's own refusals never come to it"
}

stall_closed() {
	finish silent
	ok "$([ "$(field closed)" -gt "$2" ]; echo $?)" "the silent attacker's connections were closed, again and again ($RESULT)"
	finish trickle
	ok "$([ "$(field cut)" -ge 8 ]; echo $?)" "trickling connections are closed (the header deadline) ($RESULT)"
	like "$(cat "$1")" "refused a connection from 127\.0\.0\.2: $3 open from that address already \(--per-address $3\)" \
		"the log says a connection was refused, from where, and why"
	like "$(cat "$1")" "closed a connection from 127\.0\.0\.3: no complete request headers in time" \
		"... and that a trickling one was closed"
}

stall_attack() {
	_base=$(threads "$1")
	attack silent 127.0.0.2 "$2" stall "$4"
	ok "$(grep -q ready "$T/silent.out"; echo $?)" "an attacker at 127.0.0.2 keeps $2 connections open, sending nothing"
	attack trickle 127.0.0.3 "$3" slow "$4"
	ok "$(grep -q ready "$T/trickle.out"; echo $?)" "... another at 127.0.0.3 keeps $3 sending their headers a byte at a time"
	_t=$(threads "$1")
	ok "$([ "$_t" -le $((_base + 16)) ]; echo $?)" "... the server holds at most 8 connections of each ($_t threads, $_base idle)"
}
