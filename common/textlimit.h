/* textlimit.h -- how long a text the store keeps may be, in bytes of UTF-8 (NFC), in one
 * place: the applicant's details and an event's texts (dossier.c), the office's name
 * and address (settings.c, which `motcua init` and the console's settings screen both
 * go through).  A longer text is refused with a message naming the field and the
 * limit, never cut.  (A user's full name is bounded by struct user, auth.h; a holiday's
 * name by HOLIDAY_NAME_MAX, holiday.c.)
 */
#ifndef MC_TEXTLIMIT_H
#define MC_TEXTLIMIT_H

#define LIMIT_NAME 200		/* a person's name; an office's name and address */
#define LIMIT_ADDRESS 500	/* an applicant's address */
#define LIMIT_AGENCY 120	/* the agency a dossier is handed to */
#define LIMIT_TEXT 2000		/* a note, a reason, the documents to bring */

#endif
