/* idno.c -- check a 12-digit personal ID number (số định danh cá nhân, CCCD).
 *
 * Thông tư 07/2016/TT-BCA Điều 7: digits 1-3 are the province of birth (its code in
 * the list below), digit 4 the century of birth and sex, digits 5-6 the last two
 * digits of the year of birth, digits 7-12 a random number.  Numbers carry the
 * province codes they were issued with, so the 63 provinces before the 2025 merger
 * stay valid here.
 */
#include "config.h"

#include <string.h>

#include "code.h"
#include "i18n.h"

#define IDNO_DIGITS 12
#define CMND_DIGITS 9		/* the old identity card (chứng minh nhân dân) */

/* Province codes, Thông tư 07/2016/TT-BCA Phụ lục I. */
static const unsigned char provinces[] = {
	1,	/* Hà Nội */
	2,	/* Hà Giang */
	4,	/* Cao Bằng */
	6,	/* Bắc Kạn */
	8,	/* Tuyên Quang */
	10,	/* Lào Cai */
	11,	/* Điện Biên */
	12,	/* Lai Châu */
	14,	/* Sơn La */
	15,	/* Yên Bái */
	17,	/* Hòa Bình */
	19,	/* Thái Nguyên */
	20,	/* Lạng Sơn */
	22,	/* Quảng Ninh */
	24,	/* Bắc Giang */
	25,	/* Phú Thọ */
	26,	/* Vĩnh Phúc */
	27,	/* Bắc Ninh */
	30,	/* Hải Dương */
	31,	/* Hải Phòng */
	33,	/* Hưng Yên */
	34,	/* Thái Bình */
	35,	/* Hà Nam */
	36,	/* Nam Định */
	37,	/* Ninh Bình */
	38,	/* Thanh Hóa */
	40,	/* Nghệ An */
	42,	/* Hà Tĩnh */
	44,	/* Quảng Bình */
	45,	/* Quảng Trị */
	46,	/* Thừa Thiên Huế */
	48,	/* Đà Nẵng */
	49,	/* Quảng Nam */
	51,	/* Quảng Ngãi */
	52,	/* Bình Định */
	54,	/* Phú Yên */
	56,	/* Khánh Hòa */
	58,	/* Ninh Thuận */
	60,	/* Bình Thuận */
	62,	/* Kon Tum */
	64,	/* Gia Lai */
	66,	/* Đắk Lắk */
	67,	/* Đắk Nông */
	68,	/* Lâm Đồng */
	70,	/* Bình Phước */
	72,	/* Tây Ninh */
	74,	/* Bình Dương */
	75,	/* Đồng Nai */
	77,	/* Bà Rịa - Vũng Tàu */
	79,	/* Hồ Chí Minh */
	80,	/* Long An */
	82,	/* Tiền Giang */
	83,	/* Bến Tre */
	84,	/* Trà Vinh */
	86,	/* Vĩnh Long */
	87,	/* Đồng Tháp */
	89,	/* An Giang */
	91,	/* Kiên Giang */
	92,	/* Cần Thơ */
	93,	/* Hậu Giang */
	94,	/* Sóc Trăng */
	95,	/* Bạc Liêu */
	96,	/* Cà Mau */
};

static int
province_known(int code)
{
	size_t i;

	for (i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (provinces[i] == code)
			return 1;
	return 0;
}

int
idno_validate(const char *id, struct idno_info *info, struct mc_error *err)
{
	/* Digit 4: 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 1800s; odd = female. */
	static const int century[10] = { 1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800 };
	size_t i, n;
	int province, year, now_y, now_m, now_d;

	if (id == NULL || *id == '\0')
		return mc_fail(err, MC_EINVAL, _("the ID number is empty"));
	n = strnlen(id, IDNO_DIGITS + 1);
	for (i = 0; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			return mc_fail(err, MC_EINVAL, _("the ID number may contain only digits"));
	if (n == CMND_DIGITS)
		return mc_fail(err, MC_EINVAL, _("old 9-digit ID card number; ask for the 12-digit number"));
	if (n != IDNO_DIGITS)
		return n > IDNO_DIGITS ?
		    mc_fail(err, MC_EINVAL, _("the ID number has more than 12 digits")) :
		    mc_fail(err, MC_EINVAL, _("the ID number has %d digits; it must have 12"), (int)n);
	province = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
	if (!province_known(province))
		return mc_fail(err, MC_EINVAL, _("the first 3 digits (%.3s) are not a province code"), id);
	year = century[id[3] - '0'] + (id[4] - '0') * 10 + (id[5] - '0');
	mc_civil_from_day(mc_day_of(mc_now()), &now_y, &now_m, &now_d);
	if (year > now_y)
		return mc_fail(err, MC_EINVAL, _("digits 4 to 6 (%.3s) give a year of birth in the future (%d)"),
		    id + 3, year);
	if (info != NULL) {
		info->province = province;
		info->female = (id[3] - '0') % 2;
		info->birth_year = year;
	}
	return MC_OK;
}
