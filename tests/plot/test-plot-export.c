/* test-plot-export.c: PNG, SVG and PDF files from the same drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-error.h"
#include "plot-test-util.h"

static void
test_format_from_path (void)
{
  g_assert_cmpint (glmcc_plot_format_from_path ("a/b/fig.png"), ==, GLMCC_PLOT_FORMAT_PNG);
  g_assert_cmpint (glmcc_plot_format_from_path ("FIG.SVG"), ==, GLMCC_PLOT_FORMAT_SVG);
  g_assert_cmpint (glmcc_plot_format_from_path ("x.Pdf"), ==, GLMCC_PLOT_FORMAT_PDF);
  g_assert_cmpint (glmcc_plot_format_from_path ("x.jpeg"), ==, GLMCC_PLOT_FORMAT_AUTO);
  g_assert_cmpint (glmcc_plot_format_from_path ("dir.png/figure"), ==, GLMCC_PLOT_FORMAT_AUTO);
  g_assert_cmpint (glmcc_plot_format_from_path ("noext"), ==, GLMCC_PLOT_FORMAT_AUTO);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  GError *error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
keep_copy (const char *path,
           const char *name)
{
  const char *dir = test_output_dir ();
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  gsize length;

  if (dir == NULL)
    return;
  contents = read_file (path, &length);
  target = g_build_filename (dir, name, NULL);
  g_file_set_contents (target, contents, length, NULL);
}

/* The PNG is the view scaled by dpi/72: the fit's pixel lands where the mapping says, times
 * the scale. */
static void
test_png (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GlmccCcgLayout layout;
  GError *error = NULL;
  char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ccg.png", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  gsize length;
  double scale = 150.0 / 72.0;
  double slow, fit, x, y;

  test_ccg_init (&ccg);
  glmcc_plot_style_init_light (&style);
  g_assert_true (glmcc_plot_export_ccg (path, GLMCC_PLOT_FORMAT_AUTO, 720, 480, 150, &ccg.plot, &style, &error));
  g_assert_no_error (error);

  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1500);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1000);

  glmcc_plot_ccg_get_layout (720, 480, &ccg.plot, &style, &layout);
  glmcc_ccg_plot_evaluate (&ccg.plot, 4.5, &slow, &fit);
  x = glmcc_plot_ccg_lag_to_x (&layout, 4.5) * scale;
  y = glmcc_plot_ccg_value_to_y (&layout, fit) * scale;
  g_assert_cmpfloat (test_nearest_color (image, x, y, 2, &style.fit), <, 40.0);
  cairo_surface_destroy (image);

  keep_copy (path, "export-ccg.png");
  test_tmpdir_free (dir);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  gsize needle_len = strlen (needle), haystack_len = strlen (haystack);
  guint n = 0;

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    n += memcmp (haystack + i, needle, needle_len) == 0;
  return n;
}

static char *
svg_rgb (const GlmccPlotColor *c)
{
  /* cairo 1.16 writes colours as rgb(r%,g%,b%) with %f precision. */
  return g_strdup_printf ("rgb(%f%%,%f%%,%f%%)", c->red * 100, c->green * 100, c->blue * 100);
}

static void
test_svg (void)
{
  TestCcg ccg;
  GlmccPlotStyle style;
  GError *error = NULL;
  char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ccg.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *without_fit = NULL;
  g_autofree char *fit = NULL;
  g_autofree char *slow = NULL;
  g_autofree char *bar = NULL;
  gsize length;

  test_ccg_init (&ccg);
  glmcc_plot_style_init_light (&style);
  g_assert_true (glmcc_plot_export_ccg (path, GLMCC_PLOT_FORMAT_AUTO, 720, 480, 0, &ccg.plot, &style, &error));
  g_assert_no_error (error);

  contents = read_file (path, &length);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  /* Vector output, sized in points. */
  g_assert_nonnull (strstr (contents, "width=\"720pt\""));
  g_assert_nonnull (strstr (contents, "height=\"480pt\""));
  g_assert_null (strstr (contents, "<image"));

  /* The curves are stroked paths in their colours, the bars a filled path. */
  fit = svg_rgb (&style.fit);
  slow = svg_rgb (&style.slow);
  bar = svg_rgb (&style.bar);
  g_assert_nonnull (strstr (contents, fit));
  g_assert_nonnull (strstr (contents, slow));
  g_assert_nonnull (strstr (contents, bar));
  g_assert_nonnull (strstr (contents, "stroke-dasharray"));
  g_assert_cmpuint (count_occurrences (contents, "<path"), >, 20);
  /* Text is there as glyphs. */
  g_assert_nonnull (strstr (contents, "glyph"));

  /* Without a fit: no fit colour anywhere. */
  ccg.plot.has_fit = FALSE;
  g_assert_true (glmcc_plot_export_ccg (path, GLMCC_PLOT_FORMAT_SVG, 720, 480, 0, &ccg.plot, &style, &error));
  g_assert_no_error (error);
  without_fit = read_file (path, &length);
  g_assert_null (strstr (without_fit, fit));
  g_assert_nonnull (strstr (without_fit, bar));

  keep_copy (path, "export-ccg-nofit.svg");
  test_tmpdir_free (dir);
}

