/* paper-pdf.c -- a form's page (paper-int.h) as an A4 PDF in the format of Nghị định
 * 30/2020/NĐ-CP (Phụ lục I) on administrative documents, for CUPS.
 *
 * The only file of motcua that includes cairo, pango and libqrencode: libmotcua keeps
 * its other files free of drawing libraries, and the front ends reach this one through
 * ppage_pdf() (paper_render with PAPER_PDF).  What it follows (doc/forms.md):
 *	A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right;
 *	Times New Roman or a metric-compatible face (Liberation Serif, fonts-liberation2);
 *	body 13 pt; the national name in bold capitals 12 pt with the motto in bold 13 pt
 *	under it and a rule as long as the motto; the issuing body at the top left (its
 *	parent in plain capitals, itself in bold) with a short rule; the place and date
 *	line in italics 13 pt under the motto; the title in bold capitals 14 pt;
 *	signature blocks with the title in bold capitals and the name in bold;
 *	page numbers at the top centre from the second page.
 * The basis the form follows is the footer of every page (italics, 9 pt).
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paper-int.h"
#include "text.h"

#define MM (72.0 / 25.4)		/* points per millimetre */
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define TOP (20 * MM)
#define BOTTOM (20 * MM)
#define LEFT (30 * MM)
#define RIGHT (15 * MM)
#define TEXT_W (PAGE_W - LEFT - RIGHT)
#define HEAD_LEFT_W (70 * MM)		/* the issuing body's column of the header */
#define QR_SIZE (24 * MM)
#define CELL_PAD (1.5 * MM)
#define NARROW_W (11 * MM)		/* a table's number column */
#define FACE "Times New Roman,Liberation Serif"
#define BODY_PT 13

struct lay {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoLayout *pl;
	const struct ppage *pg;
	double y;		/* where the next block starts */
	double qr_bottom;	/* a QR code at the right margin reaches down to here */
	int page;
};

