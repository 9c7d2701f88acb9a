/* glmcc-plot-cache.c: the static layer of a view, kept as an image between draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-plot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "glmcc-plot-private.h"

GlmccPlotCache *
glmcc_plot_cache_new (void)
{
  return g_new0 (GlmccPlotCache, 1);
}

static void
drop_derived (GlmccPlotCache *cache)
{
  if (cache->scene != NULL && cache->scene_free != NULL)
    cache->scene_free (cache->scene);
  cache->scene = NULL;
  cache->scene_free = NULL;
  cache->graph_valid = FALSE;
}

void
glmcc_plot_cache_free (GlmccPlotCache *cache)
{
  if (cache == NULL)
    return;
  drop_derived (cache);
  g_free (cache->key.title);
  g_clear_pointer (&cache->base, cairo_surface_destroy);
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_free (cache);
}

void
glmcc_plot_cache_invalidate (GlmccPlotCache *cache)
{
  g_return_if_fail (cache != NULL);

  cache->valid = FALSE;
  cache->surface_valid = FALSE;
  drop_derived (cache);
}

void
glmcc_plot_cache_set_scale (GlmccPlotCache *cache,
                            double          scale)
{
  g_return_if_fail (cache != NULL);

  if (!(scale >= 0.0) || !isfinite (scale))
    scale = 0.0;
  if (scale != cache->scale)
    {
      cache->scale = scale;
      cache->valid = FALSE;
      cache->surface_valid = FALSE;
    }
}

cairo_surface_t *
glmcc_plot_cache_get_surface (GlmccPlotCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return cache->surface_valid ? cache->surface : NULL;
}

guint64
glmcc_plot_cache_get_serial (GlmccPlotCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->serial;
}

guint
glmcc_plot_cache_get_n_renders (GlmccPlotCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->n_renders;
}

double
glmcc_plot_cache_effective_scale (GlmccPlotCache *cache,
                                  cairo_t        *cr)
{
  double scale, ox, oy;

  if (cache->scale > 0.0)
    return cache->scale;
  if (glmcc_plot_raster_target (cr, &scale, &ox, &oy))
    return CLAMP (scale, 0.25, 8.0);
  return 1.0;
}

static gboolean
same_color (const GlmccPlotColor *a,
            const GlmccPlotColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

static gboolean
same_style (const GlmccPlotStyle *a,
            const GlmccPlotStyle *b)
{
  return a->dark == b->dark && a->fill_background == b->fill_background
         && same_color (&a->background, &b->background) && same_color (&a->foreground, &b->foreground)
         && same_color (&a->muted, &b->muted) && same_color (&a->bar, &b->bar)
         && same_color (&a->slow, &b->slow) && same_color (&a->fit, &b->fit)
         && same_color (&a->excitatory, &b->excitatory) && same_color (&a->inhibitory, &b->inhibitory)
         && same_color (&a->neutral, &b->neutral) && same_color (&a->accent, &b->accent)
         && strcmp (a->font_family, b->font_family) == 0
         && a->font_size == b->font_size && a->line_width == b->line_width;
}

/* Everything of the data that the static layer shows (highlight_pre/post are drawn over it). */
static gboolean
same_data (const GlmccNetworkPlot *a,
           const char             *a_title,
           const GlmccNetworkPlot *b)
{
  const GlmccPlotFilter *f = &a->filter, *g = &b->filter;

  /* The old struct's pointers may dangle: they are compared, never followed (its title was
   * copied). */
  return a->n == b->n && a->names == b->names && a->psp_mv == b->psp_mv && a->types == b->types
         && a->positions == b->positions && g_strcmp0 (a_title, b->title) == 0
         && a->edges == b->edges && a->n_edges == b->n_edges && a->rates == b->rates
         && a->groups == b->groups && a->recording_positions == b->recording_positions
         && a->guides == b->guides && a->order == b->order && a->blocks == b->blocks
         && a->clip_percentile == b->clip_percentile && a->shared_scale == b->shared_scale
         && f->min_abs_psp_mv == g->min_abs_psp_mv
         && (f->max_p_value == g->max_p_value || (isnan (f->max_p_value) && isnan (g->max_p_value)))
         && (f->min_statistic == g->min_statistic || (isnan (f->min_statistic) && isnan (g->min_statistic)))
         && f->hide_excitatory == g->hide_excitatory && f->hide_inhibitory == g->hide_inhibitory
         && f->mask == g->mask && a->marks == b->marks && a->n_marks == b->n_marks
         && a->truth == b->truth
         && a->pending == b->pending;
}

gboolean
glmcc_plot_cache_prepare (GlmccPlotCache         *cache,
                          GlmccPlotCacheKind      kind,
                          double                  width,
                          double                  height,
                          double                  scale,
                          const GlmccNetworkPlot *data,
                          const GlmccPlotStyle   *style,
                          const GlmccPlotView    *view,
                          gboolean               *data_changed)
{
  GlmccPlotCacheKey *key = &cache->key;
  GlmccPlotTransform transform = { 1.0, 0.0, 0.0 };
  gboolean same_frame, same_transform;

  if (view != NULL)
    transform = view->transform;
  *data_changed = !cache->graph_valid || cache->scene == NULL || key->kind != kind || key->data != data
                  || !same_data (&key->data_copy, key->title, data);
  same_frame = cache->valid && !*data_changed && key->width == width && key->height == height
               && key->scale == scale && same_style (&key->style, style);
  same_transform = transform.zoom == key->transform.zoom && transform.pan_x == key->transform.pan_x
                   && transform.pan_y == key->transform.pan_y;
  if (same_frame && (same_transform || (view != NULL && view->panning)))
    return FALSE;

  if (*data_changed)
    drop_derived (cache);
  key->kind = kind;
  key->width = width;
  key->height = height;
  key->scale = scale;
  key->data = data;
  key->data_copy = *data;
  g_free (key->title);
  key->title = g_strdup (data->title);
  key->style = *style;
  key->transform = transform;
  cache->valid = FALSE;
  cache->surface_valid = FALSE;
  return TRUE;
}

