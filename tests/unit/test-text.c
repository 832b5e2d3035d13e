/* test-text.c -- unit tests of the text module: UTF-8 checks, NFC, folding,
 * unaccenting, display width, and Telex/VNI typing of real names.
 *
 * Tone placement follows the "modern" convention (hoà, Thuỷ, khoẻ), as in telex.c.
 * Expected strings here are NFC.
 */
#include "unit.h"

#include "text.h"

/* Compose keys and compare with want; also check the result is NFC. */
static void
check_compose(enum text_im im, const char *keys, const char *want)
{
	char *got = text_compose(im, keys), *nfc;

	if (got == NULL || strcmp(got, want) != 0)
		print_error("%s \"%s\": got \"%s\", want \"%s\"\n", text_im_name(im), keys,
		    got != NULL ? got : "(null)", want);
	assert_non_null(got);
	assert_string_equal(got, want);
	nfc = text_nfc(got);
	assert_non_null(nfc);
	assert_string_equal(nfc, got);
	free(nfc);
	free(got);
}

static void
check_fn(char *(*fn)(const char *), const char *in, const char *want)
{
	char *got = fn(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Real full names, each typed in Telex and in VNI the way people type them
 * (marks and tones sometimes inside the word, sometimes at its end). */
static const struct {
	const char *telex, *vni, *want;
} names[] = {
	{ "Nguyeenx Vawn Aan", "Nguye64n Va8n A6n", "Nguyễn Văn Ân" },
	{ "Traanf Thij Thuyr", "Tra62n Thi5 Thuy3", "Trần Thị Thuỷ" },
	{ "Lee Vawn Hungw", "Le6 Va8n Hu7ng", "Lê Văn Hưng" },
	{ "Phamj Minh Tuaans", "Pham5 Minh Tuan61", "Phạm Minh Tuấn" },
	{ "Hoangf Thij Lan", "Hoang2 Thi5 Lan", "Hoàng Thị Lan" },
	{ "Huynhf Thucs Khangs", "Huy2nh Thu1c Kha1ng", "Huỳnh Thúc Kháng" },
	{ "Vox Nguyeen Giaps", "Vo4 Nguyen6 Giap1", "Võ Nguyên Giáp" },
	{ "Ddawngj Thuyf Traam", "D9a8ng5 Thuy2 Tra6m", "Đặng Thuỳ Trâm" },
	{ "Buif Quang Huy", "Bui2 Quang Huy", "Bùi Quang Huy" },
	{ "Ddoox Thij Hoaf", "Do964 Thi5 Hoa2", "Đỗ Thị Hoà" },
	{ "Ngoo Baor Chaau", "Ngo6 Ba3o Cha6u", "Ngô Bảo Châu" },
	{ "Duwowng Thu Huwowng", "Du7o7ng Thu Huong7", "Dương Thu Hương" },
	{ "Lys Thuwowngf Kieetj", "Ly1 Thuong72 Kie6t5", "Lý Thường Kiệt" },
	{ "Hoof Xuaan Huwowng", "Ho62 Xua6n Hu7o7ng", "Hồ Xuân Hương" },
	{ "Trinhj Coong Sown", "Tri5nh Co6ng So7n", "Trịnh Công Sơn" },
	{ "Nguyeenx Thij Minh Khai", "Nguyen64 Thi5 Minh Khai", "Nguyễn Thị Minh Khai" },
	{ "Phan Booij Chaau", "Phan Bo65i Cha6u", "Phan Bội Châu" },
	{ "Ddoanf Thij Ddieemr", "D9oa2n Thi5 D9ie63m", "Đoàn Thị Điểm" },
	{ "Vux Ddinhf Nam", "Vu4 D9i2nh Nam", "Vũ Đình Nam" },
	{ "Toon Dduwcs Thawngs", "To6n D9u7c1 Tha8ng1", "Tôn Đức Thắng" },
	{ "Phamj Vawn Ddoongf", "Pha5m Va8n D9o62ng", "Phạm Văn Đồng" },
	{ "Lee Quys Ddoon", "Le6 Quy1 Do6n9", "Lê Quý Đôn" },
	{ "Nguyeenx Khuyeens", "Nguye64n Khuye61n", "Nguyễn Khuyến" },
	{ "Nguyeenx Binhr Khieem", "Nguye64n Bi3nh Khie6m", "Nguyễn Bỉnh Khiêm" },
	{ "Macj Ddinhx Chi", "Ma5c D9i4nh Chi", "Mạc Đĩnh Chi" },
	{ "Vox Thij Saus", "Vo4 Thi5 Sa1u", "Võ Thị Sáu" },
	{ "Luwowng Thees Vinh", "Lu7o7ng The61 Vinh", "Lương Thế Vinh" },
	{ "Tueej Tinhx", "Tue65 Ti4nh", "Tuệ Tĩnh" },
	{ "Ddaof Duy Tuwf", "D9a2o Duy Tu72", "Đào Duy Từ" },
	{ "Chu Vawn An", "Chu Va8n An", "Chu Văn An" },
	{ "Truwng Trawcs", "Tru7ng Tra8c1", "Trưng Trắc" },
	{ "Nguyeenx Thij Anhs Vieen", "Nguye64n Thi5 A1nh Vie6n", "Nguyễn Thị Ánh Viên" },
	{ "Hair Thuwowngj Lanx OOng", "Ha3i Thu7o7ng5 La4n O6ng", "Hải Thượng Lãn Ông" },
	{ "Giang Vawn Minh", "Giang Va8n Minh", "Giang Văn Minh" },
	{ "Quachs Thij Hoongf", "Qua1ch Thi5 Ho62ng", "Quách Thị Hồng" },
	{ "Khoongr Tus Quynhf", "Kho63ng Tu1 Quy2nh", "Khổng Tú Quỳnh" },
	{ "Thaan Thuys Haf", "Tha6n Thuy1 Ha2", "Thân Thuý Hà" },
	{ "Truwowng Myx Lan", "Truong7 My4 Lan", "Trương Mỹ Lan" },
	{ "Ddinh Booj Linhx", "D9inh Bo65 Li4nh", "Đinh Bộ Lĩnh" },
	{ "Ngoo Quyeenf", "Ngo6 Quye62n", "Ngô Quyền" },
	{ "Ddoox Muwowif", "D9o64 Muoi72", "Đỗ Mười" },
	{ "Nguyeenx Gia Thieeuf", "Nguye64n Gia Thie62u", "Nguyễn Gia Thiều" },
};
#define NNAMES (sizeof names / sizeof names[0])

static void
test_names_telex(void **state)
{
	size_t i;

	assert_true(NNAMES >= 30);
	for (i = 0; i < NNAMES; i++)
		check_compose(TEXT_IM_TELEX, names[i].telex, names[i].want);
}

static void
test_names_vni(void **state)
{
	size_t i;

	for (i = 0; i < NNAMES; i++)
		check_compose(TEXT_IM_VNI, names[i].vni, names[i].want);
}

static const struct {
	const char *telex, *vni, *want;
} places[] = {
	{ "Thanhf phoos Hoof Chis Minh", "Tha2nh pho61 Ho62 Chi1 Minh", "Thành phố Hồ Chí Minh" },
	{ "Haf Nooij", "Ha2 No65i", "Hà Nội" },
	{ "DDaf Nawngx", "D9a2 Na8ng4", "Đà Nẵng" },
	{ "Hair Phongf", "Ha3i Pho2ng", "Hải Phòng" },
	{ "Caanf Thow", "Ca62n Tho7", "Cần Thơ" },
	{ "Thuwaf Thieen Huees", "Thu7a2 Thie6n Hue61", "Thừa Thiên Huế" },
	{ "Quangr Ninh", "Qua3ng Ninh", "Quảng Ninh" },
	{ "DDawks Lawks", "D9a8k1 La8k1", "Đắk Lắk" },
	{ "Buoon Ma Thuootj", "Buo6n Ma Thuo65t", "Buôn Ma Thuột" },
	{ "Baf Rija - Vuxng Tauf", "Ba2 Ri5a - Vu4ng Ta2u", "Bà Rịa - Vũng Tàu" },
	{ "Phuwowngf Beens Nghes, quaanj 1", "Phuong72 Be61n Nghe1, qua65n 1",
	  "Phường Bến Nghé, quận 1" },
	{ "Xax Taan Thowis Nhif", "Xa4 Ta6n Tho71i Nhi2", "Xã Tân Thới Nhì" },
	{ "tinhr Khanhs Hoaf", "ti3nh Kha1nh Hoa2", "tỉnh Khánh Hoà" },
	{ "Gia Nghiax, DDawks Noong", "Gia Nghi4a, D9a8k1 No6ng", "Gia Nghĩa, Đắk Nông" },
};

static void
test_places(void **state)
{
	size_t i;

	for (i = 0; i < sizeof places / sizeof places[0]; i++) {
		check_compose(TEXT_IM_TELEX, places[i].telex, places[i].want);
		check_compose(TEXT_IM_VNI, places[i].vni, places[i].want);
	}
}

/* Where the tone goes: modern style, qu and gi, marked vowels first. */
static void
test_tone_placement(void **state)
{
	check_compose(TEXT_IM_TELEX, "hoaf", "hoà");
	check_compose(TEXT_IM_TELEX, "khoer", "khoẻ");
	check_compose(TEXT_IM_TELEX, "thuys", "thuý");
	check_compose(TEXT_IM_TELEX, "toans", "toán");	/* final consonant: second */
	check_compose(TEXT_IM_TELEX, "mias", "mía");	/* no final: first */
	check_compose(TEXT_IM_TELEX, "cuar", "của");
	check_compose(TEXT_IM_TELEX, "ngoaif", "ngoài");	/* three vowels: middle */
	check_compose(TEXT_IM_TELEX, "khuyur", "khuỷu");
	check_compose(TEXT_IM_TELEX, "quoocs", "quốc");
	check_compose(TEXT_IM_TELEX, "quaf", "quà");
	check_compose(TEXT_IM_TELEX, "giuwax", "giữa");
	check_compose(TEXT_IM_TELEX, "giaf", "già");
	check_compose(TEXT_IM_TELEX, "gif", "gì");
	check_compose(TEXT_IM_TELEX, "giuwowngf", "giường");
	check_compose(TEXT_IM_TELEX, "nguoiwf", "người");
	check_compose(TEXT_IM_TELEX, "nguwowif", "người");
	check_compose(TEXT_IM_TELEX, "dduwowngf", "đường");
	check_compose(TEXT_IM_TELEX, "truwowngf", "trường");
	check_compose(TEXT_IM_TELEX, "truongwf", "trường");
	check_compose(TEXT_IM_TELEX, "thuowr", "thuở");	/* uơ after th at the end */
	check_compose(TEXT_IM_TELEX, "thuowng", "thương");	/* ... ươ once a letter follows */
	check_compose(TEXT_IM_TELEX, "ruouwj", "rượu");
	check_compose(TEXT_IM_TELEX, "cuuws", "cứu");
	check_compose(TEXT_IM_TELEX, "guiwr", "gửi");
	check_compose(TEXT_IM_TELEX, "muaw", "mưa");
	check_compose(TEXT_IM_TELEX, "hoawcj", "hoặc");
	check_compose(TEXT_IM_TELEX, "chuyeenr", "chuyển");
	/* Tone or mark typed at the end of the word, or before the vowel is done. */
	check_compose(TEXT_IM_TELEX, "tieengs", "tiếng");
	check_compose(TEXT_IM_TELEX, "tiengse", "tiếng");
	check_compose(TEXT_IM_TELEX, "nguyeenx", "nguyễn");
	check_compose(TEXT_IM_TELEX, "nguyenxe", "nguyễn");
	check_compose(TEXT_IM_TELEX, "hosa", "hoá");	/* the tone moves to the a */
	check_compose(TEXT_IM_TELEX, "tosan", "toán");
	check_compose(TEXT_IM_TELEX, "gifa", "già");
	check_compose(TEXT_IM_VNI, "thuo73", "thuở");
	check_compose(TEXT_IM_VNI, "nguoi72", "người");
	check_compose(TEXT_IM_VNI, "duong792", "đường");
	check_compose(TEXT_IM_VNI, "giu74a", "giữa");
	check_compose(TEXT_IM_VNI, "quo6c1", "quốc");
	check_compose(TEXT_IM_VNI, "hoa2", "hoà");
	check_compose(TEXT_IM_VNI, "khoe3", "khoẻ");
}

/* A repeated key undoes itself; z and 0 remove the tone. */
static void
test_undo(void **state)
{
	check_compose(TEXT_IM_TELEX, "aa", "â");
	check_compose(TEXT_IM_TELEX, "aaa", "aa");
	check_compose(TEXT_IM_TELEX, "aaaa", "aaa");
	check_compose(TEXT_IM_TELEX, "as", "á");
	check_compose(TEXT_IM_TELEX, "ass", "as");
	check_compose(TEXT_IM_TELEX, "asf", "à");	/* another tone replaces it */
	check_compose(TEXT_IM_TELEX, "asz", "a");
	check_compose(TEXT_IM_TELEX, "dd", "đ");
	check_compose(TEXT_IM_TELEX, "ddd", "dd");
	check_compose(TEXT_IM_TELEX, "aw", "ă");
	check_compose(TEXT_IM_TELEX, "aww", "aw");
	check_compose(TEXT_IM_TELEX, "aaw", "ă");	/* mark replaced */
	check_compose(TEXT_IM_TELEX, "oow", "ơ");
	check_compose(TEXT_IM_TELEX, "w", "ư");
	check_compose(TEXT_IM_TELEX, "ww", "w");
	check_compose(TEXT_IM_TELEX, "tw", "tư");
	check_compose(TEXT_IM_TELEX, "nguoww", "nguow");
	check_compose(TEXT_IM_TELEX, "uow", "uơ");
	check_compose(TEXT_IM_TELEX, "uoww", "ươ");
	check_compose(TEXT_IM_TELEX, "uowww", "uow");
	check_compose(TEXT_IM_TELEX, "Nguyeenxx", "Nguyênx");
	check_compose(TEXT_IM_VNI, "a6", "â");
	check_compose(TEXT_IM_VNI, "a66", "a6");
	check_compose(TEXT_IM_VNI, "a1", "á");
	check_compose(TEXT_IM_VNI, "a11", "a1");
	check_compose(TEXT_IM_VNI, "a10", "a");
	check_compose(TEXT_IM_VNI, "d9", "đ");
	check_compose(TEXT_IM_VNI, "d99", "d9");
	check_compose(TEXT_IM_VNI, "a88", "a8");
	check_compose(TEXT_IM_VNI, "uo7", "uơ");
	check_compose(TEXT_IM_VNI, "uo77", "ươ");	/* uơ -> ươ -> uo */
	check_compose(TEXT_IM_VNI, "uo777", "uo7");
}

/* Keys that cannot apply are typed as they are. */
static void
test_literal(void **state)
{
	check_compose(TEXT_IM_TELEX, "sss", "sss");	/* no vowel for the tone */
	check_compose(TEXT_IM_TELEX, "z", "z");
	check_compose(TEXT_IM_TELEX, "az", "az");	/* no tone to remove */
	check_compose(TEXT_IM_TELEX, "hoaa", "hoaa");	/* "oâ" is no Vietnamese vowel */
	check_compose(TEXT_IM_TELEX, "tacf", "tacf");	/* no huyền before final c */
	check_compose(TEXT_IM_TELEX, "Anna", "Anna");
	check_compose(TEXT_IM_TELEX, "abc@gmail.com", "abc@gmail.com");
	check_compose(TEXT_IM_TELEX, "0912 345 678", "0912 345 678");
	check_compose(TEXT_IM_TELEX, "Kon Tum", "Kon Tum");
	check_compose(TEXT_IM_VNI, "So61 12", "Số 12");	/* digits end the word */
	check_compose(TEXT_IM_VNI, "Phong 101", "Phong 101");
	check_compose(TEXT_IM_VNI, "a0", "a0");
	check_compose(TEXT_IM_VNI, "b1", "b1");
	check_compose(TEXT_IM_TELEX, "", "");
	check_compose(TEXT_IM_VNI, "", "");
}

static void
test_upper(void **state)
{
	check_compose(TEXT_IM_TELEX, "NGUYEENX VAWN AAN", "NGUYỄN VĂN ÂN");
	check_compose(TEXT_IM_TELEX, "DDAWNGJ", "ĐẶNG");
	check_compose(TEXT_IM_TELEX, "DD", "Đ");
	check_compose(TEXT_IM_TELEX, "Dd", "Đ");
	check_compose(TEXT_IM_TELEX, "Aa", "Â");
	check_compose(TEXT_IM_TELEX, "W", "Ư");
	check_compose(TEXT_IM_TELEX, "TRUWOWNGF", "TRƯỜNG");
	check_compose(TEXT_IM_TELEX, "UWOWNG", "ƯƠNG");
	check_compose(TEXT_IM_VNI, "NGUYEN64", "NGUYỄN");
	check_compose(TEXT_IM_VNI, "D9A8NG5", "ĐẶNG");
	check_compose(TEXT_IM_VNI, "U7O7NG", "ƯƠNG");
}

/* text_im_key as a text field calls it: one key on the word before the cursor. */
static void
test_im_key(void **state)
{
	char out[64], tiny[4];

	assert_int_equal(text_im_key(TEXT_IM_TELEX, "Nguyên", 'x', out, sizeof out), 1);
	assert_string_equal(out, "Nguyễn");
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "á", 's', out, sizeof out), 1);
	assert_string_equal(out, "as");
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "hó", 'a', out, sizeof out), 1);
	assert_string_equal(out, "hoá");
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "truơ", 'n', out, sizeof out), 1);
	assert_string_equal(out, "trươn");
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "", 'w', out, sizeof out), 1);
	assert_string_equal(out, "ư");
	assert_int_equal(text_im_key(TEXT_IM_TELEX, NULL, 'w', out, sizeof out), 1);
	assert_string_equal(out, "ư");
	assert_int_equal(text_im_key(TEXT_IM_VNI, "Nguyen", '6', out, sizeof out), 1);
	assert_string_equal(out, "Nguyên");
	/* Keys typed as they are. */
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "ba", 'n', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "", 's', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "ba", ' ', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "ba", '1', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_VNI, "ba", 's', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_VNI, "", '1', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_OFF, "ba", 's', out, sizeof out), 0);
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "naïve", 's', out, sizeof out), 0);
	/* The new word does not fit: typed as it is rather than cut. */
	assert_int_equal(text_im_key(TEXT_IM_TELEX, "nguyen", 'x', tiny, sizeof tiny), 0);
}

