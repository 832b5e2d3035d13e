/* dossier-docs.c -- the documents a citizen handed in at intake: which items of the
 * procedure's checklist, and in what form (bản chính, bản sao, bản sao chứng thực).
 *
 * The receipt (Mẫu 01) is the office's legal acknowledgement of exactly these, so
 * they are part of the received event's payload, not of the catalogue: the intake
 * writes "documents" (what was handed in: number, name, form, sets) and "missing"
 * (the checklist's other items), names copied as the catalogue said them that day, so
 * a later catalogue import never changes what a receipt says.  An intake event
 * without "documents" recorded nothing (dossiers from before this was kept).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "dossier.h"
#include "i18n.h"
#include "text.h"

static const char *const form_names[DOC_FORM_COUNT] = {
	[DOC_FORM_ORIGINAL] = "original",
	[DOC_FORM_COPY] = "copy",
	[DOC_FORM_CERTIFIED] = "certified",
};

static const char *const form_labels[DOC_FORM_COUNT] = {
	[DOC_FORM_ORIGINAL] = "Bản chính",
	[DOC_FORM_COPY] = "Bản sao",
	[DOC_FORM_CERTIFIED] = "Bản sao chứng thực",
};

/* Other spellings, folded and without spaces or hyphens. */
static const struct {
	const char *word;
	enum doc_form form;
} spellings[] = {
	{ "o", DOC_FORM_ORIGINAL }, { "chinh", DOC_FORM_ORIGINAL }, { "banchinh", DOC_FORM_ORIGINAL },
	{ "c", DOC_FORM_COPY }, { "sao", DOC_FORM_COPY }, { "bansao", DOC_FORM_COPY },
	{ "cc", DOC_FORM_CERTIFIED }, { "chungthuc", DOC_FORM_CERTIFIED },
	{ "saochungthuc", DOC_FORM_CERTIFIED }, { "bansaochungthuc", DOC_FORM_CERTIFIED },
};

const char *
doc_form_name(int form)
{
	return form >= 0 && form < DOC_FORM_COUNT ? form_names[form] : "";
}

const char *
doc_form_label(int form)
{
	return form >= 0 && form < DOC_FORM_COUNT ? form_labels[form] : "";
}

