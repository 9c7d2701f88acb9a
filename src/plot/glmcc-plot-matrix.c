/* glmcc-plot-matrix.c: the connectivity matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cells are one image of one pixel per cell, scaled up with nearest filtering, never 10⁶
 * rectangles. When a cell is smaller than a device pixel the image is pooled first, each pixel
 * showing the strongest connection of its block, so that zoomed out no connection vanishes.
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-i18n.h"
#include "glmcc-plot-private.h"

#define MAX_TICKS 32
/* Zoomed in until a cell is this many font sizes wide, and no further. */
#define MAX_CELL_FONTS 4.0

typedef struct
{
  const GlmccNetworkPlot *data;
  const GlmccPlotStyle   *style;
  double                  width;
  double                  height;
  GlmccPlotGraph         *graph;
  GlmccMatrixLayout       layout;
  guint                  *order;       /* position → neuron */
  guint                  *position;    /* neuron → position */
  GlmccPlotTransform      transform;
  gboolean                has_untested;
  gboolean                has_types;
  double                  strip;       /* width of the type strips (0: none) */
  cairo_surface_t        *cells;       /* the cell image at this pooling, or NULL */
  guint                   pool;
} MatrixScene;

/* Layout ----------------------------------------------------------------------------------- */

static double
colorbar_room (const GlmccPlotStyle *style)
{
  double fs = style->font_size;

  /* Gap, bar, ticks and their labels, the rotated title. */
  return 1.5 * fs + 1.2 * fs + 0.5 * fs + 5.0 * GLMCC_PLOT_CHAR_WIDTH * 0.85 * fs + 0.4 * fs
         + fs * GLMCC_PLOT_LINE_HEIGHT;
}

/* The words of the key of the truth marks, and what it says when the cells are too small to
 * carry them. */
static const char *
truth_key_word (guint k)
{
  switch (k)
    {
    case 0:
      return _("true detection");
    case 1:
      return _("false detection");
    case 2:
      return _("missed synapse");
    default:
      /* Translators: under the key of the truth marks of the matrix, when its cells are too
       * small for them (zooming in shows them). */
      return _("(not drawn: cells too small)");
    }
}

/* The width right of the cells that the key of the truth marks needs (it sits under the
 * colour bar and is wider than the bar's labels). */
static double
truth_key_room (const GlmccNetworkPlot *data,
                const GlmccPlotStyle   *style)
{
  double fs = style->font_size, widest = 0.0;

  if (data->truth == NULL)
    return 0.0;
  for (guint k = 0; k < 4; k++)
    widest = MAX (widest, glmcc_plot_text_estimate (style, truth_key_word (k), 0.85) + (k < 3 ? 1.45 * fs : 0.0));
  return 1.5 * fs + widest + 0.3 * fs;
}

static gboolean
has_types (const GlmccNetworkPlot *data)
{
  if (data->types == NULL)
    return FALSE;
  for (guint i = 0; i < data->n; i++)
    if (data->types[i] != GLMCC_PLOT_NODE_UNKNOWN)
      return TRUE;
  return FALSE;
}

static void
matrix_layout (double                     width,
               double                     height,
               const GlmccNetworkPlot    *data,
               const GlmccPlotStyle      *style,
               const GlmccPlotColorScale *scale,
               GlmccMatrixLayout         *layout)
{
  double fs = style->font_size;
  double pad = 1.1 * fs;
  double names = glmcc_plot_max_name_width (data, style, 0.8);
  double strip = has_types (data) ? 0.55 * fs + 0.2 * fs : 0.0;
  double top, left, right, bottom, avail_w, avail_h, cell;
  guint n = MAX (data->n, 1u);

  memset (layout, 0, sizeof *layout);
  layout->scale = *scale;
  layout->limit_mv = MAX (scale->excitatory_limit, scale->inhibitory_limit);

  top = pad + glmcc_plot_figure_title_height (data, style) + 0.3 * fs + strip;
  left = pad + fs * GLMCC_PLOT_LINE_HEIGHT + 0.3 * fs + names + 0.4 * fs + strip;
  bottom = height - pad - fs * GLMCC_PLOT_LINE_HEIGHT - 0.3 * fs - names - 0.4 * fs;
  right = width - pad - MAX (colorbar_room (style), truth_key_room (data, style));

  avail_w = MAX (1.0, right - left);
  avail_h = MAX (1.0, bottom - top);
  cell = MIN (avail_w, avail_h) / n;
  layout->cell_size = cell;
  layout->cells.width = cell * n;
  layout->cells.height = cell * n;
  layout->cells.x = left + (avail_w - layout->cells.width) / 2.0;
  layout->cells.y = top + (avail_h - layout->cells.height) / 2.0;

  layout->colorbar.x = layout->cells.x + layout->cells.width + 1.5 * fs;
  layout->colorbar.width = 1.2 * fs;
  /* Room above and below for the words and the clip marks. */
  layout->colorbar.height = MAX (4.0 * fs, MIN (layout->cells.height, height - 2 * pad) - 5.0 * fs);
  layout->colorbar.y = layout->cells.y + (layout->cells.height - layout->colorbar.height) / 2.0;
}