static void
font(struct lay *l, double pt, enum pblock_style st)
{
	PangoFontDescription *fd = pango_font_description_from_string(FACE);

	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	if (st == PS_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (st == PS_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l->pl, fd);
	pango_font_description_free(fd);
}

/* Lay text out in width (points): its height; draw it at (x, y) when draw. */
static double
text_at(struct lay *l, const char *text, double x, double y, double width, double pt,
    enum pblock_style st, PangoAlignment align, double indent, int draw)
{
	int w, h;

	font(l, pt, st);
	pango_layout_set_width(l->pl, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(l->pl, align);
	pango_layout_set_indent(l->pl, (int)(indent * PANGO_SCALE));
	pango_layout_set_text(l->pl, text != NULL ? text : "", -1);
	pango_layout_get_size(l->pl, &w, &h);
	if (draw) {
		cairo_move_to(l->cr, x, y);
		pango_cairo_show_layout(l->cr, l->pl);
	}
	return (double)h / PANGO_SCALE;
}

/* The width the last text_at() inked, in points. */
static double
inked_width(struct lay *l)
{
	PangoRectangle ink, logical;

	pango_layout_get_extents(l->pl, &ink, &logical);
	return (double)logical.width / PANGO_SCALE;
}

static void
hline(struct lay *l, double x0, double x1, double y, double width)
{
	cairo_set_line_width(l->cr, width);
	cairo_move_to(l->cr, x0, y);
	cairo_line_to(l->cr, x1, y);
	cairo_stroke(l->cr);
}

/* The footer of the page: the basis the form follows. */
static void
footer(struct lay *l)
{
	const char *basis = l->pg->basis;

	if (basis == NULL || *basis == '\0')
		return;
	hline(l, LEFT, LEFT + 40 * MM, PAGE_H - BOTTOM + 3 * MM, 0.4);
	text_at(l, basis, LEFT, PAGE_H - BOTTOM + 4 * MM, TEXT_W, 9, PS_ITALIC, PANGO_ALIGN_LEFT,
	    0, 1);
}

static void
new_page(struct lay *l)
{
	char no[16];

	footer(l);
	cairo_show_page(l->cr);
	l->page++;
	l->y = TOP;
	l->qr_bottom = 0;
	snprintf(no, sizeof no, "%d", l->page);	/* from the second page, top centre */
	text_at(l, no, LEFT, TOP - 10 * MM, TEXT_W, BODY_PT, PS_PLAIN, PANGO_ALIGN_CENTER, 0, 1);
}

/* Room for h points more on this page, else the next one. */
static void
need(struct lay *l, double h)
{
	if (l->y + h > PAGE_H - BOTTOM && l->y > TOP)
		new_page(l);
}

/* The width of text beside a QR code at the right margin. */
static double
free_width(const struct lay *l)
{
	return l->y < l->qr_bottom ? TEXT_W - QR_SIZE - 4 * MM : TEXT_W;
}

static void
header(struct lay *l, const struct pblock *b)
{
	char *parent = text_upper(b->text), *body = text_upper(b->text2);
	const double rx = LEFT + HEAD_LEFT_W, rw = TEXT_W - HEAD_LEFT_W, y0 = l->y;
	double ly = y0, ry = y0, w;

	/* Left: the parent body in plain capitals, the issuing body in bold, a short rule. */
	if (parent != NULL && *parent != '\0')
		ly += text_at(l, parent, LEFT, ly, HEAD_LEFT_W, 12, PS_PLAIN, PANGO_ALIGN_CENTER, 0, 1);
	if (body != NULL && *body != '\0')
		ly += text_at(l, body, LEFT, ly, HEAD_LEFT_W, 12, PS_BOLD, PANGO_ALIGN_CENTER, 0, 1);
	hline(l, LEFT + HEAD_LEFT_W / 2 - 12 * MM, LEFT + HEAD_LEFT_W / 2 + 12 * MM, ly + 1, 0.6);
	/* Right: the national name, the motto, a rule as long as the motto. */
	ry += text_at(l, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, ry, rw, 12, PS_BOLD,
	    PANGO_ALIGN_CENTER, 0, 1);
	ry += text_at(l, "Độc lập - Tự do - Hạnh phúc", rx, ry, rw, 13, PS_BOLD,
	    PANGO_ALIGN_CENTER, 0, 1);
	w = inked_width(l);
	hline(l, rx + (rw - w) / 2, rx + (rw + w) / 2, ry + 1, 0.6);
	l->y = (ly > ry ? ly : ry) + 4 * MM;
	free(parent);
	free(body);
}

static void
qr(struct lay *l, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	double cell, x0;
	int r, c;

	if (q == NULL)
		return;		/* nothing to encode: the code is printed in words anyway */
	need(l, QR_SIZE);
	cell = QR_SIZE / (q->width + 2);	/* and a quiet zone of one module */
	x0 = LEFT + TEXT_W - QR_SIZE;
	cairo_set_source_rgb(l->cr, 0, 0, 0);
	for (r = 0; r < q->width; r++)
		for (c = 0; c < q->width; c++)
			if (q->data[r * q->width + c] & 1)
				cairo_rectangle(l->cr, x0 + (c + 1) * cell, l->y + (r + 1) * cell, cell, cell);
	cairo_fill(l->cr);
	l->qr_bottom = l->y + QR_SIZE;
	QRcode_free(q);
}

/* One row of a table at l->y (heading: bold, centred); returns its height. */
static double
table_row(struct lay *l, const struct pblock *b, const double *cw, char *const *cells,
    int heading, int draw)
{
	double x = LEFT, h = 0, ch;
	int k;

	for (k = 0; k < b->ncols; k++) {
		ch = text_at(l, cells[k], x + CELL_PAD, l->y + CELL_PAD, cw[k] - 2 * CELL_PAD,
		    BODY_PT, heading ? PS_BOLD : PS_PLAIN,
		    heading || b->width[k] <= 4 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, 0, draw);
		if (ch > h)
			h = ch;
		x += cw[k];
	}
	h += 2 * CELL_PAD;
	if (draw) {
		cairo_set_line_width(l->cr, 0.5);
		for (k = 0, x = LEFT; k < b->ncols; x += cw[k++])
			cairo_rectangle(l->cr, x, l->y, cw[k], h);
		cairo_stroke(l->cr);
	}
	return h;
}

static void
table(struct lay *l, const struct pblock *b)
{
	double cw[PTABLE_COLS], total = 0, narrow = 0, h;
	int k, r;

	if (l->y < l->qr_bottom)
		l->y = l->qr_bottom + 2 * MM;
	/* A narrow column (a number) gets room for its heading; the others share the rest
	 * in the proportions of their text widths. */
	for (k = 0; k < b->ncols; k++)
		if (b->width[k] > 4)
			total += b->width[k];
		else
			narrow += NARROW_W;
	for (k = 0; k < b->ncols; k++)
		cw[k] = b->width[k] <= 4 ? NARROW_W : (TEXT_W - narrow) * b->width[k] / (total > 0 ? total : 1);
	/* The heading row with the first row: a page never ends on a heading. */
	h = table_row(l, b, cw, b->head, 1, 0);
	need(l, h + (b->nrows > 0 ? table_row(l, b, cw, b->cells, 0, 0) : 0));
	l->y += table_row(l, b, cw, b->head, 1, 1);
	for (r = 0; r < b->nrows; r++) {
		h = table_row(l, b, cw, b->cells + r * b->ncols, 0, 0);
		if (l->y + h > PAGE_H - BOTTOM) {	/* the heading again on the next page */
			new_page(l);
			l->y += table_row(l, b, cw, b->head, 1, 1);
		}
		l->y += table_row(l, b, cw, b->cells + r * b->ncols, 0, 1);
	}
	l->y += 2 * MM;
}

/* Two signature blocks, kept together: title, the hint, room to sign, the name. */
static void
sign(struct lay *l, const struct pblock *b)
{
	const double half = TEXT_W / 2, room = 22 * MM;
	double h = 0, t;
	int i, draw;

	for (draw = 0; draw < 2; draw++) {
		if (draw)
			need(l, h);
		for (i = 0; i < 2; i++) {
			double x = LEFT + i * half, y = l->y + 3 * MM;

			if (b->sign_title[i][0] == '\0' && b->sign_name[i][0] == '\0')
				continue;
			y += text_at(l, b->sign_title[i], x, y, half, BODY_PT, PS_BOLD, PANGO_ALIGN_CENTER, 0, draw);
			if (b->sign_title[i][0] != '\0')
				y += text_at(l, "(Ký và ghi rõ họ tên)", x, y, half, BODY_PT, PS_ITALIC,
				    PANGO_ALIGN_CENTER, 0, draw);
			y += room;
			y += text_at(l, b->sign_name[i], x, y, half, BODY_PT, PS_BOLD, PANGO_ALIGN_CENTER, 0, draw);
			if ((t = y - l->y) > h)
				h = t;
		}
	}
	l->y += h;
}

static void
block(struct lay *l, const struct pblock *b)
{
	char *up;
	double h;

	switch (b->kind) {
	case PB_SPACE:
		l->y += 0.5 * BODY_PT;
		break;
	case PB_HEADER:
		header(l, b);
		break;
	case PB_DATE:		/* under the motto, centred in its column */
		h = text_at(l, b->text, 0, 0, TEXT_W - HEAD_LEFT_W, BODY_PT, PS_ITALIC, PANGO_ALIGN_CENTER, 0, 0);
		text_at(l, b->text, LEFT + HEAD_LEFT_W, l->y - 2 * MM, TEXT_W - HEAD_LEFT_W, BODY_PT,
		    PS_ITALIC, PANGO_ALIGN_CENTER, 0, 1);
		l->y += h + 2 * MM;
		break;
	case PB_HEADING:
		up = text_upper(b->text);
		h = text_at(l, up != NULL ? up : b->text, LEFT, l->y, TEXT_W, 14, PS_BOLD, PANGO_ALIGN_CENTER, 0, 0);
		need(l, h);
		l->y += text_at(l, up != NULL ? up : b->text, LEFT, l->y, TEXT_W, 14, PS_BOLD,
		    PANGO_ALIGN_CENTER, 0, 1) + 1 * MM;
		free(up);
		break;
	case PB_CENTER:
		h = text_at(l, b->text, LEFT, l->y, TEXT_W, BODY_PT, b->style, PANGO_ALIGN_CENTER, 0, 0);
		need(l, h);
		l->y += text_at(l, b->text, LEFT, l->y, TEXT_W, BODY_PT, b->style, PANGO_ALIGN_CENTER, 0, 1);
		break;
	case PB_PARA:		/* a hanging indent, like a field and its continuation */
		h = text_at(l, b->text, LEFT, l->y, free_width(l), BODY_PT, b->style, PANGO_ALIGN_LEFT,
		    -8 * MM, 0);
		need(l, h);
		l->y += text_at(l, b->text, LEFT, l->y, free_width(l), BODY_PT, b->style,
		    PANGO_ALIGN_LEFT, -8 * MM, 1) + 1.5;
		break;
	case PB_QR:
		qr(l, b->text);
		break;
	case PB_TABLE:
		table(l, b);
		break;
	case PB_SIGN:
		sign(l, b);
		break;
	}
}

static cairo_status_t
write_fp(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

int
ppage_pdf(const struct ppage *pg, FILE *fp, struct mc_error *err)
{
	struct lay l = { .pg = pg, .y = TOP, .page = 1 };
	cairo_status_t st;
	int i;

	l.surf = cairo_pdf_surface_create_for_stream(write_fp, fp, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(l.surf, CAIRO_PDF_METADATA_TITLE, pg->title != NULL ? pg->title : "");
	cairo_pdf_surface_set_metadata(l.surf, CAIRO_PDF_METADATA_CREATOR, "motcua " PACKAGE_VERSION);
	l.cr = cairo_create(l.surf);
	l.pl = pango_cairo_create_layout(l.cr);
	pango_layout_set_wrap(l.pl, PANGO_WRAP_WORD_CHAR);
	cairo_set_source_rgb(l.cr, 0, 0, 0);
	for (i = 0; i < pg->n; i++)
		block(&l, &pg->b[i]);
	footer(&l);
	cairo_show_page(l.cr);
	g_object_unref(l.pl);
	cairo_destroy(l.cr);
	cairo_surface_finish(l.surf);
	st = cairo_surface_status(l.surf);
	cairo_surface_destroy(l.surf);
	if (st == CAIRO_STATUS_SUCCESS && fflush(fp) != 0)
		st = CAIRO_STATUS_WRITE_ERROR;
	if (st != CAIRO_STATUS_SUCCESS)
		return mc_fail(err, MC_EIO, _("could not write the form: %s"), cairo_status_to_string(st));
	return MC_OK;
}
