/* glmcc-pair-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-pair-item"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-pair-item.h"

struct _GlmccPairItem
{
  GObject    parent_instance;

  guint      ref;
  guint      target;
  char      *ref_name;
  char      *target_name;
  GlmccEdge  forward;
  GlmccEdge  backward;
};

G_DEFINE_FINAL_TYPE (GlmccPairItem, glmcc_pair_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF,
  PROP_TARGET,
  PROP_J_FORWARD,
  PROP_J_BACKWARD,
  PROP_PSP_FORWARD,
  PROP_PSP_BACKWARD,
  PROP_STAT_FORWARD,
  PROP_STAT_BACKWARD,
  PROP_DELAY,
  PROP_STRENGTH,
  PROP_RANK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
glmcc_status_describe (GlmccStatus status)
{
  switch (status)
    {
    case GLMCC_STATUS_PENDING:
      return _("not analysed");
    case GLMCC_STATUS_SIGNIFICANT:
      return _("significant");
    case GLMCC_STATUS_NOT_SIGNIFICANT:
      return _("not significant");
    case GLMCC_STATUS_INSUFFICIENT_DATA:
      return _("insufficient data");
    case GLMCC_STATUS_NO_LAGS:
      return _("no lags");
    case GLMCC_STATUS_NOT_CONVERGED:
      return _("fit did not converge");
    case GLMCC_STATUS_NUMERICAL_ERROR:
      return _("numerical error");
    default:
      return _("unknown");
    }
}

GlmccPairItem *
glmcc_pair_item_new (guint            ref,
                     guint            target,
                     const char      *ref_name,
                     const char      *target_name,
                     const GlmccEdge *forward,
                     const GlmccEdge *backward)
{
  GlmccPairItem *self;

  g_return_val_if_fail (forward != NULL, NULL);
  g_return_val_if_fail (backward != NULL, NULL);

  self = g_object_new (GLMCC_TYPE_PAIR_ITEM, NULL);
  self->ref = ref;
  self->target = target;
  self->ref_name = g_strdup (ref_name);
  self->target_name = g_strdup (target_name);
  self->forward = *forward;
  self->backward = *backward;
  return self;
}

guint
glmcc_pair_item_get_ref (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), 0);
  return self->ref;
}

guint
glmcc_pair_item_get_target (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), 0);
  return self->target;
}

const char *
glmcc_pair_item_get_ref_name (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);
  return self->ref_name;
}

const char *
glmcc_pair_item_get_target_name (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);
  return self->target_name;
}

const GlmccEdge *
glmcc_pair_item_get_edge (GlmccPairItem *self,
                          gboolean       forward)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);
  return forward ? &self->forward : &self->backward;
}

gboolean
glmcc_pair_item_is_significant (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), FALSE);
  return self->forward.status == GLMCC_STATUS_SIGNIFICANT ||
         self->backward.status == GLMCC_STATUS_SIGNIFICANT;
}

gboolean
glmcc_pair_item_has_sign (GlmccPairItem *self,
                          int            sign)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), FALSE);

  for (guint i = 0; i < 2; i++)
    {
      const GlmccEdge *edge = i == 0 ? &self->forward : &self->backward;

      if (edge->status == GLMCC_STATUS_SIGNIFICANT && (sign > 0 ? edge->j > 0 : edge->j < 0))
        return TRUE;
    }
  return FALSE;
}

static const char *
short_status (const GlmccEdge *edge)
{
  switch (edge->status)
    {
    case GLMCC_STATUS_SIGNIFICANT:
      /* Translators: E = excitatory, I = inhibitory connection. */
      return edge->j > 0 ? C_("connection", "E") : C_("connection", "I");
    case GLMCC_STATUS_NOT_SIGNIFICANT:
      /* Translators: short for "not significant". */
      return _("n.s.");
    case GLMCC_STATUS_INSUFFICIENT_DATA:
      return _("few data");
    case GLMCC_STATUS_NO_LAGS:
      return _("no lags");
    case GLMCC_STATUS_NOT_CONVERGED:
      return _("no conv.");
    case GLMCC_STATUS_NUMERICAL_ERROR:
      return _("error");
    case GLMCC_STATUS_PENDING:
    default:
      return "…";
    }
}