void
glmcc_plot_matrix_get_layout (double                  width,
                              double                  height,
                              const GlmccNetworkPlot *data,
                              const GlmccPlotStyle   *style,
                              GlmccMatrixLayout      *layout)
{
  GlmccPlotStyle storage;
  GlmccPlotColorScale scale;

  g_return_if_fail (data != NULL);
  g_return_if_fail (layout != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  glmcc_plot_color_scale_compute (data, &scale);
  matrix_layout (width, height, data, style, &scale, layout);
}

void
glmcc_plot_matrix_clamp_transform (double                  width,
                                   double                  height,
                                   const GlmccNetworkPlot *data,
                                   const GlmccPlotStyle   *style,
                                   GlmccPlotTransform     *transform)
{
  GlmccPlotStyle storage;
  GlmccMatrixLayout layout;

  g_return_if_fail (transform != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  glmcc_plot_matrix_get_layout (width, height, data, style, &layout);
  glmcc_plot_clamp_to_rect (transform, &layout.cells,
                            layout.cell_size > 0.0 ? MAX_CELL_FONTS * style->font_size / layout.cell_size : 1.0);
}

/* Scene ------------------------------------------------------------------------------------ */

/* A pair not computed yet: NaN in psp_mv, or pending. */
static gboolean
is_untested (const GlmccNetworkPlot *data,
             guint                   pre,
             guint                   post)
{
  gsize k = (gsize) pre * data->n + post;

  return (data->pending != NULL && data->pending[k] != 0)
         || (data->psp_mv != NULL && isnan (data->psp_mv[k]));
}

static void
scene_clear (MatrixScene *scene)
{
  g_clear_pointer (&scene->graph, glmcc_plot_graph_free);
  g_clear_pointer (&scene->order, g_free);
  g_clear_pointer (&scene->position, g_free);
  g_clear_pointer (&scene->cells, cairo_surface_destroy);
}

static void
scene_free (gpointer data)
{
  MatrixScene *scene = data;

  scene_clear (scene);
  g_free (scene);
}

static void
scene_init (MatrixScene              *scene,
            double                    width,
            double                    height,
            const GlmccNetworkPlot   *data,
            const GlmccPlotStyle     *style,
            const GlmccPlotTransform *transform)
{
  GlmccPlotColorScale scale;
  guint n = data->n;

  memset (scene, 0, sizeof *scene);
  scene->data = data;
  scene->style = style;
  scene->width = width;
  scene->height = height;
  scene->graph = glmcc_plot_graph_new (data);
  glmcc_plot_color_scale_from_graph (data, scene->graph, &scale);
  matrix_layout (width, height, data, style, &scale, &scene->layout);
  scene->transform = transform != NULL ? *transform : (GlmccPlotTransform) { 1.0, 0.0, 0.0 };
  scene->order = g_new (guint, MAX (n, 1u));
  scene->position = g_new (guint, MAX (n, 1u));
  for (guint k = 0; k < n; k++)
    scene->order[k] = k;
  if (data->order != NULL)
    {
      /* Only a permutation is an order: anything else falls back to the index. */
      g_autofree gboolean *seen = g_new0 (gboolean, MAX (n, 1u));
      gboolean ok = TRUE;

      for (guint k = 0; k < n && ok; k++)
        {
          ok = data->order[k] < n && !seen[data->order[k]];
          if (ok)
            seen[data->order[k]] = TRUE;
        }
      if (ok)
        memcpy (scene->order, data->order, n * sizeof (guint));
    }
  for (guint k = 0; k < n; k++)
    scene->position[scene->order[k]] = k;
  for (guint i = 0; i < n && !scene->has_untested && (data->pending != NULL || data->psp_mv != NULL); i++)
    for (guint j = 0; j < n; j++)
      if (i != j && is_untested (data, i, j))
        {
          scene->has_untested = TRUE;
          break;
        }
  scene->has_types = has_types (data);
  scene->strip = scene->has_types ? 0.55 * style->font_size : 0.0;
}

/* Cells ------------------------------------------------------------------------------------ */

static guint32
pixel_of (const GlmccPlotColor *c)
{
  return (0xffu << 24) | ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8)
         | (guint32) lround (c->blue * 255);
}

/* One pixel per @pool × @pool block of cells: the strongest shown connection of the block,
 * else grey for a pair not tested or the diagonal, else the background. */
static cairo_surface_t *
cells_image (const MatrixScene *scene,
             guint              pool)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccPlotStyle *style = scene->style;
  guint n = data->n, side = (n + pool - 1) / pool;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) side, (int) side);
  unsigned char *pixels;
  int stride;
  GlmccPlotColor zero, diagonal, untested;
  guint32 p_zero, p_diagonal, p_untested;

  glmcc_plot_color_scale_color (style, &scene->layout.scale, 0.0, &zero);
  glmcc_plot_color_mix (&style->background, &style->muted, 0.3, &diagonal);
  glmcc_plot_color_mix (&style->background, &style->muted, 0.15, &untested);
  p_zero = pixel_of (&zero);
  p_diagonal = pixel_of (&diagonal);
  p_untested = pixel_of (&untested);

  cairo_surface_flush (image);
  pixels = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
#define PIXEL(r, c) (((guint32 *) (gpointer) (pixels + (gsize) (r) * stride))[c])
  for (guint r = 0; r < side; r++)
    for (guint c = 0; c < side; c++)
      PIXEL (r, c) = r == c ? p_diagonal : p_zero;
  if (scene->has_untested)
    for (guint i = 0; i < n; i++)
      for (guint j = 0; j < n; j++)
        if (i != j && is_untested (data, i, j))
          {
            guint r = scene->position[i] / pool, c = scene->position[j] / pool;

            if (r != c || pool == 1)
              PIXEL (r, c) = p_untested;
          }
  /* Weakest first: the strongest connection of a block is written last. */
  for (guint k = 0; k < scene->graph->n_edges; k++)
    {
      const GlmccPlotEdge *e = &scene->graph->edges[k];
      GlmccPlotColor color;

      glmcc_plot_color_scale_color (style, &scene->layout.scale, e->psp_mv, &color);
      PIXEL (scene->position[e->pre] / pool, scene->position[e->post] / pool) = pixel_of (&color);
    }
