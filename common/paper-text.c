/* paper-text.c -- a form's page (paper-int.h) as text of at most PAPER_WIDTH columns,
 * for line printers, plain-text files and the console's preview.
 *
 * Everything is written to a memory stream first, so that a form is all or nothing and
 * the unaccented variant is one text_unaccent() of the whole page.  Widths are counted
 * in code points: stored text is NFC (dossier.c), where a Vietnamese letter is one
 * code point and one column.  A QR code has no text form: it is left out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paper-int.h"
#include "paper.h"
#include "text.h"

#define LEFT_COL 34		/* the issuing body's side of the header */
#define LINE_BYTES (PAPER_WIDTH * 4 + 1)

/* Columns of the first n bytes of s (code points). */
static int
cols(const char *s, size_t n)
{
	return (int)text_chars(s, n);
}

/* Copy to out the next line of at most width columns of *s, breaking at a space when
 * one is near; advances *s.  Returns 0 when *s was already exhausted. */
static int
wrap(const char **s, int width, char *out, size_t n)
{
	const char *p = *s, *brk = NULL;
	size_t len;
	int32_t cp;
	int w = 0, k;

	while (*p == ' ')
		p++;
	if (*p == '\0') {
		*s = p;
		return 0;
	}
	*s = p;
	while (*p != '\0' && *p != '\n' && w < width) {	/* whole characters */
		if (*p == ' ')
			brk = p;
		p += (k = text_next(p, SIZE_MAX, &cp)) > 0 ? k : 1;
		w++;
	}
	if (*p != '\0' && *p != '\n' && *p != ' ' && brk != NULL)
		p = brk;
	len = (size_t)(p - *s);
	if (len >= n)
		len = n - 1;
	memcpy(out, *s, len);
	out[len] = '\0';
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
	*s = *p == '\n' ? p + 1 : p;
	return 1;
}

static void
pad(FILE *m, int n)
{
	while (n-- > 0)
		fputc(' ', m);
}

/* s centred in a field of width columns, padded on the right when fill. */
static void
centre_in(FILE *m, const char *s, int width, int fill)
{
	int w = cols(s, strlen(s)), left = w < width ? (width - w) / 2 : 0;

	pad(m, left);
	fputs(s, m);
	if (fill)
		pad(m, width - left - w);
}

static void
centre(FILE *m, const char *s)
{
	char line[LINE_BYTES];
	const char *p = s;

	while (wrap(&p, PAPER_WIDTH, line, sizeof line)) {
		centre_in(m, line, PAPER_WIDTH, 0);
		fputc('\n', m);
	}
}

/* A paragraph: wrapped to the width, later lines indented by 4. */
static void
para(FILE *m, const char *s)
{
	char line[LINE_BYTES];
	const char *p = s;
	int first = 1;

	while (wrap(&p, first ? PAPER_WIDTH : PAPER_WIDTH - 4, line, sizeof line)) {
		if (!first)
			pad(m, 4);
		fprintf(m, "%s\n", line);
		first = 0;
	}
}

/* Capitals, for the header's bodies as Nghị định 30/2020 writes them. */
static char *
upper(const char *s)
{
	return text_upper(s);
}

static void
header(FILE *m, const struct pblock *b)
{
	static const char *const right[] = { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	    "Độc lập - Tự do - Hạnh phúc", "---------------" };
	char left[10][LEFT_COL * 4 + 1];
	char *parent = upper(b->text), *body = upper(b->text2);
	const char *p;
	int nl = 0, i;

	for (p = parent != NULL ? parent : ""; nl < 4 && wrap(&p, LEFT_COL, left[nl], sizeof left[nl]);)
		nl++;
	for (p = body != NULL ? body : ""; nl < 8 && wrap(&p, LEFT_COL, left[nl], sizeof left[nl]);)
		nl++;
	snprintf(left[nl++], sizeof left[0], "%s", "-------");
	for (i = 0; i < nl || i < 3; i++) {
		centre_in(m, i < nl ? left[i] : "", LEFT_COL, 1);
		if (i < 3)
			centre_in(m, right[i], PAPER_WIDTH - LEFT_COL, 0);
		fputc('\n', m);
	}
	free(parent);
	free(body);
}

/* A table's rule: +----+------+ */
static void
rule(FILE *m, const int *w, int ncols)
{
	int i, j;

	for (i = 0; i < ncols; i++) {
		fputc('+', m);
		for (j = 0; j < w[i] + 2; j++)
			fputc('-', m);
	}
	fputs("+\n", m);
}

static void
row(FILE *m, const int *w, int ncols, char *const *cells)
{
	const char *p[PTABLE_COLS];
	char line[LINE_BYTES], out[PTABLE_COLS][LINE_BYTES];
	int i, more = 1;

	for (i = 0; i < ncols; i++)
		p[i] = cells[i] != NULL ? cells[i] : "";
	while (more) {
		more = 0;
		for (i = 0; i < ncols; i++)
			if (wrap(&p[i], w[i], line, sizeof line)) {
				snprintf(out[i], sizeof out[i], "%s", line);
				more = 1;
			} else
				out[i][0] = '\0';
		if (!more)
			break;
		for (i = 0; i < ncols; i++) {
			fputs("| ", m);
			fputs(out[i], m);
			pad(m, w[i] - cols(out[i], strlen(out[i])) + 1);
		}
		fputs("|\n", m);
	}
}