static void
test_compose_off(void **state)
{
	check_compose(TEXT_IM_OFF, "Nguyeenx", "Nguyeenx");
	/* Text already accented (pasted) passes through, normalised to NFC. */
	check_compose(TEXT_IM_OFF, "Nguye\xcc\x82\xcc\x83n", "Nguyễn");
	check_compose(TEXT_IM_TELEX, "Nguye\xcc\x82\xcc\x83n Vawn", "Nguyễn Văn");
	check_compose(TEXT_IM_TELEX, "Nguyễn Vawn Aan", "Nguyễn Văn Ân");
	assert_null(text_compose(TEXT_IM_TELEX, "Nguy\xff"));
	assert_null(text_compose(TEXT_IM_TELEX, NULL));
}

static void
test_im_names(void **state)
{
	assert_string_equal(text_im_name(TEXT_IM_OFF), "off");
	assert_string_equal(text_im_name(TEXT_IM_TELEX), "telex");
	assert_string_equal(text_im_name(TEXT_IM_VNI), "vni");
	assert_int_equal(text_im_parse("telex"), TEXT_IM_TELEX);
	assert_int_equal(text_im_parse("VNI"), TEXT_IM_VNI);
	assert_int_equal(text_im_parse("off"), TEXT_IM_OFF);
	assert_int_equal(text_im_parse("viqr"), -1);
	assert_int_equal(text_im_parse(""), -1);
	assert_int_equal(text_im_parse(NULL), -1);
}