#undef PIXEL
  cairo_surface_mark_dirty (image);
  return image;
}

/* The cell size in figure units and the grid origin at the scene's transform. */
static void
grid_at (const MatrixScene *scene,
         double            *x0,
         double            *y0,
         double            *cell)
{
  const GlmccPlotTransform *t = &scene->transform;

  *cell = scene->layout.cell_size * t->zoom;
  *x0 = t->zoom * scene->layout.cells.x + t->pan_x;
  *y0 = t->zoom * scene->layout.cells.y + t->pan_y;
}

static void
draw_cells (cairo_t     *cr,
            MatrixScene *scene)
{
  const GlmccMatrixLayout *layout = &scene->layout;
  double scale = 1.0, ox, oy, x0, y0, cell;
  guint pool = 1;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  grid_at (scene, &x0, &y0, &cell);
  /* Pool to the device pixels on raster targets; vector files keep every cell, up to an
   * image of 2048 pixels a side. */
  if (glmcc_plot_raster_target (cr, &scale, &ox, &oy))
    {
      if (cell * scale < 1.0)
        pool = (guint) ceil (1.0 / (cell * scale) - 1e-9);
    }
  else
    pool = (scene->data->n + 2047) / 2048;
  pool = MAX (pool, 1u);
  if (scene->cells == NULL || scene->pool != pool)
    {
      g_clear_pointer (&scene->cells, cairo_surface_destroy);
      scene->cells = cells_image (scene, pool);
      scene->pool = pool;
    }

  pattern = cairo_pattern_create_for_surface (scene->cells);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&matrix, 1.0 / (cell * pool), 1.0 / (cell * pool));
  cairo_matrix_translate (&matrix, -x0, -y0);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_save (cr);
  cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
  cairo_clip (cr);
  cairo_rectangle (cr, x0, y0, cell * scene->data->n, cell * scene->data->n);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);

  /* Grid lines once cells are big enough to be told apart. */
  if (cell >= 6.0)
    {
      const GlmccPlotRect *c = &layout->cells;
      guint first_col = (guint) MAX (0.0, floor ((c->x - x0) / cell));
      guint last_col = (guint) MIN ((double) scene->data->n, ceil ((c->x + c->width - x0) / cell));
      guint first_row = (guint) MAX (0.0, floor ((c->y - y0) / cell));
      guint last_row = (guint) MIN ((double) scene->data->n, ceil ((c->y + c->height - y0) / cell));

      cairo_set_line_width (cr, 0.5);
      glmcc_plot_set_color_alpha (cr, &scene->style->muted, 0.25);
      for (guint k = MAX (first_col, 1u); k < last_col; k++)
        {
          cairo_move_to (cr, x0 + k * cell, c->y);
          cairo_line_to (cr, x0 + k * cell, c->y + c->height);
        }
      for (guint k = MAX (first_row, 1u); k < last_row; k++)
        {
          cairo_move_to (cr, c->x, y0 + k * cell);
          cairo_line_to (cr, c->x + c->width, y0 + k * cell);
        }
      cairo_stroke (cr);
    }

  /* Lines between blocks (types, clusters, shanks). */
  if (scene->data->blocks != NULL)
    {
      const int *blocks = scene->data->blocks;

      cairo_set_line_width (cr, MAX (0.75, 0.4 * scene->style->line_width));
      glmcc_plot_set_color_alpha (cr, &scene->style->foreground, 0.55);
      for (guint k = 1; k < scene->data->n; k++)
        if (blocks[scene->order[k]] != blocks[scene->order[k - 1]])
          {
            cairo_move_to (cr, x0 + k * cell, layout->cells.y);
            cairo_line_to (cr, x0 + k * cell, layout->cells.y + layout->cells.height);
            cairo_move_to (cr, layout->cells.x, y0 + k * cell);
            cairo_line_to (cr, layout->cells.x + layout->cells.width, y0 + k * cell);
          }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  cairo_pattern_destroy (pattern);
}

/* The curated cells, outlined: solid for accepted, dashed with a slash for rejected, dotted
 * for unsure. A cell smaller than the outline still gets one of a few pixels, so that a mark
 * shows at 1,000 neurons too. */