char *
glmcc_pair_item_dup_status_text (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);

  return g_strdup_printf ("→ %s ← %s", short_status (&self->forward),
                          short_status (&self->backward));
}

char *
glmcc_pair_item_dup_description (GlmccPairItem *self)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);

  return g_strdup_printf (_("%s → %s: %s, J = %.3g, PSP = %.3g mV\n"
                            "%s → %s: %s, J = %.3g, PSP = %.3g mV\n"
                            "delay %.3g ms"),
                          self->ref_name, self->target_name,
                          glmcc_status_describe (self->forward.status),
                          self->forward.j, self->forward.psp_mv,
                          self->target_name, self->ref_name,
                          glmcc_status_describe (self->backward.status),
                          self->backward.j, self->backward.psp_mv,
                          self->forward.delay_ms);
}

static double
edge_stat (const GlmccEdge *edge)
{
  /* Wald: the threshold |J| must pass; LR: the statistic 2·D. */
  return isnan (edge->threshold) ? edge->statistic : edge->threshold;
}

/* Sort key: significant first (by strength), then the failures, then not significant. */
static int
rank_of (GlmccPairItem *self)
{
  if (glmcc_pair_item_is_significant (self))
    return 3;
  if (self->forward.status == GLMCC_STATUS_NOT_SIGNIFICANT ||
      self->backward.status == GLMCC_STATUS_NOT_SIGNIFICANT)
    return 1;
  return 0;
}

static void
glmcc_pair_item_finalize (GObject *object)
{
  GlmccPairItem *self = GLMCC_PAIR_ITEM (object);

  g_clear_pointer (&self->ref_name, g_free);
  g_clear_pointer (&self->target_name, g_free);

  G_OBJECT_CLASS (glmcc_pair_item_parent_class)->finalize (object);
}

static void
glmcc_pair_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlmccPairItem *self = GLMCC_PAIR_ITEM (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_uint (value, self->ref);
      break;
    case PROP_TARGET:
      g_value_set_uint (value, self->target);
      break;
    case PROP_J_FORWARD:
      g_value_set_double (value, self->forward.j);
      break;
    case PROP_J_BACKWARD:
      g_value_set_double (value, self->backward.j);
      break;
    case PROP_PSP_FORWARD:
      g_value_set_double (value, self->forward.psp_mv);
      break;
    case PROP_PSP_BACKWARD:
      g_value_set_double (value, self->backward.psp_mv);
      break;
    case PROP_STAT_FORWARD:
      g_value_set_double (value, edge_stat (&self->forward));
      break;
    case PROP_STAT_BACKWARD:
      g_value_set_double (value, edge_stat (&self->backward));
      break;
    case PROP_DELAY:
      g_value_set_double (value, self->forward.delay_ms);
      break;
    case PROP_STRENGTH:
      g_value_set_double (value, MAX (fabs (self->forward.psp_mv), fabs (self->backward.psp_mv)));
      break;
    case PROP_RANK:
      g_value_set_int (value, rank_of (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_pair_item_class_init (GlmccPairItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glmcc_pair_item_finalize;
  object_class->get_property = glmcc_pair_item_get_property;

#define DOUBLE_PROP(id, name) \
  properties[id] = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_REF] =
    g_param_spec_uint ("ref", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_uint ("target", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  DOUBLE_PROP (PROP_J_FORWARD, "j-forward");
  DOUBLE_PROP (PROP_J_BACKWARD, "j-backward");
  DOUBLE_PROP (PROP_PSP_FORWARD, "psp-forward");
  DOUBLE_PROP (PROP_PSP_BACKWARD, "psp-backward");
  DOUBLE_PROP (PROP_STAT_FORWARD, "stat-forward");
  DOUBLE_PROP (PROP_STAT_BACKWARD, "stat-backward");
  DOUBLE_PROP (PROP_DELAY, "delay");
  DOUBLE_PROP (PROP_STRENGTH, "strength");
  properties[PROP_RANK] =
    g_param_spec_int ("rank", NULL, NULL, 0, 10, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
#undef DOUBLE_PROP
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glmcc_pair_item_init (GlmccPairItem *self)
{
}
