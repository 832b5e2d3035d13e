# deb.sh -- the Debian packages built from this tree: dpkg-buildpackage -us -uc -b
# succeeds, lintian has nothing to say, each package holds what it should (its manual
# pages in English and Vietnamese; a commune PC does not pull PostgreSQL, the SMS
# daemon not cairo), the settings file is a conffile
# made readable by the motcua group only, and the services that need setting up first
# are neither enabled nor started on installation.
. "$(dirname "$0")/../lib.sh"
ROOT=${SRCDIR:?run through tests/run-tests}

for tool in dpkg-buildpackage dh lintian; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "not ok 1 - $tool is not installed (scripts/setup installs debhelper and lintian)"
		exit 1
	fi
done
# The tree as git knows it (tracked files, as they are now), without any build.
mkdir "$T/src"
if git -C "$ROOT" rev-parse >/dev/null 2>&1; then
	(cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$T/src")
else
	(cd "$ROOT" && tar -cf - --exclude='./build*' --exclude=./.git .) | (cd "$T/src" && tar -xf -)
fi
ok $? "the source tree is copied"
# The unit tests run elsewhere in the suite: here the packaging only.
(cd "$T/src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) \
	>"$T/build.log" 2>&1
rc=$?
is "$rc" 0 "dpkg-buildpackage -us -uc -b"
[ "$rc" = 0 ] || tail -30 "$T/build.log" | sed 's/^/#   /'

deb() { ls "$T"/"$1"_*.deb 2>/dev/null | head -1; }
for p in motcua-common motcua motcua-smsd motcua-ussd motcua-sync motcua-hub; do
	ok "$([ -n "$(deb "$p")" ]; echo $?)" "package $p is built"
done
tags=$(lintian --no-tag-display-limit "$T"/*.changes 2>&1 | grep -E '^[EW]: ')
is "$tags" "" "lintian: no error and no warning"

contents() { dpkg -c "$(deb "$1")" | awk '{print $6}'; }
like "$(contents motcua)" "^\./usr/bin/motcua$" "motcua: the console"
like "$(contents motcua)" "motcua-backup\.timer$" "... and the nightly backup"
like "$(contents motcua-smsd)" "^\./usr/bin/motcua-smsd$" "motcua-smsd: the SMS daemon"
like "$(contents motcua-smsd)" "motcua-smsd@\.service$" "... and its unit, one per modem"
like "$(contents motcua-sync)" "motcua-sync\.timer$" "motcua-sync: its timer"
like "$(contents motcua-hub)" "^\./usr/bin/motcua-hub$" "motcua-hub: the hub"
like "$(contents motcua-common)" "^\./usr/share/locale/vi/LC_MESSAGES/motcua\.mo$" "motcua-common: the translations"
like "$(contents motcua-common)" "^\./etc/motcua/motcua\.conf$" "... the settings file"
for p in motcua motcua-smsd motcua-ussd motcua-sync motcua-hub; do
	man=$(contents "$p" | grep -c '/usr/share/man/man[158]/')
	ok "$([ "$man" -ge 1 ]; echo $?)" "$p ships its manual page"
done
for p in motcua:man1/motcua.1 motcua-smsd:man8/motcua-smsd.8 motcua-ussd:man8/motcua-ussd.8 \
    motcua-sync:man8/motcua-sync.8 motcua-hub:man8/motcua-hub.8 motcua-common:man5/motcua.conf.5; do
	like "$(contents "${p%%:*}")" "^\./usr/share/man/vi/${p#*:}\.gz$" "${p%%:*} ships its Vietnamese page too"
done
depends() { dpkg -f "$(deb "$1")" Depends Recommends; }
for p in motcua motcua-smsd motcua-sync motcua-common; do
	unlike "$(depends "$p")" "postgresql|libpq" "$p (a commune PC's) does not pull PostgreSQL"
done
unlike "$(depends motcua-smsd)" "cairo|pango|curl" "motcua-smsd links neither cairo nor curl"
like "$(dpkg -f "$(deb motcua-hub)" Recommends)" "postgresql" "motcua-hub recommends PostgreSQL"

mkdir "$T/ctl"
dpkg -e "$(deb motcua-common)" "$T/ctl/common"
like "$(cat "$T/ctl/common/conffiles")" "^/etc/motcua/motcua\.conf$" "motcua.conf is a conffile"
like "$(cat "$T/ctl/common/postinst")" "adduser --system" "postinst makes the motcua account"
like "$(cat "$T/ctl/common/postinst")" "statoverride .*root motcua 0640 /etc/motcua/motcua\.conf" \
	"... and makes motcua.conf readable by its group only"
like "$(cat "$T/ctl/common/postinst")" "systemd-tmpfiles" "... and /var/lib/motcua, through tmpfiles.d"
for p in motcua-ussd motcua-sync motcua-hub; do
	dpkg -e "$(deb "$p")" "$T/ctl/$p"
	# No start, and an enable only when the administrator had enabled it before (an
	# upgrade), which debhelper checks with debian-installed.
	unlike "$(cat "$T/ctl/$p/postinst" 2>/dev/null)" "deb-systemd-invoke" \
		"$p: its service is not started on installation"
	like "$(cat "$T/ctl/$p/postinst" 2>/dev/null)" "helper debian-installed" \
		"... nor enabled, unless it was before an upgrade"
done
dpkg -e "$(deb motcua)" "$T/ctl/motcua"
like "$(cat "$T/ctl/motcua/postinst")" "enable 'motcua-backup\.timer'" "motcua: the nightly backup's timer is enabled"
done_testing