static void
test_fold(void **state)
{
	check_fn(text_fold, "  Nguyễn  Văn Ân ", "nguyen van an");
	check_fn(text_fold, "ĐẶNG", "dang");
	check_fn(text_fold, "Đỗ Thị Hoà", "do thi hoa");
	check_fn(text_fold, "Trần\tThị\r\nThuỷ", "tran thi thuy");
	check_fn(text_fold, "Lý\xc2\xa0Thường\xe2\x80\x83Kiệt", "ly thuong kiet");	/* NBSP, em space */
	check_fn(text_fold, "ăâêôơư ĂÂÊÔƠƯ đĐ", "aaeoou aaeoou dd");
	check_fn(text_fold, "áàảãạ ấầẩẫậ ắằẳẵặ ÉÈẺẼẸ ếềểễệ íìỉĩị", "aaaaa aaaaa aaaaa eeeee eeeee iiiii");
	check_fn(text_fold, "óòỏõọ ốồổỗộ ớờởỡợ úùủũụ ứừửữự ýỳỷỹỵ", "ooooo ooooo ooooo uuuuu uuuuu yyyyy");
	check_fn(text_fold, "Nguye\xcc\x82\xcc\x83n", "nguyen");	/* NFD */
	check_fn(text_fold, "000.17.22.H56-210531-0001", "000.17.22.h56-210531-0001");
	check_fn(text_fold, "Ｈà Ｎội", "ha noi");	/* full-width letters (NFKC) */
	check_fn(text_fold, "Ng\xc2\xadu\xe2\x80\x8byễn", "nguyen");	/* soft hyphen, zero width */
	check_fn(text_fold, "", "");
	check_fn(text_fold, " \t\n ", "");
	assert_null(text_fold("Nguy\xe1\xbb"));
	assert_null(text_fold(NULL));
}