static void
draw_cell_marks (cairo_t           *cr,
                 const MatrixScene *scene)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccMatrixLayout *layout = &scene->layout;
  double x0, y0, cell, w, side;

  if (data->marks == NULL || data->n_marks == 0)
    return;
  grid_at (scene, &x0, &y0, &cell);
  w = CLAMP (cell / 8.0, 1.0, 2.5);
  side = MAX (cell - w, 3.0);
  cairo_save (cr);
  cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, w);
  glmcc_plot_set_color (cr, &scene->style->foreground);
  for (guint k = 0; k < data->n_marks; k++)
    {
      const GlmccPlotMarkedEdge *m = &data->marks[k];
      double dash[] = { MAX (side / 4.0, 1.0) };
      double dot[] = { w, w };
      double x, y;

      if (m->mark == GLMCC_PLOT_MARK_NONE || m->pre == m->post || m->pre >= data->n || m->post >= data->n)
        continue;
      x = x0 + scene->position[m->post] * cell + (cell - side) / 2.0;
      y = y0 + scene->position[m->pre] * cell + (cell - side) / 2.0;
      if (m->mark == GLMCC_PLOT_MARK_REJECTED)
        cairo_set_dash (cr, dash, 1, 0);
      else if (m->mark == GLMCC_PLOT_MARK_UNSURE)
        cairo_set_dash (cr, dot, 2, 0);
      else
        cairo_set_dash (cr, NULL, 0, 0);
      cairo_rectangle (cr, x, y, side, side);
      cairo_stroke (cr);
      if (m->mark == GLMCC_PLOT_MARK_REJECTED)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_move_to (cr, x, y + side);
          cairo_line_to (cr, x + side, y);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/* The smallest cell (user units) that shows its truth mark. Smaller, the marks of
 * neighbouring cells run together: at 1,000 neurons the whole matrix turned a dark grey that
 * hid the colours it marks. The key says so; zooming in shows them. */
#define TRUTH_MARK_MIN_CELL 3.0

static gboolean
truth_marks_fit (const MatrixScene *scene)
{
  double x0, y0, cell;

  grid_at (scene, &x0, &y0, &cell);
  return cell >= TRUTH_MARK_MIN_CELL;
}

/* Detections against a ground truth: a dot for a true one, a cross for a false one, a ring
 * where a synapse was missed; in the foreground colour, which reads on the cell colours. */
static void
draw_truth_marks (cairo_t           *cr,
                  const MatrixScene *scene)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccMatrixLayout *layout = &scene->layout;
  double x0, y0, cell, r;
  guint n = data->n;

  if (data->truth == NULL || !truth_marks_fit (scene))
    return;
  grid_at (scene, &x0, &y0, &cell);
  r = MAX (cell * 0.28, 1.2);
  cairo_save (cr);
  cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
  cairo_clip (cr);
  cairo_set_line_width (cr, CLAMP (cell / 10.0, 0.8, 2.0));
  glmcc_plot_set_color (cr, &scene->style->foreground);
  for (guint pre = 0; pre < n; pre++)
    for (guint post = 0; post < n; post++)
      {
        guint8 truth = data->truth[(gsize) pre * n + post];
        double cx, cy;

        if (truth == GLMCC_PLOT_TRUTH_NONE || pre == post)
          continue;
        cx = x0 + (scene->position[post] + 0.5) * cell;
        cy = y0 + (scene->position[pre] + 0.5) * cell;
        switch (truth)
          {
          case GLMCC_PLOT_TRUTH_TRUE_POSITIVE:
            cairo_new_sub_path (cr);
            cairo_arc (cr, cx, cy, r * 0.45, 0, 2 * G_PI);
            cairo_fill (cr);
            break;
          case GLMCC_PLOT_TRUTH_FALSE_POSITIVE:
            cairo_move_to (cr, cx - r, cy - r);
            cairo_line_to (cr, cx + r, cy + r);
            cairo_move_to (cr, cx - r, cy + r);
            cairo_line_to (cr, cx + r, cy - r);
            cairo_stroke (cr);
            break;
          case GLMCC_PLOT_TRUTH_FALSE_NEGATIVE:
            cairo_new_sub_path (cr);
            cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
            cairo_stroke (cr);
            break;
          default:
            break;
          }
      }
  cairo_restore (cr);
}

