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