int
doc_form_parse(const char *s)
{
	char *fold = text_fold(s), word[64];
	size_t n = 0, i;
	const char *p;
	int f;

	if (fold == NULL)
		return -1;
	for (p = fold; *p != '\0' && n < sizeof word - 1; p++)
		if (*p != ' ' && *p != '-' && *p != '_')
			word[n++] = *p;
	word[n] = '\0';
	free(fold);
	for (f = 0; f < DOC_FORM_COUNT; f++)
		if (strcmp(word, form_names[f]) == 0)
			return f;
	for (i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (strcmp(word, spellings[i].word) == 0)
			return spellings[i].form;
	return -1;
}

int
doc_form_default(const struct document *d)
{
	char *fold;
	int certified;

	if (d->kind == DOC_ORIGINAL)
		return DOC_FORM_ORIGINAL;
	if (d->kind != DOC_COPY)
		return -1;
	/* "(bản sao có chứng thực)" in the catalogue stays in the name (catalog.h). */
	fold = text_fold(d->name);
	certified = fold != NULL && strstr(fold, "chung thuc") != NULL;
	free(fold);
	return certified ? DOC_FORM_CERTIFIED : DOC_FORM_COPY;
}

static int
by_number(const void *a, const void *b)
{
	return ((const struct handed_doc *)a)->no - ((const struct handed_doc *)b)->no;
}

/* One item "N" or "N:FORM" of a list (s[0..len)) into *h. */
static int
parse_item(const char *s, size_t len, const struct procedure *p, struct handed_doc *h,
    struct mc_error *err)
{
	char item[96], *colon, *end;
	long no;

	if (len >= sizeof item)
		return mc_fail(err, MC_EINVAL, _("'%.40s...' is not a document number"), s);
	memcpy(item, s, len);
	item[len] = '\0';
	if ((colon = strchr(item, ':')) != NULL)
		*colon = '\0';
	no = strtol(item, &end, 10);
	if (end == item || *end != '\0' || !isdigit((unsigned char)item[0]))
		return mc_fail(err, MC_EINVAL, _("'%s' is not a document number (see 'motcua catalog show %s')"),
		    item, p->code);
	if (no < 1 || no > p->ndocs)
		return mc_fail(err, MC_EINVAL, p->ndocs == 1 ?
		    _("there is no document %ld: procedure %s lists 1 document") :
		    _("there is no document %ld: procedure %s lists %d documents"), no, p->code, p->ndocs);
	h->no = (int)no;
	if (colon != NULL) {
		int f = doc_form_parse(colon + 1);

		if (f < 0)
			return mc_fail(err, MC_EINVAL, _("document %ld: '%s' is not a form (original, copy or certified)"),
			    no, colon + 1);
		h->form = (enum doc_form)f;
	} else {
		int f = doc_form_default(&p->docs[no - 1]);

		if (f < 0)
			return mc_fail(err, MC_EINVAL, _("document %ld may be an original or a copy: say which (%ld:original, %ld:copy or %ld:certified)"),
			    no, no, no, no);
		h->form = (enum doc_form)f;
	}
	return MC_OK;
}

int
dossier_docs_parse(const char *list, const struct procedure *p, struct handed_doc **out,
    int *n, struct mc_error *err)
{
	struct handed_doc *h;
	const char *s = list, *end;
	int i, rc, k = 0;

	*out = NULL;
	*n = 0;
	while (*s == ' ')
		s++;
	if ((h = calloc((size_t)p->ndocs + 1, sizeof *h)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	if (strcmp(s, "none") == 0) {
		*out = h;
		return MC_OK;
	}
	if (strcmp(s, "all") == 0) {
		for (i = 0; i < p->ndocs; i++) {
			int f = doc_form_default(&p->docs[i]);

			if (f < 0) {
				free(h);
				return mc_fail(err, MC_EINVAL, _("document %d may be an original or a copy: list the documents with their forms (%d:original or %d:copy)"),
				    i + 1, i + 1, i + 1);
			}
			h[k].no = i + 1;
			h[k++].form = (enum doc_form)f;
		}
		*out = h;
		*n = k;
		return MC_OK;
	}
	for (; *s != '\0'; s = *end != '\0' ? end + 1 : end) {
		size_t len;

		while (*s == ' ')
			s++;
		end = s + strcspn(s, ",");
		len = (size_t)(end - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		if (len == 0) {
			free(h);
			return mc_fail(err, MC_EINVAL, _("an empty item in the list of documents"));
		}
		if (k == p->ndocs) {	/* more items than the checklist: one is repeated */
			free(h);
			return mc_fail(err, MC_EINVAL, _("a document is listed twice"));
		}
		if ((rc = parse_item(s, len, p, &h[k], err)) != MC_OK) {
			free(h);
			return rc;
		}
		for (i = 0; i < k; i++)
			if (h[i].no == h[k].no) {
				int no = h[k].no;

				free(h);
				return mc_fail(err, MC_EINVAL, _("document %d is listed twice"), no);
			}
		k++;
	}
	if (k == 0) {
		free(h);
		return mc_fail(err, MC_EINVAL, _("the list of documents is empty (write none when nothing was handed in)"));
	}
	qsort(h, (size_t)k, sizeof *h, by_number);
	*out = h;
	*n = k;
	return MC_OK;
}

void
dossier_docs_free(struct dossier_docs *d)
{
	free(d->handed);
	free(d->missing);
	memset(d, 0, sizeof *d);
}

/* The array key of payload into *list and *n. */
static int
read_list(const json_t *payload, const char *key, struct dossier_doc **list, int *n)
{
	const json_t *arr = json_object_get(payload, key), *e;
	size_t i;

	*list = NULL;
	*n = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return MC_OK;
	if ((*list = calloc(json_array_size(arr), sizeof **list)) == NULL)
		return MC_ENOMEM;
	json_array_foreach(arr, i, e) {
		struct dossier_doc *d = &(*list)[*n];
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *form = json_string_value(json_object_get(e, "form"));
		json_t *sets = json_object_get(e, "sets");

		if (!json_is_object(e))
			continue;
		d->no = (int)json_integer_value(json_object_get(e, "no"));
		snprintf(d->name, sizeof d->name, "%s", name != NULL ? name : "");
		d->form = form != NULL ? doc_form_parse(form) : -1;
		d->sets = json_is_integer(sets) && json_integer_value(sets) > 0 ?
		    (int)json_integer_value(sets) : 1;
		(*n)++;
	}
	return MC_OK;
}

int
dossier_docs_read(const json_t *payload, struct dossier_docs *out)
{
	memset(out, 0, sizeof *out);
	if (!json_is_array(json_object_get(payload, "documents")))
		return MC_OK;
	out->recorded = 1;
	if (read_list(payload, "documents", &out->handed, &out->nhanded) != MC_OK ||
	    read_list(payload, "missing", &out->missing, &out->nmissing) != MC_OK) {
		dossier_docs_free(out);
		return MC_ENOMEM;
	}
	return MC_OK;
}

struct first_event {
	struct dossier_docs *out;
	int rc, seen;
};

static int
from_intake(const struct dossier_event *ev, void *ctx)
{
	struct first_event *f = ctx;

	if (ev->kind != EV_RECEIVED && ev->kind != EV_REGISTERED)
		return f->seen;		/* only the first intake event counts */
	f->seen = 1;
	f->rc = dossier_docs_read(ev->payload, f->out);
	return 1;
}

int
dossier_docs_get(struct store *st, const char *code, struct dossier_docs *out,
    struct mc_error *err)
{
	struct first_event f = { out, MC_OK, 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = dossier_each_event(st, code, from_intake, &f, err)) != MC_OK)
		return rc;
	return f.rc == MC_OK ? MC_OK : mc_fail(err, f.rc, NULL);
}

char *
dossier_docs_line(const struct dossier_docs *d, int missing)
{
	const struct dossier_doc *list = missing ? d->missing : d->handed;
	int n = missing ? d->nmissing : d->nhanded, i;
	size_t len = 1, at = 0;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(list[i].name) + 48;
	if ((s = malloc(len)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		at += (size_t)snprintf(s + at, len - at, "%s%d. %s", i > 0 ? "; " : "", list[i].no,
		    list[i].name);
		if (!missing)
			at += (size_t)snprintf(s + at, len - at, " (%s)", doc_form_label(list[i].form));
	}
	return s;
}