static void
test_unaccent(void **state)
{
	check_fn(text_unaccent, "Đặng Thị Ánh", "Dang Thi Anh");
	check_fn(text_unaccent, "ĐẤT  Ấp", "DAT  Ap");
	check_fn(text_unaccent, " Hồ  sơ\tđã ", " Ho  so\tda ");	/* case and spacing kept */
	check_fn(text_unaccent,
	    "Hồ sơ 000.17.22.H56-210531-0001 đã được tiếp nhận. Ngày hẹn trả: 03/06/2021",
	    "Ho so 000.17.22.H56-210531-0001 da duoc tiep nhan. Ngay hen tra: 03/06/2021");
	check_fn(text_unaccent, "Nguye\xcc\x82\xcc\x83n", "Nguyen");
	assert_null(text_unaccent("\xc0\xaf"));
}

static void
test_nfc(void **state)
{
	check_fn(text_nfc, "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n");
	check_fn(text_nfc, "Thuy\xcc\x89", "Thu\xe1\xbb\xb7");
	check_fn(text_nfc, "a\xcc\xa3\xcc\x82", "\xe1\xba\xad");	/* a + dot below + hat = ậ */
	check_fn(text_nfc, "Nguyễn Văn Ân", "Nguyễn Văn Ân");
	check_fn(text_nfc, "", "");
	assert_null(text_nfc("\xed\xa0\x80"));
	assert_null(text_nfc(NULL));
}