cairo_t *
glmcc_plot_cache_begin (GlmccPlotCache *cache)
{
  GlmccPlotCacheKey *key = &cache->key;
  int pw = (int) MAX (1.0, ceil (key->width * key->scale - 1e-6));
  int ph = (int) MAX (1.0, ceil (key->height * key->scale - 1e-6));

  if (cache->base == NULL || cairo_image_surface_get_width (cache->base) != pw
      || cairo_image_surface_get_height (cache->base) != ph)
    {
      g_clear_pointer (&cache->base, cairo_surface_destroy);
      cache->base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
    }
  cairo_surface_set_device_scale (cache->base, key->scale, key->scale);
  {
    cairo_t *cr = cairo_create (cache->base);

    /* Start from transparent pixels, like a fresh surface. */
    cairo_save (cr);
    cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint (cr);
    cairo_restore (cr);
    return cr;
  }
}

void
glmcc_plot_cache_end (GlmccPlotCache *cache,
                      cairo_t        *cr)
{
  cairo_destroy (cr);
  cairo_surface_flush (cache->base);
  cache->valid = TRUE;
  cache->surface_valid = FALSE;
  cache->n_renders++;
}

cairo_t *
glmcc_plot_cache_begin_surface (GlmccPlotCache *cache)
{
  int pw = cairo_image_surface_get_width (cache->base);
  int ph = cairo_image_surface_get_height (cache->base);
  cairo_t *cr;

  if (cache->surface == NULL || cairo_image_surface_get_width (cache->surface) != pw
      || cairo_image_surface_get_height (cache->surface) != ph)
    {
      g_clear_pointer (&cache->surface, cairo_surface_destroy);
      cache->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
    }
  cairo_surface_set_device_scale (cache->surface, cache->key.scale, cache->key.scale);
  cr = cairo_create (cache->surface);
  /* A copy of the base layer to draw over. */
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, cache->base, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  return cr;
}

void
glmcc_plot_cache_end_surface (GlmccPlotCache *cache,
                              cairo_t        *cr,
                              int             focus)
{
  if (cr != NULL)
    {
      cairo_destroy (cr);
      cairo_surface_flush (cache->surface);
    }
  else
    {
      /* No focus: the painted layer is the base itself. */
      g_clear_pointer (&cache->surface, cairo_surface_destroy);
      cache->surface = cairo_surface_reference (cache->base);
    }
  cache->surface_focus = focus;
  cache->surface_valid = TRUE;
  cache->serial++;
}

void
glmcc_plot_cache_gesture_map (GlmccPlotCache      *cache,
                              const GlmccPlotView *view,
                              double              *scale,
                              double              *dx,
                              double              *dy)
{
  const GlmccPlotCacheKey *key = &cache->key;

  *scale = 1.0;
  *dx = *dy = 0.0;
  if (view == NULL)
    return;
  /* u at the cached transform is at z·u + p; at the view's, z'·u + p' = s·(z·u + p) + d. */
  *scale = view->transform.zoom / key->transform.zoom;
  *dx = view->transform.pan_x - *scale * key->transform.pan_x;
  *dy = view->transform.pan_y - *scale * key->transform.pan_y;
  if (*scale == 1.0)
    {
      /* Whole device pixels, so the image is copied, not resampled. */
      *dx = round (*dx * key->scale) / key->scale;
      *dy = round (*dy * key->scale) / key->scale;
    }
}

void
glmcc_plot_cache_paint (GlmccPlotCache      *cache,
                        cairo_t             *cr,
                        const GlmccPlotRect *area,
                        const GlmccPlotView *view)
{
  const GlmccPlotCacheKey *key = &cache->key;
  double scale, dx, dy;

  glmcc_plot_cache_gesture_map (cache, view, &scale, &dx, &dy);

  cairo_save (cr);
  if (scale == 1.0 && dx == 0.0 && dy == 0.0)
    {
      cairo_set_source_surface (cr, cache->surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      return;
    }

  /* The frame (title, legend, axes) where it is; the content of the area moved and scaled
   * as the gesture moved it, on the background where it uncovers the area, until the
   * gesture ends and the layer is redrawn. */
  cairo_rectangle (cr, 0, 0, key->width, key->height);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  cairo_set_source_surface (cr, cache->surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  if (key->style.fill_background)
    {
      glmcc_plot_set_color (cr, &key->style.background);
      cairo_paint (cr);
    }
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_set_source_surface (cr, cache->surface, 0, 0);
  if (scale != 1.0)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
glmcc_plot_cache_get_content (GlmccPlotCache      *cache,
                              const GlmccPlotView *view,
                              GlmccPlotRect       *area,
                              double              *scale,
                              double              *dx,
                              double              *dy)
{
  g_return_if_fail (cache != NULL);

  if (area != NULL)
    {
      memset (area, 0, sizeof *area);
      if (cache->valid)
        *area = cache->content;
    }
  glmcc_plot_cache_gesture_map (cache, view, scale, dx, dy);
}

gboolean
glmcc_plot_cache_clamp_transform (GlmccPlotCache     *cache,
                                  GlmccPlotTransform *transform)
{
  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (transform != NULL, FALSE);

  if (!cache->valid || cache->scene == NULL)
    return FALSE;
  glmcc_plot_clamp_to_rect (transform, &cache->content, cache->max_zoom);
  return TRUE;
}