/* Type strips along the rows (left) and the columns (top), in the nodes' colours. */
static void
draw_type_strips (cairo_t           *cr,
                  const MatrixScene *scene)
{
  const GlmccMatrixLayout *layout = &scene->layout;
  const GlmccPlotStyle *style = scene->style;
  double x0, y0, cell, gap = 0.2 * style->font_size;

  if (!scene->has_types)
    return;
  grid_at (scene, &x0, &y0, &cell);
  for (int axis = 0; axis < 2; axis++)
    {
      cairo_save (cr);
      if (axis == 0)
        cairo_rectangle (cr, layout->cells.x - gap - scene->strip, layout->cells.y, scene->strip, layout->cells.height);
      else
        cairo_rectangle (cr, layout->cells.x, layout->cells.y - gap - scene->strip, layout->cells.width, scene->strip);
      cairo_clip (cr);
      for (int type = GLMCC_PLOT_NODE_EXCITATORY; type <= GLMCC_PLOT_NODE_INHIBITORY; type++)
        {
          /* Runs of one type as one rectangle. */
          guint k = 0, n = scene->data->n;

          while (k < n)
            {
              guint end = k;

              while (end < n && (int) scene->data->types[scene->order[end]] == type)
                end++;
              if (end > k)
                {
                  if (axis == 0)
                    cairo_rectangle (cr, layout->cells.x - gap - scene->strip, y0 + k * cell, scene->strip, (end - k) * cell);
                  else
                    cairo_rectangle (cr, x0 + k * cell, layout->cells.y - gap - scene->strip, (end - k) * cell, scene->strip);
                  k = end;
                }
              else
                k++;
            }
          glmcc_plot_set_color (cr, type == GLMCC_PLOT_NODE_EXCITATORY ? &style->excitatory : &style->inhibitory);
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }
}

/* Every how many positions a name fits along an axis (1, 2, 5, 10, … so that the names
 * shown stay put while panning). */
static guint
label_every (double cell,
             double font_size)
{
  double need = 0.8 * font_size * 1.15;

  if (cell >= need)
    return 1;
  return (guint) glmcc_plot_nice_step (need / cell);
}

static void
shorten_name (char *name)
{
  if (g_utf8_strlen (name, -1) > GLMCC_PLOT_NAME_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (name, GLMCC_PLOT_NAME_CHARS - 1);

      strcpy (cut, "\xe2\x80\xa6");
    }
}

static void
draw_labels (cairo_t           *cr,
             const MatrixScene *scene)
{
  const GlmccMatrixLayout *layout = &scene->layout;
  const GlmccNetworkPlot *data = scene->data;
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *c = &layout->cells;
  double fs = style->font_size;
  double names = glmcc_plot_max_name_width (data, style, 0.8);
  double x0, y0, cell, scale, strip_room = scene->has_types ? scene->strip + 0.2 * fs : 0.0;
  guint every, n = data->n;
  gboolean horizontal;
  double label_y;

  grid_at (scene, &x0, &y0, &cell);
  every = label_every (cell, fs);
  scale = every > 1 ? 0.8 : MIN (0.8, MAX (0.5, cell / fs));
  /* Column names read horizontally when every one fits in its column. */
  horizontal = every == 1 && glmcc_plot_max_name_width (data, style, scale) <= 0.95 * cell;
  label_y = c->y + c->height + 0.4 * fs;

  cairo_save (cr);
  for (guint k = 0; k < n; k += every)
    {
      double centre_y = y0 + (k + 0.5) * cell, centre_x = x0 + (k + 0.5) * cell;
      g_autofree char *name = glmcc_plot_neuron_name (data, scene->order[k]);

      shorten_name (name);
      /* Row (presynaptic) names on the left, column (postsynaptic) names below: only those
       * of rows and columns in view. */
      if (centre_y >= c->y - 0.5 && centre_y <= c->y + c->height + 0.5)
        glmcc_plot_text (cr, style, &style->foreground, name, c->x - 0.4 * fs - strip_room, centre_y,
                         1.0, 0.5, scale, FALSE, 0.0);
      if (centre_x >= c->x - 0.5 && centre_x <= c->x + c->width + 0.5)
        {
          if (horizontal)
            glmcc_plot_text (cr, style, &style->foreground, name, centre_x, label_y, 0.5, 0.0, scale, FALSE, 0.0);
          else
            glmcc_plot_text (cr, style, &style->foreground, name, centre_x, label_y, 1.0, 0.5, scale, FALSE,
                             G_PI / 2.0);
        }
    }
  glmcc_plot_text (cr, style, &style->foreground, _("presynaptic (row)"),
                   c->x - 0.4 * fs - strip_room - names - 0.3 * fs, c->y + c->height / 2.0,
                   0.5, 1.0, 1.0, FALSE, G_PI / 2.0);
  glmcc_plot_text (cr, style, &style->foreground, _("postsynaptic (column)"), c->x + c->width / 2.0,
                   label_y + (horizontal ? scale * fs * GLMCC_PLOT_LINE_HEIGHT : names) + 0.3 * fs,
                   0.5, 0.0, 1.0, FALSE, 0.0);
  cairo_restore (cr);
}

/* Colour bar ------------------------------------------------------------------------------- */

/* One half of the bar: 0 at the middle, the limit at the end, with its ticks. */
static void
draw_colorbar_half (cairo_t              *cr,
                    const GlmccPlotStyle *style,
                    const GlmccPlotRect  *bar,
                    const GlmccPlotColorScale *scale,
                    int                   sign)
{
  double fs = style->font_size;
  double limit = sign > 0 ? scale->excitatory_limit : scale->inhibitory_limit;
  double max = sign > 0 ? scale->excitatory_max : scale->inhibitory_max;
  double half = bar->height / 2.0, mid = bar->y + half;
  guint n_steps = MAX (2u, (guint) ceil (half));
  double ticks[MAX_TICKS], step;
  guint n;

  for (guint i = 0; i < n_steps; i++)
    {
      GlmccPlotColor color;
      double v = sign * limit * (i + 0.5) / n_steps;
      double y0 = mid - sign * half * i / n_steps;

      glmcc_plot_color_scale_color (style, scale, v, &color);
      cairo_rectangle (cr, bar->x, sign > 0 ? y0 - half / n_steps - 0.25 : y0 - 0.25, bar->width,
                       half / n_steps + 0.5);
      glmcc_plot_set_color (cr, &color);
      cairo_fill (cr);
    }
  /* Clipped: a triangle past the end in the end colour, and the largest value beside it. */
  if (max > limit * (1.0 + 1e-9))
    {
      GlmccPlotColor color;
      double tip = sign > 0 ? bar->y - 0.9 * fs : bar->y + bar->height + 0.9 * fs;
      double base = sign > 0 ? bar->y : bar->y + bar->height;
      g_autofree char *value = glmcc_plot_format_value (sign * max);
      g_autofree char *text = g_strconcat (_("max "), value, NULL);

      glmcc_plot_color_scale_color (style, scale, sign * limit, &color);
      cairo_move_to (cr, bar->x, base);
      cairo_line_to (cr, bar->x + bar->width / 2.0, tip);
      cairo_line_to (cr, bar->x + bar->width, base);
      cairo_close_path (cr);
      glmcc_plot_set_color (cr, &color);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->muted, text, bar->x + bar->width + 0.5 * fs, (tip + base) / 2.0,
                       0.0, 0.5, 0.8, FALSE, 0.0);
    }

  n = glmcc_plot_nice_ticks (0.0, limit, MAX (2u, (guint) (half / (2.2 * fs))), ticks, MAX_TICKS, &step);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n; i++)
    {
      double y = mid - sign * half * ticks[i] / limit;
      g_autofree char *label = NULL;

      /* 0 is drawn once, by the excitatory half. */
      if (ticks[i] == 0.0 && sign < 0)
        continue;
      /* Leave room for the "max" label next to a clipped end. */
      label = glmcc_plot_format_tick (sign * ticks[i], step);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_move_to (cr, bar->x + bar->width, y);
      cairo_line_to (cr, bar->x + bar->width + 0.35 * fs, y);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->foreground, label, bar->x + bar->width + 0.5 * fs, y,
                       0.0, 0.5, 0.85, FALSE, 0.0);
    }
}