static void
test_valid(void **state)
{
	static const char nul[] = "ab\0cd";

	assert_true(text_valid("Nguyễn Văn Ân", strlen("Nguyễn Văn Ân")));
	assert_true(text_valid("tab\there\nand\r\n", strlen("tab\there\nand\r\n")));
	assert_true(text_valid("", 0));
	assert_true(text_valid("\xf0\x9f\x98\x80", 4));	/* U+1F600 */
	assert_false(text_valid("\xff", 1));
	assert_false(text_valid("\xc0\xaf", 2));		/* overlong '/' */
	assert_false(text_valid("\xe0\x80\xaf", 3));		/* overlong, 3 bytes */
	assert_false(text_valid("\xed\xa0\x80", 3));		/* surrogate D800 */
	assert_false(text_valid("\xf4\x90\x80\x80", 4));	/* above U+10FFFF */
	assert_false(text_valid("Nguy\xe1\xbb", 6));		/* cut short */
	assert_false(text_valid("\x80", 1));			/* lone continuation */
	assert_false(text_valid(nul, sizeof nul - 1));		/* NUL inside */
	assert_false(text_valid("a\x01" "b", 3));
	assert_false(text_valid("a\x1b[31m", 6));		/* ESC */
	assert_true(text_valid(nul, 2));			/* only "ab" counted */
	assert_false(text_valid(NULL, 0));
}

