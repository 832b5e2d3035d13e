# catalog-xlsx.sh -- motcua catalog import FILE.xlsx: the portal's list of procedures
# ("DANH SÁCH THỦ TỤC HÀNH CHÍNH"), and the damaged, hostile and huge files it refuses
# (a zip bomb, billion laughs, a million rows, no header, a broken archive) without
# importing anything.  The files are made here with python3's zipfile.
. "$(dirname "$0")/../lib.sh"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null	# English messages

# xlsx OUT KIND: write an .xlsx of kind (see the script) to OUT.
xlsx() {
	python3 - "$1" "$2" <<'PY'
import sys, zipfile
out, kind = sys.argv[1], sys.argv[2]
ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>')
rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Danh sách" sheetId="1" r:id="rId7"/></sheets></workbook>')
wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
def esc(s): return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
strings = ['DANH SÁCH THỦ TỤC HÀNH CHÍNH', 'Mã số', 'Tên', 'Cơ quan ban hành',
           'Cơ quan thực hiện', 'Lĩnh vực', 'Bộ Tư pháp', 'Hộ tịch']
def sst(extra=''):
    items = ''.join('<si><t xml:space="preserve">%s</t></si>' % esc(s) for s in strings)
    # a rich-text string (runs) with a phonetic run that is not part of the text
    items += ('<si><r><rPr><b/></rPr><t>Thủ tục cấp Giấy xác nhận </t></r><r><t>tình trạng hôn nhân (mới)</t></r>'
              '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>')
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<sst %s count="%d" uniqueCount="%d">%s</sst>'
            % (extra, NS, len(strings) + 1, len(strings) + 1, items))
def s(ref, i): return '<c r="%s" t="s"><v>%d</v></c>' % (ref, i)
def inl(ref, text): return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, esc(text))
def row(n, cells): return '<row r="%d">%s</row>' % (n, ''.join(cells))
header = row(2, [s('A2', 1), s('B2', 2), s('C2', 3), s('D2', 4), s('E2', 5)])
rows = [row(1, [s('A1', 0)]), header,
    # already shipped, same name once "Thủ tục" is left out: unchanged
    row(3, [inl('A3', '1.001193'), inl('B3', 'Thủ tục đăng ký khai sinh'), s('C3', 6), inl('D3', 'UBND xã'), s('E3', 7)]),
    # already shipped, another name (rich text): renamed
    row(4, [inl('A4', '1.004873'), s('B4', 8), s('C4', 6), inl('D4', 'UBND xã'), s('E4', 7)]),
    # new, several agencies on lines of the cell, an escaped CR
    row(5, [inl('A5', '1.999001'), inl('B5', 'Thủ tục thử nghiệm nhập danh sách'), inl('C5', 'Bộ Thử'),
            inl('D5', 'Ủy ban nhân dân xã_x000D_\nCông an xã\n'), inl('E5', 'Lĩnh vực thử')]),
    # a local variant of a shipped procedure, and a new one
    row(6, [inl('A6', '2.000815.000.00.00.H55'), inl('B6', 'Chứng thực bản sao (biến thể)'), s('C6', 6),
            inl('D6', 'UBND xã'), inl('E6', 'Chứng thực')]),
    row(7, [inl('A7', '1.999002.000.00.00.H55'), inl('B7', 'Thủ tục biến thể địa phương'), inl('C7', ''),
            inl('D7', 'UBND xã'), inl('E7', 'Lĩnh vực thử')]),
    row(9, []),		# an empty row is skipped
]
sheet_extra = ''
parts = {}
if kind == 'good':
    pass
elif kind == 'noheader':
    rows = [row(1, [s('A1', 0)])] + [row(i, [inl('A%d' % i, '1.99900%d' % i), inl('B%d' % i, 'Tên')]) for i in range(2, 14)]
elif kind == 'badrow':
    rows = rows[:3] + [row(4, [inl('A4', 'không phải mã'), inl('B4', 'Tên')]), row(5, [inl('A5', '1.999003')])]
elif kind == 'laughs':
    dtd = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           + ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10) for i in range(2, 10)) + ']>')
    parts['xl/sharedStrings.xml'] = sst(dtd).replace('Lĩnh vực', '&lol9;')
elif kind == 'bomb':
    sheet_extra = ' ' * (32 * 1024 * 1024)	# 32 MiB of blanks: compressed about 1000 times
elif kind == 'rows':
    rows = [header] + ['<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(3, 1000003)]
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s%s</sheetData></worksheet>'
         % (NS, ''.join(rows), sheet_extra))
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('_rels/.rels', rels)
    z.writestr('xl/workbook.xml', wb)
    z.writestr('xl/_rels/workbook.xml.rels', wbrels)
    z.writestr('xl/sharedStrings.xml', parts.get('xl/sharedStrings.xml', sst()))
    z.writestr('xl/worksheets/sheet1.xml', sheet)
