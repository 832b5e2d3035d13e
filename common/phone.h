/* phone.h -- Vietnamese phone numbers: what one is, in one place.
 *
 * The normalised form: "0" and nine digits for a mobile (03, 05, 07, 08, 09...), "0"
 * and ten for a landline with its area code (02...).  "+84" or "84" in front stands
 * for the "0"; spaces, dots, dashes and brackets between the digits are skipped.
 *
 *	phone_normalise(in, out, err)	a number someone typed (intake, search): the
 *					normalised form, or MC_EINVAL saying why not
 *	phone_recipient(in, out)	a sender or recipient as the SMS queues keep it,
 *					and whether it can receive SMS (a mobile)
 *	phone_mask(number, out)		a number as a log line may show it
 */
#ifndef MC_PHONE_H
#define MC_PHONE_H

#include "error.h"

#define PHONE_MAX 32		/* bytes of a number as kept, with the NUL */
#define PHONE_MASK_MAX 24	/* bytes of a masked number, with the NUL */

/* in normalised into out; MC_OK, or MC_EINVAL (out then undefined) when in is not a
 * Vietnamese phone number: other characters, too long, or not a mobile or landline
 * number once normalised. */
int phone_normalise(const char *in, char out[PHONE_MAX], struct mc_error *err);

/* A sender or recipient as the queues keep it: a Vietnamese mobile number normalised
 * (returns 1); a landline normalised too, or anything else (an operator's short code,
 * a name; NULL is "") trimmed and cut to fit without splitting a character (returns 0:
 * none of those can get an SMS). */
int phone_recipient(const char *in, char out[PHONE_MAX]);

/* number for a log line: as phone_recipient() keeps it, then its first two and last
 * three characters kept and the others "x" ("09xxxxx678"; "xxxxx" when it is that
 * short); anything but digits and '+' shows as '?'.  Returns out. */
const char *phone_mask(const char *number, char out[PHONE_MASK_MAX]);

#endif