/* What may be stored: no control character at all (C0, DEL, C1), a line feed only
 * where several lines are allowed (issue 9 F). */
static void
test_storable(void **state)
{
	struct mc_error err;

	assert_true(text_storable("Nguyễn Văn Ân", TEXT_LINE));
	assert_true(text_storable("", TEXT_LINE));
	assert_true(text_storable("Tết Nguyên Đán", TEXT_LINES));
	assert_true(text_storable("dòng 1\ndòng 2", TEXT_LINES));
	assert_false(text_storable("dòng 1\ndòng 2", TEXT_LINE));
	assert_false(text_storable("Tết\x1b[31m", TEXT_LINE));	/* ESC: a terminal command */
	assert_false(text_storable("Tết\x1b[31m", TEXT_LINES));
	assert_false(text_storable("a\tb", TEXT_LINE));
	assert_false(text_storable("a\tb", TEXT_LINES));
	assert_false(text_storable("a\rb", TEXT_LINES));
	assert_false(text_storable("a\x7f" "b", TEXT_LINE));		/* DEL */
	assert_false(text_storable("a\xc2\x9b" "31m", TEXT_LINE));	/* U+009B, the C1 CSI */
	assert_false(text_storable("a\xc2\x85" "b", TEXT_LINES));	/* U+0085, C1 next line */
	assert_true(text_storable("a\xc2\xa0" "b", TEXT_LINE));	/* U+00A0 is not a control */
	assert_false(text_storable("\xff", TEXT_LINE));
	assert_false(text_storable(NULL, TEXT_LINE));

	assert_int_equal(text_check("Lê Lợi", TEXT_LINE, "Name", &err), MC_OK);
	assert_int_equal(text_check(NULL, TEXT_LINE, "Name", &err), MC_OK);
	assert_int_equal(text_check("x\x1b]0;owned\x07", TEXT_LINE, "Name", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "Name has a control character"));
	assert_null(strchr(err.msg, 0x1b));
	assert_int_equal(text_check("a\nb", TEXT_LINE, "Address", &err), MC_EINVAL);
	assert_non_null(strstr(err.msg, "Address must be one line"));
	assert_int_equal(text_check("a\xff" "b", TEXT_LINES, "Note", &err), MC_EUTF8);
}

