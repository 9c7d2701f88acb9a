/* test-plot-cli.c: `glmcc plot` end to end on the sample recording
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "plot-test-util.h"

typedef struct
{
  int   status;
  char *err;
} Run;

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  const char *cli = g_getenv ("GLMCC_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  GError *error = NULL;
  va_list ap;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "plot");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run->err = NULL;
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
}

static char *
sample_dir (void)
{
  /* test_env points G_TEST_SRCDIR at tests/. */
  return g_test_build_filename (G_TEST_DIST, "data", "sample", NULL);
}

static void
test_pair_formats (void)
{
  g_autofree char *sample = sample_dir ();
  char *dir = test_tmpdir_new ();
  g_autofree char *png = g_build_filename (dir, "pair.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "pair.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pair.pdf", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  GlmccPlotStyle style;
  gsize length;
  Run run;

  run_cli (&run, sample, "cell9", "cell4", "-o", png, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* Default 840 × 480 pt at 150 dpi (the autocorrelograms take the room a panel had free). */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1750);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1000);
  /* The excitatory connection cell9 → cell4 is drawn: some pixels carry the fit colour and
   * some the excitatory fill. */
  glmcc_plot_style_init_light (&style);
  {
    guint fit = 0, warm = 0;

    for (int y = 0; y < 1000; y += 2)
      for (int x = 0; x < 1500; x += 2)
        {
          GlmccPlotColor c;

          test_pixel (image, x, y, &c);
          if (test_color_distance (&c, &style.fit) < 20.0)
            fit++;
          if (c.red > c.green + 0.15 && c.red > c.blue + 0.15)
            warm++;
        }
    g_assert_cmpuint (fit, >, 200);
    g_assert_cmpuint (warm, >, 200);
  }
  cairo_surface_destroy (image);

  run_cli (&run, sample, "9", "4", "-o", svg, "--width", "400", "--height", "300", "--rate", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"400pt\""));
  g_clear_pointer (&contents, g_free);

  run_cli (&run, sample, "cell9", "cell4", "-o", pdf, "--dark", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 5, "%PDF-", 5);

  test_tmpdir_free (dir);
}

static void
test_network_matrix (void)
{
  g_autofree char *sample = sample_dir ();
  char *dir = test_tmpdir_new ();
  g_autofree char *matrix = g_build_filename (dir, "matrix.png", NULL);
  g_autofree char *network = g_build_filename (dir, "network.svg", NULL);
  cairo_surface_t *image;
  Run run;

  run_cli (&run, sample, "--matrix", "-o", matrix, "--dpi", "72", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  image = cairo_image_surface_create_from_png (matrix);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 560);
  cairo_surface_destroy (image);

  run_cli (&run, sample, "--network", "-o", network, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  g_assert_true (g_file_test (network, G_FILE_TEST_IS_REGULAR));
  test_tmpdir_free (dir);
}

static void
test_views_options (void)
{
  g_autofree char *sample = sample_dir ();
  char *dir = test_tmpdir_new ();
  g_autofree char *a = g_build_filename (dir, "force.png", NULL);
  g_autofree char *b = g_build_filename (dir, "force-again.png", NULL);
  g_autofree char *matrix = g_build_filename (dir, "cluster.png", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;
  cairo_surface_t *image;
  Run run;

  /* Force layout with a seed, thresholds and a neuron in focus; the same command twice gives
   * the same file. */
  for (int k = 0; k < 2; k++)
    {
      run_cli (&run, sample, "--network", "--layout", "force", "--seed", "3", "--min-psp", "0.2",
               "--max-p", "0.001", "--sign", "both", "--focus", "cell4", "--width", "400", "--height", "360",
               "-o", k == 0 ? a : b, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_free (run.err);
    }
  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
  image = cairo_image_surface_create_from_png (a);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400 * 150 / 72 + 1);
  cairo_surface_destroy (image);

  run_cli (&run, sample, "--matrix", "--order", "cluster", "--clip", "99", "--shared-scale",
           "--sign", "inhibitory", "-o", matrix, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.err);
  g_assert_true (g_file_test (matrix, G_FILE_TEST_IS_REGULAR));

  /* The sample has neither positions nor shanks: a clear failure, no file. */
  run_cli (&run, sample, "--network", "--layout", "position", "-o", matrix, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--layout position"));
  g_free (run.err);
  test_tmpdir_free (dir);
}

static void
test_usage_errors (void)
{
  g_autofree char *sample = sample_dir ();
  char *dir = test_tmpdir_new ();
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *jpg = g_build_filename (dir, "x.jpg", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no", "such", "x.png", NULL);
  struct { const char *args[8]; int status; const char *message; } cases[] = {
    { { sample, "cell9", "cell4", NULL }, 2, "-o" },
    { { sample, "cell9", "cell4", "-o", jpg, NULL }, 2, ".png, .svg or .pdf" },
    { { sample, "cell9", "-o", png, NULL }, 2, "RECORDING REF TARGET" },
    { { sample, "cell9", "cell9", "-o", png, NULL }, 2, "same neuron" },
    { { sample, "cell9", "nobody", "-o", png, NULL }, 2, "nobody" },
    { { sample, "--matrix", "--network", "-o", png, NULL }, 2, "exclusive" },
    { { sample, "cell9", "cell4", "--results", "r.json", "-o", png, NULL }, 2, "--results" },
    { { sample, "cell9", "cell4", "--dpi", "0", "-o", png, NULL }, 2, "--dpi" },
    { { sample, "--network", "--layout", "spiral", "-o", png, NULL }, 2, "--layout" },
    { { sample, "--matrix", "--order", "random", "-o", png, NULL }, 2, "--order" },
    { { sample, "--matrix", "--layout", "circle", "-o", png, NULL }, 2, "--layout applies to --network" },
    { { sample, "--network", "--order", "type", "-o", png, NULL }, 2, "--order applies to --matrix" },
    { { sample, "--network", "--max-p", "2", "-o", png, NULL }, 2, "--max-p" },
    { { sample, "--matrix", "--clip", "10", "-o", png, NULL }, 2, "--clip" },
    { { sample, "--network", "--sign", "positive", "-o", png, NULL }, 2, "--sign" },
    { { sample, "cell9", "cell4", "--min-psp", "1", "-o", png, NULL }, 2, "need --network or --matrix" },
    { { sample, "--network", "--focus", "nobody", "-o", png, NULL }, 2, "--focus" },
  };
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;

      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, "glmcc plot: "));
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_free (run.err);
    }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* A file that cannot be written is a runtime failure naming the file. */
  run_cli (&run, sample, "cell9", "cell4", "-o", unwritable, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "x.png"));
  g_free (run.err);
  test_tmpdir_free (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/cli/pair-formats", test_pair_formats);
  g_test_add_func ("/plot/cli/network-matrix", test_network_matrix);
  g_test_add_func ("/plot/cli/views-options", test_views_options);
  g_test_add_func ("/plot/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