/* Binary-safe search (PDF streams hold NUL bytes, which stop g_strstr_len). */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_pdf (void)
{
  TestCcg ccg;
  GError *error = NULL;
  char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "ccg.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  test_ccg_init (&ccg);
  g_assert_true (glmcc_plot_export_ccg (path, GLMCC_PLOT_FORMAT_AUTO, 720, 480, 0, &ccg.plot, NULL, &error));
  g_assert_no_error (error);

  contents = read_file (path, &length);
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 5, "%PDF-", 5);
  g_assert_true (contains (contents + length - 8, 8, "%%EOF"));
  g_assert_true (contains (contents, length, "/MediaBox [ 0 0 720 480 ]"));
  /* Fonts are embedded for the labels. */
  g_assert_true (contains (contents, length, "/FontFile"));
  g_assert_true (contains (contents, length, "GLMCC Studio"));
  test_tmpdir_free (dir);
}

static void
record_size (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  double *size = user_data;

  size[0] = width;
  size[1] = height;
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_fill (cr);
}

static void
test_callback (void)
{
  GError *error = NULL;
  char *dir = test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "plain.png", NULL);
  double size[2] = { 0, 0 };
  cairo_surface_t *image;
  GlmccPlotColor c;

  /* The callback gets the size in points, whatever the dpi; the raster covers it all. */
  g_assert_true (glmcc_plot_export (path, GLMCC_PLOT_FORMAT_PNG, 100, 50, 144, record_size, size, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (size[0], ==, 100);
  g_assert_cmpfloat (size[1], ==, 50);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 100);
  test_pixel (image, 199, 99, &c);
  g_assert_cmpfloat (c.red, ==, 1.0);
  g_assert_cmpfloat (c.green, ==, 0.0);
  cairo_surface_destroy (image);
  test_tmpdir_free (dir);
}

static void
test_errors (void)
{
  TestCcg ccg;
  GError *error = NULL;
  char *dir = test_tmpdir_new ();
  g_autofree char *bad_ext = g_build_filename (dir, "figure.jpg", NULL);
  g_autofree char *no_dir = g_build_filename (dir, "missing", "figure.pdf", NULL);
  g_autofree char *ok = g_build_filename (dir, "figure.png", NULL);

  test_ccg_init (&ccg);

  g_assert_false (glmcc_plot_export_ccg (bad_ext, GLMCC_PLOT_FORMAT_AUTO, 720, 480, 150, &ccg.plot, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "figure.jpg"));
  g_clear_error (&error);
  g_assert_false (g_file_test (bad_ext, G_FILE_TEST_EXISTS));

  g_assert_false (glmcc_plot_export_ccg (no_dir, GLMCC_PLOT_FORMAT_AUTO, 720, 480, 150, &ccg.plot, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  g_assert_false (glmcc_plot_export_ccg (ok, GLMCC_PLOT_FORMAT_AUTO, 0, 480, 150, &ccg.plot, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_false (glmcc_plot_export_ccg (ok, GLMCC_PLOT_FORMAT_PNG, 720, 480, 0, &ccg.plot, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_false (glmcc_plot_export_ccg (ok, GLMCC_PLOT_FORMAT_PNG, 1e6, 480, 300, &ccg.plot, NULL, &error));
  g_assert_error (error, GLMCC_ERROR, GLMCC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_false (g_file_test (ok, G_FILE_TEST_EXISTS));

  /* An explicit format overrides the extension. */
  g_assert_true (glmcc_plot_export_ccg (bad_ext, GLMCC_PLOT_FORMAT_PDF, 720, 480, 150, &ccg.plot, NULL, &error));
  g_assert_no_error (error);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/export/format-from-path", test_format_from_path);
  g_test_add_func ("/plot/export/png", test_png);
  g_test_add_func ("/plot/export/svg", test_svg);
  g_test_add_func ("/plot/export/pdf", test_pdf);
  g_test_add_func ("/plot/export/callback", test_callback);
  g_test_add_func ("/plot/export/errors", test_errors);

  return g_test_run ();
}