/* What is printed: controls as '?' (line breaks and tabs as spaces), broken UTF-8
 * as '?', the rest exactly as stored. */
static void
check_printable(const char *in, const char *want)
{
	char *got = text_printable(in);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_printable(void **state)
{
	check_printable("Nguyễn Văn Ân", "Nguyễn Văn Ân");
	check_printable("", "");
	check_printable("Tết\x1b[2J\x1b]0;x\x07", "Tết?[2J?]0;x?");
	check_printable("a\tb\nc\rd", "a b c d");
	check_printable("a\x7f" "b\xc2\x9b" "2J", "a?b?2J");
	check_printable("Nguy\xe1\xbb", "Nguy??");
	check_printable("\xff\xfe ok", "?? ok");
	assert_null(text_printable(NULL));
}

static void
test_width(void **state)
{
	assert_int_equal(text_width("Nguyễn"), 6);
	assert_int_equal(text_width("Nguye\xcc\x82\xcc\x83n"), 6);	/* marks take no column */
	assert_int_equal(text_width("Đặng Thị Ánh"), 12);
	assert_int_equal(text_width("中文"), 4);
	assert_int_equal(text_width("越南abc"), 7);
	assert_int_equal(text_width("ＡＢ"), 4);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("ab\xff"), -1);
	assert_int_equal(text_width(NULL), -1);
}