static void
draw_colorbar (cairo_t           *cr,
               const MatrixScene *scene)
{
  const GlmccPlotStyle *style = scene->style;
  const GlmccMatrixLayout *layout = &scene->layout;
  const GlmccPlotRect *bar = &layout->colorbar;
  double fs = style->font_size;
  double clip_room = 0.9 * fs;

  cairo_save (cr);
  draw_colorbar_half (cr, style, bar, &layout->scale, 1);
  draw_colorbar_half (cr, style, bar, &layout->scale, -1);
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_set_line_width (cr, 1.0);
  glmcc_plot_set_color (cr, &style->foreground);
  cairo_stroke (cr);
  /* The zero line: connections start at the floor colour, not at white. */
  cairo_move_to (cr, bar->x, bar->y + bar->height / 2.0);
  cairo_line_to (cr, bar->x + bar->width, bar->y + bar->height / 2.0);
  cairo_stroke (cr);

  glmcc_plot_text (cr, style, &style->foreground, _("PSP (mV)"),
                   bar->x + bar->width + 0.9 * fs + 5.0 * GLMCC_PLOT_CHAR_WIDTH * 0.85 * fs,
                   bar->y + bar->height / 2.0, 0.5, 0.0, 1.0, FALSE, -G_PI / 2.0);
  glmcc_plot_text (cr, style, &style->muted, _("excitatory"), bar->x, bar->y - clip_room - 0.3 * fs,
                   0.0, 1.0, 0.85, FALSE, 0.0);
  glmcc_plot_text (cr, style, &style->muted, _("inhibitory"), bar->x,
                   bar->y + bar->height + clip_room + 0.3 * fs, 0.0, 0.0, 0.85, FALSE, 0.0);
  if (scene->has_untested)
    {
      GlmccPlotColor grey;
      double y = bar->y + bar->height + clip_room + 0.3 * fs + 1.5 * fs;

      glmcc_plot_color_mix (&style->background, &style->muted, 0.15, &grey);
      cairo_rectangle (cr, bar->x, y, bar->width, 0.9 * fs);
      glmcc_plot_set_color (cr, &grey);
      cairo_fill_preserve (cr);
      glmcc_plot_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      glmcc_plot_text (cr, style, &style->muted, _("not tested"), bar->x + bar->width + 0.5 * fs,
                       y + 0.45 * fs, 0.0, 0.5, 0.85, FALSE, 0.0);
    }
  if (scene->data->truth != NULL)
    {
      /* The key of the truth marks, under the bar. */
      double y = bar->y + bar->height + clip_room + 0.3 * fs + (scene->has_untested ? 3.0 : 1.5) * fs;

      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &style->foreground);
      for (guint k = 0; k < 3; k++)
        {
          double cx = bar->x + 0.45 * fs, cy = y + (k + 0.5) * 1.3 * fs, r = 0.3 * fs;

          if (k == 0)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, cx, cy, r * 0.6, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else if (k == 1)
            {
              cairo_move_to (cr, cx - r, cy - r);
              cairo_line_to (cr, cx + r, cy + r);
              cairo_move_to (cr, cx - r, cy + r);
              cairo_line_to (cr, cx + r, cy - r);
              cairo_stroke (cr);
            }
          else
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
              cairo_stroke (cr);
            }
          glmcc_plot_text (cr, style, &style->muted, truth_key_word (k), cx + fs, cy, 0.0, 0.5,
                           0.85, FALSE, 0.0);
        }
      if (!truth_marks_fit (scene))
        glmcc_plot_text (cr, style, &style->muted, truth_key_word (3), bar->x, y + 3.5 * 1.3 * fs,
                         0.0, 0.5, 0.85, FALSE, 0.0);
    }
  cairo_restore (cr);
}

/* Layers ----------------------------------------------------------------------------------- */

static void
draw_static (cairo_t     *cr,
             MatrixScene *scene)
{
  const GlmccMatrixLayout *layout = &scene->layout;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, scene->width, scene->height);
  cairo_clip (cr);
  glmcc_plot_paint_background (cr, scene->width, scene->height, scene->style);
  glmcc_plot_figure_title (cr, scene->data, scene->style, scene->width);
  if (scene->data->n > 0)
    {
      draw_cells (cr, scene);
      draw_cell_marks (cr, scene);
      draw_truth_marks (cr, scene);
      draw_type_strips (cr, scene);
      cairo_rectangle (cr, layout->cells.x, layout->cells.y, layout->cells.width, layout->cells.height);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color (cr, &scene->style->foreground);
      cairo_stroke (cr);
      draw_labels (cr, scene);
    }
  draw_colorbar (cr, scene);
  cairo_restore (cr);
}