static void
table(FILE *m, const struct pblock *b)
{
	int r;

	rule(m, b->width, b->ncols);
	row(m, b->width, b->ncols, b->head);
	rule(m, b->width, b->ncols);
	for (r = 0; r < b->nrows; r++)
		row(m, b->width, b->ncols, b->cells + r * b->ncols);
	rule(m, b->width, b->ncols);
}

/* Two columns of centred text side by side, each wrapped to half the width. */
static void
pair(FILE *m, const char *left, const char *right)
{
	const int half = PAPER_WIDTH / 2;
	const char *p[2] = { left, right };
	char line[2][LINE_BYTES];
	int more[2], i;

	for (;;) {
		for (i = 0; i < 2; i++)
			if (!(more[i] = wrap(&p[i], half - 2, line[i], sizeof line[i])))
				line[i][0] = '\0';
		if (!more[0] && !more[1])
			break;
		centre_in(m, line[0], half, 1);
		centre_in(m, line[1], half, 0);
		fputc('\n', m);
	}
}

/* Two signature blocks side by side: titles, the hint, room to sign, the names. */
static void
sign(FILE *m, const struct pblock *b)
{
	fputc('\n', m);
	pair(m, b->sign_title[0], b->sign_title[1]);
	pair(m, b->sign_title[0][0] != '\0' ? "(Ký và ghi rõ họ tên)" : "",
	    b->sign_title[1][0] != '\0' ? "(Ký và ghi rõ họ tên)" : "");
	fputs("\n\n\n", m);
	pair(m, b->sign_name[0], b->sign_name[1]);
	if (b->sign_name[0][0] == '\0' && b->sign_name[1][0] == '\0')
		fputc('\n', m);	/* the blank line to sign on */
}

static void
page(FILE *m, const struct ppage *pg)
{
	char *title, line[LINE_BYTES];
	const char *p;
	int i;

	for (i = 0; i < pg->n; i++) {
		const struct pblock *b = &pg->b[i];

		switch (b->kind) {
		case PB_SPACE:
			fputc('\n', m);
			break;
		case PB_PARA:
			para(m, b->text);
			break;
		case PB_CENTER:
			centre(m, b->text);
			break;
		case PB_HEADING:
			title = upper(b->text);
			centre(m, title != NULL ? title : b->text);
			free(title);
			break;
		case PB_HEADER:
			header(m, b);
			break;
		case PB_DATE:	/* under the motto */
			fputc('\n', m);
			for (p = b->text; wrap(&p, PAPER_WIDTH - LEFT_COL, line, sizeof line);) {
				pad(m, LEFT_COL);
				centre_in(m, line, PAPER_WIDTH - LEFT_COL, 0);
				fputc('\n', m);
			}
			break;
		case PB_QR:
			break;
		case PB_TABLE:
			table(m, b);
			break;
		case PB_SIGN:
			sign(m, b);
			break;
		}
	}
	if (pg->basis != NULL && pg->basis[0] != '\0') {
		fputs("\n", m);
		for (i = 0; i < 20; i++)
			fputc('-', m);
		fputc('\n', m);
		para(m, pg->basis);
	}
}

/* What text_unaccent leaves outside ASCII (a dash, a symbol in a name) becomes one
 * '?' per code point, in place; returns the new length. */
static size_t
ascii_only(char *s)
{
	char *w = s;
	const char *r;
	int32_t cp;
	int k;

	for (r = s; *r != '\0'; r += k > 0 ? k : 1) {
		k = text_next(r, SIZE_MAX, &cp);
		*w++ = cp < 0x80 ? *r : '?';
	}
	*w = '\0';
	return (size_t)(w - s);
}

int
ppage_text(const struct ppage *pg, int ascii, FILE *fp, struct mc_error *err)
{
	char *buf = NULL, *plain = NULL;
	size_t len = 0;
	FILE *m;
	int rc = MC_OK;

	if ((m = open_memstream(&buf, &len)) == NULL)
		return mc_fail(err, MC_ENOMEM, NULL);
	page(m, pg);
	if (fclose(m) != 0)
		rc = mc_fail(err, MC_ENOMEM, NULL);
	if (rc == MC_OK && ascii) {
		if ((plain = text_unaccent(buf)) == NULL)
			rc = mc_fail(err, MC_ENOMEM, NULL);
		else
			len = ascii_only(plain);
	}
	if (rc == MC_OK && (fwrite(plain != NULL ? plain : buf, 1, len, fp) != len ||
	    fflush(fp) != 0))
		rc = mc_fail(err, MC_EIO, _("could not write the form"));
	free(plain);
	free(buf);
	return rc;
}
