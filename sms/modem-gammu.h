/* modem-gammu.h -- what the two halves of the libgammu backend share: modem-gammu.c
 * drives the phone, modem-gammu-msg.c turns the messages libgammu decoded into struct
 * modem_msg, modem-gammu-at.c deletes what libgammu cannot read.  The files named sms/modem-gammu* are the only ones that include gammu.h.
 */
#ifndef MC_MODEM_GAMMU_H
#define MC_MODEM_GAMMU_H

#include <gammu.h>
#include <stddef.h>

#include "modem.h"

/* Append a libgammu "Unicode" string (UTF-16 big-endian, ended by two zero bytes or
 * after max bytes) to out (size bytes, kept terminated) as UTF-8: a surrogate without
 * its pair becomes U+FFFD; the text is cut at a character boundary when out is full. */
void modem_gammu_append(char *out, size_t size, const unsigned char *text, size_t max);

/* The message libgammu read into ms (ms->Number parts, in any order) as out; tmp is
 * room for one part (to sort them).  Calls nothing of libgammu: text, UDH part numbers
 * and the sender as libgammu decoded them, whatever they hold (tests/fuzz feeds it
 * arbitrary structures). */
void modem_gammu_convert(GSM_MultiSMSMessage *ms, GSM_SMSMessage *tmp, struct modem_msg *out);

/* Delete message index of memory ("SM", "ME", ...) from the AT modem behind connection
 * ("at", "at115200", "proxyat") and device, without libgammu (its AT driver reads a
 * message before deleting it): modem-gammu-at.c.  libgammu must not hold the device. */
int modem_gammu_at_delete(const char *connection, const char *device, const char *memory,
    int index, struct mc_error *err);

#endif
