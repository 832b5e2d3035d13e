# systemd.sh -- the systemd units, the system account and the settings file that
# 'make install' puts in place: each unit passes systemd-analyze verify (the programs
# and manual pages it names are there), runs as the motcua account with the hardening
# the services need, and the sample settings file is one every program accepts.
. "$(dirname "$0")/../lib.sh"
INST=$(cd "$(dirname "$MOTCUA")/.." && pwd)
UNITS=$INST/lib/systemd/system

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "not ok 1 - systemd-analyze is not installed (Debian package systemd)"
	exit 1
fi
units=$(ls "$UNITS" 2>/dev/null)
like "$units" "motcua-smsd@\.service" "motcua-smsd@.service is installed"
like "$units" "motcua-ussd\.service" "motcua-ussd.service is installed"
like "$units" "motcua-backup\.timer" "motcua-backup.timer is installed"
# An instance of the template, as systemctl would make it.
cp "$UNITS/motcua-smsd@.service" "$T/motcua-smsd@.service"
for u in "$UNITS"/*.service "$UNITS"/*.timer "$T/motcua-smsd@1.service"; do
	case $u in *@.service) continue ;; esac
	name=$(basename "$u")
	if [ "$name" = "motcua-smsd@1.service" ]; then
		out=$(cd "$T" && MANPATH=$INST/share/man systemd-analyze verify "$name" 2>&1)
	else
		out=$(MANPATH=$INST/share/man systemd-analyze verify "$u" 2>&1)
	fi
	is "$?:$out" "0:" "systemd-analyze verify $name"
done
for u in "$UNITS"/*.service; do
	name=$(basename "$u")
	like "$(cat "$u")" "^User=motcua$" "$name runs as the motcua account"
	like "$(cat "$u")" "^UMask=0007$" "... and writes nothing others can read"
	like "$(cat "$u")" "^NoNewPrivileges=yes$" "... without new privileges"
	like "$(grep ^ExecStart= "$u")" "=$INST/bin/motcua" "... from where the programs are installed"
	prog=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$u")
	ok "$([ -x "$prog" ]; echo $?)" "... and $(basename "$prog") is there"
done
for u in "$UNITS"/motcua-smsd@.service "$UNITS"/motcua-ussd.service; do
	name=$(basename "$u")
	like "$(cat "$u")" "^ProtectSystem=strict$" "$name: the system read-only"
	like "$(cat "$u")" "^ReadWritePaths=/var/lib/motcua$" "... but for the store's folder"
	like "$(cat "$u")" "^Restart=on-failure$" "... restarted on failure"
	like "$(cat "$u")" "^StartLimitBurst=" "... within limits"
	like "$(cat "$u")" "^PrivateTmp=yes$" "... with a private /tmp"
done
like "$(cat "$UNITS/motcua-smsd@.service")" "^DevicePolicy=closed$" "the SMS daemon sees no device..."
like "$(cat "$UNITS/motcua-smsd@.service")" "^DeviceAllow=char-ttyUSB rw$" "... but the modems' serial lines"
like "$(cat "$UNITS/motcua-backup.timer")" "^Persistent=true$" "a backup missed while the machine was off runs at the next start"

# The system account and the store's folder.
like "$(cat "$INST/lib/sysusers.d/motcua.conf")" "^u motcua " "sysusers.d makes the motcua account"
like "$(cat "$INST/lib/tmpfiles.d/motcua.conf")" "^d /var/lib/motcua 2770 motcua motcua" \
	"tmpfiles.d makes the store's folder for the account and its group only"
# The sample settings file is accepted as it is, and names every key.
is "$(MOTCUA_CONF=$INST/etc/motcua/motcua.conf status mc config)" 0 "the installed motcua.conf is valid"
for k in $(mc config --format tsv | tail -n +2 | cut -f2); do
	grep -q "^#$k = " "$INST/etc/motcua/motcua.conf" || echo "$k" >>"$T/missing"
done
is "$(cat "$T/missing" 2>/dev/null)" "" "the installed motcua.conf names every key with its default"
done_testing
