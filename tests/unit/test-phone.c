/* test-phone.c -- Vietnamese phone numbers (common/phone.c): normalising what people
 * type, the queues' form of a sender or recipient, and masking for logs. */
#include "unit.h"

#include "phone.h"

static void
test_normalise(void **state)
{
	static const struct { const char *in, *out; } good[] = {
		{ "0912345678", "0912345678" },
		{ "091 234 5678", "0912345678" },
		{ "091.234.5678", "0912345678" },
		{ "(091) 234-5678", "0912345678" },
		{ "+84912345678", "0912345678" },
		{ "84912345678", "0912345678" },
		{ "+84 91 234 5678", "0912345678" },
		{ "0312345678", "0312345678" },
		{ "0512345678", "0512345678" },
		{ "0712345678", "0712345678" },
		{ "0812345678", "0812345678" },
		{ "024 3825 1234", "02438251234" },	/* a landline with its area code */
		{ "+84 24 3825 1234", "02438251234" },
	};
	static const char *const bad[] = { "", "091234567", "09123456789", "0112345678",
	    "0412345678", "1912345678", "091234567a", "09+12345678", "091/2345678",
	    "0243825123", "191", "VIETTEL", "0912345678901234567890123456789012" };
	struct mc_error err;
	char out[PHONE_MAX];
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(phone_normalise(good[i].in, out, NULL), MC_OK);
		assert_string_equal(out, good[i].out);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_error_clear(&err);
		assert_int_equal(phone_normalise(bad[i], out, &err), MC_EINVAL);
		assert_true(err.msg[0] != '\0');
	}
	assert_int_equal(phone_normalise("09123x", out, &err), MC_EINVAL);
	assert_string_equal(err.msg, "the phone number may contain only digits");
}

/* Was smsq_number (test-smsq.c). */
static void
test_recipient(void **state)
{
	char num[PHONE_MAX];

	assert_int_equal(phone_recipient("+84912345678", num), 1);
	assert_string_equal(num, "0912345678");
	assert_int_equal(phone_recipient("84 912 345 678", num), 1);
	assert_string_equal(num, "0912345678");
	assert_int_equal(phone_recipient("024 3825 1234", num), 0);	/* a landline gets no SMS */
	assert_string_equal(num, "02438251234");
	assert_int_equal(phone_recipient("  VIETTEL ", num), 0);
	assert_string_equal(num, "VIETTEL");
	assert_int_equal(phone_recipient("191", num), 0);
	assert_string_equal(num, "191");
	assert_int_equal(phone_recipient(NULL, num), 0);
	assert_string_equal(num, "");
	/* a long name is cut, never inside a character */
	assert_int_equal(phone_recipient("ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ", num), 0);
	assert_true(strlen(num) < PHONE_MAX && strlen(num) % 2 == 0);
}

/* Was smsq_mask: what the daemons' logs show of a number. */
static void
test_mask(void **state)
{
	char out[PHONE_MASK_MAX];

	assert_string_equal(phone_mask("0912345678", out), "09xxxxx678");
	assert_string_equal(phone_mask("+84 912 345 678", out), "09xxxxx678");
	assert_string_equal(phone_mask("024 3825 1234", out), "02xxxxxx234");
	assert_string_equal(phone_mask("191", out), "xxx");
	assert_string_equal(phone_mask("12345", out), "xxxxx");
	assert_string_equal(phone_mask("", out), "");
	assert_string_equal(phone_mask(NULL, out), "");
	assert_string_equal(phone_mask("VIETTEL", out), "??xx???");
	assert_string_equal(phone_mask("+123456", out), "+1xx456");
	/* never longer than the buffer, whatever the input */
	assert_int_equal(strlen(phone_mask("1234567890123456789012345678901234567890", out)),
	    PHONE_MASK_MAX - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_recipient),
		cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
