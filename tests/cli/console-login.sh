# console-login.sh -- failed logins are the store's rule, not the console's (issue 9 C,
# 10, 11), driven in tmux: quitting at the wait and starting a new console gets no
# guess more; the account locks after login.lock_after failures, says so, stays
# locked in a new console and on the command line; the administrator unlocks it on
# the users screen (and motcua user unlock); logging out leaves the login screen for
# the next official with nothing of the previous one's on it.
#
# Screens are compared by content: every step waits (bounded) until the pane shows
# what it should, never for a fixed time.  Where a test needs a wait to be long, or
# over, it sets the last failure's time in the store instead of sleeping.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
q() { sqlite3 "$DB" "$1"; }
failures() { q "SELECT failures FROM user WHERE login = '$1'"; }
state() { mc user list --format tsv | awk -F'\t' -v l="$1" '$1 == l { print $4 }'; }

# login SESSION LOGIN PASSWORD: type them on the login screen.
login() {
	shows "$1" "Password|Mật khẩu" "$1: the console opens at the login screen"
	text "$1" "$2"; keys "$1" Tab; text "$1" "$3"; keys "$1" Enter
}

# ---- quitting at the wait gets no guess more ------------------------------------
console w1 80 24 TERM=xterm
shows w1 "Password" "the console opens at the login screen"
text w1 "canbo"; keys w1 Tab
for i in 1 2 3; do
	text w1 "sai-mat-khau-$i"; keys w1 Enter
	shows w1 "wrong login or password" "a wrong password is refused ($i)"
done
shows w1 "│ Too many failed tries: wait [0-9]+ seconds" "after three failures the box counts the wait down"
unlike "$(pane w1 | grep -E '^(wrong login|Too many)')" "[0-9] seconds" \
	"... the message line names no other number of seconds than the box (item 11)"
is "$(failures canbo)" 3 "the store counts the three failures"
keys w1 Escape
shows w1 "motcua exited: 0" "Esc at the wait quits the console"

console w2 80 24 TERM=xterm
login w2 canbo mat-khau-can-bo
shows w2 "│ Too many failed tries: wait [0-9]+ seconds" \
	"a new console waits too: the right password is refused until the wait is over"
shows w2 "^Wait for the countdown, then type the password again" "... and says so without a second number"
is "$(failures canbo)" 3 "... that try was not counted (nor checked)"

# A long wait (7 failures: a minute), then five consoles in a row each trying once.
q "UPDATE user SET failures = 7, failed_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE login = 'canbo'"
for i in 1 2 3 4 5; do
	console r$i 80 24 TERM=xterm
	login r$i canbo "doan-bua-$i"
	shows r$i "│ Too many failed tries: wait [0-9]+ seconds" "restart $i: the try waits for the store's wait"
	keys r$i Escape
done
is "$(failures canbo)" 7 "five restarts during the wait: not one password was tried"

# The wait over (moved back in the store), the password typed during it is gone.
q "UPDATE user SET failures = 3, failed_at = failed_at - 3600 WHERE login = 'canbo'"
shows w2 "│ Tab: next field   Enter: log in" "the console's countdown ends"
keys w2 Enter
shows w2 "^Type your password, then Enter" "the password typed during the wait was cleared (item 11)"
text w2 "mat-khau-can-bo"; keys w2 Enter
shows w2 "Welcome, Lê Thị Cán Bộ\. 3 failed login\(s\) since your last login" \
	"after the wait the right password logs in and tells of the failures"
is "$(failures canbo)" 0 "... and the store clears them"

# ---- logging out ------------------------------------------------------------------
shows w2 "l +Log out \(another user logs in\)" "home offers l to log out"
keys w2 F1
shows w2 "Log out \(another user logs in\)" "... and help lists it"
keys w2 q
keys w2 l
shows w2 "Logged out\. The next user can log in\." "l logs out"
shows w2 "│ Tab: next field   Enter: log in" "... to the login screen"
gone w2 "Lê Thị Cán Bộ|Received today| canbo \|" "... with nothing of the previous user on screen"
login w2 admin motcua-test
shows w2 "Quản trị \(administrator\)" "another user logs in on the same console (the role in words)"
shows w2 "^ admin \| 000\.17\.22\.H56" "... and the status bar names them"