if kind == 'broken':
    data = open(out, 'rb').read()
    open(out, 'wb').write(data[:len(data) // 2])
PY
}

# What must not change when a file is refused: the catalogue, its version, the audit.
state() {
	mc catalog list --format tsv | md5sum
	mc catalog version --format tsv
	sqlite3 "$DB" "SELECT count(*) FROM audit"
}

before=$(state)
version() { mc catalog version --format tsv | grep "^$1	" | cut -f2; }
for kind in noheader badrow laughs bomb rows broken; do
	xlsx "$T/$kind.xlsx" "$kind"
done
refused() {	# refused KIND PATTERN DESCRIPTION
	out=$(mc catalog import "$T/$1.xlsx" 2>&1)
	is "$?" 1 "$3: refused"
	like "$out" "$2" "... saying why"
	is "$(state)" "$before" "... and nothing changed"
}
refused noheader "no header row with the columns Mã số and Tên" "a sheet without the header"
refused badrow "line 4: the code .không phải mã. is not like 1.001193.*line 5: the name is empty" \
	"a list with bad rows"
refused laughs "declares a DTD.*refused" "billion laughs (a DTD with entities)"
refused bomb "compressed more than 100 times, like a zip bomb: refused" "a zip bomb"
refused rows "more than 20000 rows: refused" "a million rows"
refused broken "is not an .xlsx file" "a broken archive"
printf 'PK\003\004 not really a zip' >"$T/fake.xlsx"
refused fake "is not an .xlsx file" "a file that only starts like a ZIP archive"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language vi >/dev/null
like "$(mc catalog import "$T/bomb.xlsx" 2>&1)" "bom zip|nén hơn 100 lần" "the refusal in Vietnamese too"
mc init --office 000.17.22.H56 --name "UBND xã Tân Lập" --language en >/dev/null

xlsx "$T/good.xlsx" good
n=$(mc catalog list --format tsv | tail -n +2 | wc -l)
old=$(version version)
out=$(mc catalog import "$T/good.xlsx")
is "$?" 0 "the portal's list imports"
like "$out" "^5 procedures read from .*good\.xlsx: 2 new \(their time and fee to verify\), 2 renamed, 1 unchanged\.$" \
	"... saying what was new, renamed and unchanged"
like "$out" "Catalogue version: 20[0-9-]+ [0-9:]+ [0-9a-f]{8}" "... and the catalogue's new version"
is "$(mc catalog list --format tsv | tail -n +2 | wc -l)" "$((n + 2))" "two procedures added"
is "$(version source)" "good.xlsx" "catalog version names the file"
unlike "$(version version)" "^$old$" "... and the version changed"
show=$(mc catalog show 1.999001 --format json)
like "$show" '"name": *"Thử nghiệm nhập danh sách"' "a new procedure's name, without 'Thủ tục'"
like "$show" '"agency": *"Ủy ban nhân dân xã; Công an xã"' "... its agencies, one per line of the cell"
like "$show" '"to_verify": *"time fee"' "... its time and fee to verify"
like "$show" '"source": *"Bộ Thử; good\.xlsx"' "... and where it comes from"
like "$(mc catalog show 1.004873 --format json)" '"name": *"Cấp Giấy xác nhận tình trạng hôn nhân \(mới\)"' \
	"a shipped procedure takes the list's name (rich text joined, phonetic run left out)"
like "$(mc catalog show 1.004873 --format json)" '"fee_rule": *"Mức thu do HĐND' "... and keeps its fee rule"
is "$(mc catalog show 1.001193 --format json | grep -c '"to_verify": ""')" 1 \
	"an unchanged procedure keeps its confirmed values"
like "$(mc catalog show 1.999002.000.00.00.h55 --format json)" '"variant_agency": *"000.00.00.H55"' \
	"a local variant is stored as its national code and its agency"
is "$(status mc catalog show 1.999002)" 0 "... and found by its national code"
like "$(mc catalog list --to-verify --field 'linh vuc thu' --format tsv | cut -f1 | tr '\n' ' ')" \
	"^code 1.999001 1.999002 $" "catalog list --to-verify --field"
like "$(sqlite3 "$DB" "SELECT detail FROM audit WHERE action = 'catalog.import' ORDER BY id DESC LIMIT 1")" \
	"good\.xlsx: 5 \(2 new, 2 renamed\)" "the import is audited"
out=$(mc catalog import "$T/good.xlsx")
like "$out" "0 new .* 0 renamed, 5 unchanged" "importing the same list again changes nothing"

# A dossier received under this catalogue, for a procedure whose time is to verify.
code=$(mc intake --procedure 1.999001 --name "Nguyễn Văn Thử")
show=$(mc show "$code" --format json)
like "$show" '"catalog_version": *"20[0-9-]+ [0-9:]+ [0-9a-f]{8}"' "show: the catalogue version it was received under"
like "$show" '"to_verify": *"time fee"' "show: its due date and fee came from values to verify"
like "$(mc due 1.999001 '2026-10-12 09:00' 2>&1 >/dev/null)" "still to verify" \
	"due notes that the time is to verify"
is "$(mc due 1.001193 '2026-10-12 09:00' 2>&1 >/dev/null)" "" "... and says nothing when it is confirmed"
done_testing