static void
outline_cell (cairo_t              *cr,
              double                x0,
              double                y0,
              double                cell,
              guint                 row,
              guint                 col,
              double                width,
              const GlmccPlotColor *color)
{
  double grow = MAX (1.0, width / 2.0);

  cairo_rectangle (cr, x0 + col * cell - grow, y0 + row * cell - grow, cell + 2 * grow, cell + 2 * grow);
  cairo_set_line_width (cr, width);
  glmcc_plot_set_color (cr, color);
  cairo_stroke (cr);
}

/* Focus row and column, hovered cell and selected pair, over the static layer whose pan
 * differs from the view's by (dx, dy). */
static void
draw_highlights (cairo_t             *cr,
                 const MatrixScene   *scene,
                 const GlmccPlotView *view,
                 double               scale,
                 double               dx,
                 double               dy)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccPlotStyle *style = scene->style;
  const GlmccPlotRect *c = &scene->layout.cells;
  double x0, y0, cell;
  guint n = data->n;

  if (n == 0)
    return;
  grid_at (scene, &x0, &y0, &cell);
  x0 = scale * x0 + dx;
  y0 = scale * y0 + dy;
  cell *= scale;
  cairo_save (cr);
  cairo_rectangle (cr, c->x - 3.0, c->y - 3.0, c->width + 6.0, c->height + 6.0);
  cairo_clip (cr);
  if (view != NULL && view->focus >= 0 && (guint) view->focus < n)
    {
      guint k = scene->position[view->focus];

      /* The neuron's row (its outputs) and column (its inputs). */
      cairo_rectangle (cr, c->x, y0 + k * cell, c->width, cell);
      cairo_rectangle (cr, x0 + k * cell, c->y, cell, c->height);
      glmcc_plot_set_color_alpha (cr, &style->accent, 0.18);
      cairo_fill (cr);
      cairo_rectangle (cr, c->x, y0 + k * cell, c->width, cell);
      cairo_rectangle (cr, x0 + k * cell, c->y, cell, c->height);
      cairo_set_line_width (cr, 1.0);
      glmcc_plot_set_color_alpha (cr, &style->accent, 0.9);
      cairo_stroke (cr);
    }
  if (view != NULL && view->hover_pre >= 0 && view->hover_post >= 0 && (guint) view->hover_pre < n
      && (guint) view->hover_post < n)
    {
      GlmccPlotColor hover;

      glmcc_plot_color_mix (&style->accent, &style->foreground, 0.4, &hover);
      outline_cell (cr, x0, y0, cell, scene->position[view->hover_pre], scene->position[view->hover_post],
                    1.5, &hover);
    }
  if (data->highlight_pre >= 0 && data->highlight_post >= 0 && (guint) data->highlight_pre < n
      && (guint) data->highlight_post < n)
    outline_cell (cr, x0, y0, cell, scene->position[data->highlight_pre], scene->position[data->highlight_post],
                  2.0, &style->accent);
  cairo_restore (cr);
}

static gboolean
update_cache (GlmccPlotCache         *cache,
              double                  scale,
              double                  width,
              double                  height,
              const GlmccNetworkPlot *data,
              const GlmccPlotStyle   *style,
              const GlmccPlotView    *view)
{
  guint64 serial = cache->serial;
  gboolean data_changed;
  MatrixScene *scene;

  if (glmcc_plot_cache_prepare (cache, GLMCC_PLOT_CACHE_MATRIX, width, height, scale, data, style,
                                view, &data_changed))
    {
      cairo_t *layer;

      scene = cache->scene;
      if (scene == NULL || data_changed)
        {
          if (cache->scene != NULL && cache->scene_free != NULL)
            cache->scene_free (cache->scene);
          scene = g_new0 (MatrixScene, 1);
          scene_init (scene, width, height, data, &cache->key.style, &cache->key.transform);
          cache->scene = scene;
          cache->scene_free = scene_free;
          cache->graph_valid = TRUE;
        }
      else
        {
          /* Same data: keep the connections, order and cell image; a new size or zoom only
           * moves the grid. */
          GlmccPlotColorScale scale_of_data = scene->layout.scale;

          scene->width = width;
          scene->height = height;
          scene->style = &cache->key.style;
          matrix_layout (width, height, data, scene->style, &scale_of_data, &scene->layout);
          scene->transform = cache->key.transform;
          scene->strip = scene->has_types ? 0.55 * scene->style->font_size : 0.0;
        }
      layer = glmcc_plot_cache_begin (cache);
      draw_static (layer, scene);
      glmcc_plot_cache_end (cache, layer);
    }
  scene = cache->scene;
  scene->data = data;
  cache->content = scene->layout.cells;
  cache->max_zoom = scene->layout.cell_size > 0.0
                    ? MAX_CELL_FONTS * scene->style->font_size / scene->layout.cell_size : 1.0;
  if (!cache->surface_valid)
    glmcc_plot_cache_end_surface (cache, NULL, -1);
  return cache->serial != serial;
}

gboolean
glmcc_plot_matrix_update_cache (GlmccPlotCache         *cache,
                                double                  width,
                                double                  height,
                                const GlmccNetworkPlot *data,
                                const GlmccPlotStyle   *style,
                                const GlmccPlotView    *view)
{
  GlmccPlotStyle storage;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  style = glmcc_plot_style_or_default (style, &storage);
  return update_cache (cache, cache->scale > 0.0 ? cache->scale : 1.0, width, height, data, style, view);
}