# ---- the lock-out -----------------------------------------------------------------
sqlite3 "$DB" "INSERT INTO setting(key, value) VALUES ('login.lock_after', '4')"
q "UPDATE user SET failures = 3, failed_at = failed_at - 3600 WHERE login = 'canbo'"
console k1 80 24 TERM=xterm
login k1 canbo "sai-lan-thu-tu"
shows k1 "^account canbo is locked after 4 failed logins: an administrator must unlock it" \
	"the fourth failure (login.lock_after = 4) locks the account and says so"
shows k1 "│ Account locked: an administrator must unlock it\." "... in the box too"
keys k1 Escape
console k2 80 24 TERM=xterm
login k2 canbo mat-khau-can-bo
shows k2 "^account canbo is locked" "a new console: even the right password is refused"
is "$(failures canbo)" 4 "... and nothing more is counted"
is "$(state canbo)" "locked" "motcua user list says locked"
out=$(mc --user canbo search "x" 2>&1)
is $? 1 "the command line refuses --user of a locked account"
like "$out" "canbo is locked" "... saying why"

keys w2 a
shows w2 "Users: add, disable, new password +2 users, 0 disabled, 1 locked" \
	"the administration counts the locked account"
keys w2 u
shows w2 "canbo +Lê Thị Cán Bộ +counter officer +locked +4" "the users screen shows it locked, with its failures"
keys w2 F1
shows w2 "unlock the selected user" "help lists u, unlock"
keys w2 q
keys w2 Down
keys w2 u
shows w2 "User canbo is unlocked: they can log in again" "u unlocks the selected user"
shows w2 "canbo +Lê Thị Cán Bộ +counter officer +active" "... and the list says active"
is "$(sqlite3 "$DB" "SELECT actor || ' ' || detail FROM audit WHERE action = 'user.unlock'")" \
	"admin canbo" "the unlocking is audited as the administrator's"
keys k2 Enter
shows k2 "^Type your password, then Enter" "the refused password was cleared"
text k2 "mat-khau-can-bo"; keys k2 Enter
shows k2 "Lê Thị Cán Bộ \(counter officer\)" "unlocked, the user logs in"

# ---- motcua user unlock ------------------------------------------------------------
out=$(mc --user canbo user unlock admin 2>&1)
is $? 1 "an officer cannot unlock"
like "$out" "needs the role admin; canbo has the role officer" "... it needs the role admin"
q "UPDATE user SET failures = 4 WHERE login = 'canbo'"
is "$(state canbo)" "locked" "locked again (four failures)"
out=$(mc --user admin user unlock canbo)
like "$out" "User canbo is unlocked" "motcua user unlock unlocks"
is "$(state canbo)" "active" "... and the list says active"
is "$(failures canbo)" 0 "... the failures forgotten"

# ---- at 60x20, in Vietnamese ---------------------------------------------------------
sqlite3 "$DB" "UPDATE setting SET value = 'vi' WHERE key = 'language'"
q "UPDATE user SET failures = 3, failed_at = CAST(strftime('%s', 'now') AS INTEGER) WHERE login = 'canbo'"
console v1 60 20 TERM=xterm
login v1 canbo mat-khau-can-bo
shows v1 "│ Sai quá nhiều lần: hãy chờ [0-9]+ giây" "at 60x20 in Vietnamese the wait is counted down in the box"
shows v1 "^Chờ hết thời gian" "... and the message line says to wait for it"
q "UPDATE user SET failures = 4 WHERE login = 'canbo'"
console v2 60 20 TERM=xterm
login v2 canbo sai-mat-khau
shows v2 "│ Tài khoản bị khóa: quản trị viên phải mở khóa\. +│" \
	"a locked account is told in Vietnamese, whole, in the box at 60x20"

done_testing