/* The one UTF-8 walker: characters, counting, stepping back, cutting, encoding. */
static void
test_utf8_walk(void **state)
{
	const char *s = "Đà Nẵng \xF0\x9F\x98\x80";	/* Đ à, then an emoji of 4 bytes */
	char out[8], small[5];
	int32_t cp;
	size_t i;

	assert_int_equal(text_next(s, SIZE_MAX, &cp), 2);
	assert_int_equal(cp, 0x0110);
	assert_int_equal(text_next(s + 2, SIZE_MAX, &cp), 2);
	assert_int_equal(cp, 0x00E0);
	assert_int_equal(text_next(s + 4, SIZE_MAX, &cp), 1);
	assert_int_equal(cp, ' ');
	assert_int_equal(text_next(s + strlen(s) - 4, SIZE_MAX, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(text_next("", SIZE_MAX, &cp), 0);
	assert_int_equal(text_next("a", 0, &cp), 0);
	assert_int_equal(text_next("\xC4\x90", 1, &cp), -1);		/* cut by n */
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(text_next("\xC4", SIZE_MAX, &cp), -1);		/* cut by the NUL */
	assert_int_equal(text_next("\xC0\x80", SIZE_MAX, &cp), -1);	/* overlong NUL */
	assert_int_equal(text_next("\xED\xA0\x80", SIZE_MAX, &cp), -1);	/* a surrogate */
	assert_int_equal(text_next("\xF4\x90\x80\x80", SIZE_MAX, &cp), -1);	/* past U+10FFFF */
	assert_int_equal(text_next("\x80", SIZE_MAX, &cp), -1);

	assert_int_equal(text_chars(s, SIZE_MAX), 9);
	assert_int_equal(text_chars(s, 4), 2);
	assert_int_equal(text_chars(s, 3), 2);		/* half of à counts as one */
	assert_int_equal(text_chars("a\xFF\xFE", SIZE_MAX), 3);
	assert_int_equal(text_chars("", SIZE_MAX), 0);

	assert_int_equal(text_prev(s, 0), 0);
	assert_int_equal(text_prev(s, 2), 0);
	assert_int_equal(text_prev(s, 4), 2);
	assert_int_equal(text_prev(s, strlen(s)), strlen(s) - 4);

	assert_int_equal(text_cut(s, 100), strlen(s));
	assert_int_equal(text_cut(s, 3), 2);
	assert_int_equal(text_cut(s, 2), 2);
	assert_int_equal(text_cut(s, 1), 0);
	assert_int_equal(text_copy(small, sizeof small, s), 4);	/* "Đà" */
	assert_string_equal(small, "Đà");
	assert_int_equal(text_copy(small, sizeof small, "abc"), 3);
	assert_string_equal(small, "abc");
	assert_int_equal(text_copy(small, 1, "abc"), 0);
	assert_string_equal(small, "");

	memcpy(out, "abcd\xE1\xBA", 7);	/* ẵ cut after its first two bytes */
	text_cut_end(out);
	assert_string_equal(out, "abcd");
	snprintf(out, sizeof out, "%s", "abẵ");
	text_cut_end(out);
	assert_string_equal(out, "abẵ");
	out[0] = '\0';
	text_cut_end(out);
	assert_string_equal(out, "");

	assert_int_equal(text_put('A', out), 1);
	assert_int_equal(text_put(0x1EB5, out), 3);
	assert_memory_equal(out, "ẵ", 3);
	assert_int_equal(text_put(0x1F600, out), 4);
	assert_int_equal(text_put(0xD800, out), 0);
	assert_int_equal(text_put(0x110000, out), 0);
	assert_int_equal(text_put(-1, out), 0);
	for (i = 0; i < 3; i++) {	/* what text_put writes, text_next reads back */
		size_t k = text_put(0x0110 + (int32_t)i, out);

		assert_int_equal(text_next(out, k, &cp), k);
		assert_int_equal(cp, 0x0110 + (int32_t)i);
	}
}

/* The one growing string. */
static void
test_buf(void **state)
{
	struct text_buf b = { 0 };
	char *s;
	int i;

	s = text_buf_take(&b);
	assert_string_equal(s, "");
	free(s);
	for (i = 0; i < 1000; i++)
		text_buf_add(&b, "Tết ");
	text_buf_addn(&b, "abc", 2);
	text_buf_addn(&b, "", 0);
	assert_int_equal(b.n, 1000 * strlen("Tết ") + 2);
	assert_false(b.oom);
	assert_int_equal(strlen(b.s), b.n);
	s = text_buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s + 1000 * strlen("Tết "), "ab");
	assert_null(b.s);
	assert_int_equal(b.n, 0);
	free(s);

	text_buf_reserve(&b, 100000);
	assert_true(b.cap > 100000);
	assert_string_equal(b.s, "");
	text_buf_addn(&b, "x\0y", 3);		/* bytes: a NUL inside is kept */
	assert_int_equal(b.n, 3);
	assert_memory_equal(b.s, "x\0y", 4);
	text_buf_free(&b);
	assert_null(b.s);

	b.oom = 1;			/* memory ran out on the way: NULL, nothing leaks */
	text_buf_add(&b, "lost");
	assert_null(b.s);
	assert_null(text_buf_take(&b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_telex),
		cmocka_unit_test(test_names_vni),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_tone_placement),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_literal),
		cmocka_unit_test(test_upper),
		cmocka_unit_test(test_im_key),
		cmocka_unit_test(test_compose_off),
		cmocka_unit_test(test_im_names),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_unaccent),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_storable),
		cmocka_unit_test(test_printable),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_utf8_walk),
		cmocka_unit_test(test_buf),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
