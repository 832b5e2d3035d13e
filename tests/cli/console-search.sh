# console-search.sh -- the console's search box ranks names as `motcua search` does
# (issue 9 item 4): the exact name first, a name never found through an address, and
# the h key narrows to the addresses holding some words, with a text or without.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"
setup_console_office
take() { mc intake --procedure 1.004873 --name "$1" --address "$2" >/dev/null; }
take "Lê Văn Hoa" "Thôn Đông, xã Tân Lập, tỉnh Khánh Hòa"
take "Nguyễn Thị Hoa" "Thôn Đông, xã Tân Lập, tỉnh Khánh Hòa"
take "Nguyễn Thị Hoài" "Thôn Đông, xã Tân Lập, tỉnh Khánh Hòa"
take "Trần Văn Nam" "Số 5 đường Nguyễn Thị Hoa, tỉnh Khánh Hòa"
take "Hoa Thị Nguyễn" "Thôn Bắc, xã Tân Lập, tỉnh Khánh Hòa"
take "Nguyễn Thị Hòa" "Thôn Bắc, xã Tân Lập, tỉnh Khánh Hòa"

console s1 80 24 TERM=xterm
shows s1 "Password" "the console opens at the login screen"
text s1 "admin"; keys s1 Tab; text s1 "motcua-test"; keys s1 Enter
shows s1 "Received today" "logged in"
keys s1 /
shows s1 "Search:" "/ opens the search screen"
text s1 "nguyen thi hoa"
shows s1 "0006 Nguyễn Thị Hòa" "typing a name lists it"
row() { pane s1 | grep -n "$1" | head -1 | cut -d: -f1; }
ok "$([ "$(row 0006)" -lt "$(row 0002)" ] && [ "$(row 0002)" -lt "$(row 0003)" ] &&
	[ "$(row 0003)" -lt "$(row 0005)" ]; echo $?)" \
	"the exact names first (newest first), then the names that start so, then the words anywhere"
ok "$(pane s1 | grep -q 'Trần Văn Nam'; [ $? = 1 ]; echo $?)" "the street named after her is not a match"
keys s1 Tab
keys s1 h
shows s1 "Only dossiers whose address has these words" "h asks for words of the address"
text s1 "thon bac"; keys s1 Enter
shows s1 "Filter: All dossiers, address: thon bac" "the filter says so"
shows s1 "0006 Nguyễn Thị Hòa" "... the name in Thôn Bắc stays"
gone s1 "0002 Nguyễn Thị Hoa" "... the one in Thôn Đông goes"
keys s1 /; keys s1 C-u
shows s1 "Page 1: dossiers 1-2 of 2" "with an empty box, the list keeps to the address: 2 dossiers"
keys s1 Tab
keys s1 h; keys s1 C-u; text s1 "duong nguyen"; keys s1 Enter
shows s1 "Trần Văn Nam" "a street named after a person is found by the address filter"
shows s1 "Page 1: dossiers 1-1 of 1" "... alone"
keys s1 h; keys s1 C-u; keys s1 Enter
shows s1 "Page 1: dossiers 1-6 of 6" "an empty address shows every dossier again"
done_testing