void
glmcc_plot_matrix_draw_highlights (cairo_t                *cr,
                                   GlmccPlotCache         *cache,
                                   const GlmccNetworkPlot *data,
                                   const GlmccPlotView    *view)
{
  MatrixScene *scene;
  double map_scale, dx, dy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cache != NULL);
  g_return_if_fail (data != NULL);

  if (!cache->valid || cache->key.kind != GLMCC_PLOT_CACHE_MATRIX || cache->scene == NULL)
    return;
  scene = cache->scene;
  scene->data = data;
  glmcc_plot_cache_gesture_map (cache, view, &map_scale, &dx, &dy);
  draw_highlights (cr, scene, view, map_scale, dx, dy);
}

void
glmcc_plot_matrix_draw (cairo_t                *cr,
                        double                  width,
                        double                  height,
                        const GlmccNetworkPlot *data,
                        const GlmccPlotStyle   *style,
                        const GlmccPlotView    *view,
                        GlmccPlotCache         *cache)
{
  GlmccPlotStyle storage;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);

  style = glmcc_plot_style_or_default (style, &storage);
  if (cache == NULL)
    {
      MatrixScene scene;

      scene_init (&scene, width, height, data, style, view != NULL ? &view->transform : NULL);
      draw_static (cr, &scene);
      draw_highlights (cr, &scene, view, 1.0, 0.0, 0.0);
      scene_clear (&scene);
      return;
    }

  update_cache (cache, glmcc_plot_cache_effective_scale (cache, cr), width, height, data, style, view);
  glmcc_plot_cache_paint (cache, cr, &((MatrixScene *) cache->scene)->layout.cells, view);
  glmcc_plot_matrix_draw_highlights (cr, cache, data, view);
}

void
glmcc_plot_matrix (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const GlmccNetworkPlot *data,
                   const GlmccPlotStyle   *style)
{
  glmcc_plot_matrix_draw (cr, width, height, data, style, NULL, NULL);
}

/* Hit testing ------------------------------------------------------------------------------ */

/* The cell under (x, y) in @scene's frame at transform @t. */
static gboolean
scene_pick (const MatrixScene        *scene,
            const GlmccPlotTransform *t,
            double                    x,
            double                    y,
            GlmccPlotHit             *hit)
{
  const GlmccNetworkPlot *data = scene->data;
  const GlmccPlotRect *c = &scene->layout.cells;
  double cell, col, row;
  guint pre, post;

  if (x < c->x || y < c->y || x >= c->x + c->width || y >= c->y + c->height)
    return FALSE;
  cell = scene->layout.cell_size * t->zoom;
  col = floor ((x - (t->zoom * c->x + t->pan_x)) / cell);
  row = floor ((y - (t->zoom * c->y + t->pan_y)) / cell);
  if (col < 0 || row < 0 || col >= data->n || row >= data->n)
    return FALSE;

  pre = scene->order[(guint) row];
  post = scene->order[(guint) col];
  hit->kind = GLMCC_NETWORK_HIT_EDGE;
  hit->pre = hit->edge.pre = pre;
  hit->post = hit->edge.post = post;
  hit->edge.psp_mv = data->psp_mv != NULL ? data->psp_mv[(gsize) pre * data->n + post] : 0.0;
  if (pre != post && is_untested (data, pre, post))
    hit->edge.psp_mv = NAN;
  if (pre != post)
    {
      const GlmccPlotEdge *e = glmcc_plot_graph_find (scene->graph, pre, post);

      if (e != NULL)
        {
          hit->has_edge = TRUE;
          hit->edge = *e;
        }
      else if (isfinite (hit->edge.psp_mv))
        hit->edge.psp_mv = 0.0;   /* hidden by the filter: drawn empty */
    }
  return TRUE;
}

gboolean
glmcc_plot_matrix_pick (double                  width,
                        double                  height,
                        const GlmccNetworkPlot *data,
                        const GlmccPlotStyle   *style,
                        const GlmccPlotView    *view,
                        GlmccPlotCache         *cache,
                        double                  x,
                        double                  y,
                        GlmccPlotHit           *hit)
{
  GlmccPlotStyle storage;
  GlmccPlotTransform t = { 1.0, 0.0, 0.0 };
  GlmccPlotHit scratch;
  gboolean found;

  g_return_val_if_fail (data != NULL, FALSE);

  if (hit == NULL)
    hit = &scratch;
  memset (hit, 0, sizeof *hit);
  hit->edge.p_value = hit->edge.statistic = hit->edge.delay_ms = hit->edge.j = NAN;
  if (data->n == 0)
    return FALSE;
  style = glmcc_plot_style_or_default (style, &storage);
  if (view != NULL)
    t = view->transform;

  if (cache != NULL && cache->valid && cache->scene != NULL && cache->key.kind == GLMCC_PLOT_CACHE_MATRIX
      && cache->key.data == data && cache->key.width == width && cache->key.height == height)
    {
      MatrixScene *scene = cache->scene;

      scene->data = data;
      return scene_pick (scene, &t, x, y, hit);
    }
  {
    MatrixScene scene;

    scene_init (&scene, width, height, data, style, &t);
    found = scene_pick (&scene, &t, x, y, hit);
    scene_clear (&scene);
  }
  return found;
}

gboolean
glmcc_plot_matrix_hit_test (double                  width,
                            double                  height,
                            const GlmccNetworkPlot *data,
                            const GlmccPlotStyle   *style,
                            double                  x,
                            double                  y,
                            guint                   *pre,
                            guint                   *post)
{
  GlmccPlotHit hit;

  if (!glmcc_plot_matrix_pick (width, height, data, style, NULL, NULL, x, y, &hit))
    return FALSE;
  if (pre != NULL)
    *pre = hit.pre;
  if (post != NULL)
    *post = hit.post;
  return TRUE;
}
