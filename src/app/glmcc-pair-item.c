/* glmcc-pair-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-pair-item"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-enums.h"
#include "glmcc-format.h"
#include "glmcc-pair-item.h"

struct _GlmccPairItem
{
  GObject    parent_instance;

  guint      ref;
  guint      target;
  char      *ref_name;      /* GRefString */
  char      *target_name;   /* GRefString */
  GlmccEdge  forward;
  GlmccEdge  backward;
  GlmccMark  mark_forward;
  GlmccMark  mark_backward;
  gboolean   has_note;
  guint8     truth_forward;    /* GlmccScoreOutcome; NOT_SCORED without a truth */
  guint8     truth_backward;
};

G_DEFINE_FINAL_TYPE (GlmccPairItem, glmcc_pair_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF,
  PROP_TARGET,
  PROP_REF_NAME,
  PROP_TARGET_NAME,
  PROP_J_FORWARD,
  PROP_J_BACKWARD,
  PROP_PSP_FORWARD,
  PROP_PSP_BACKWARD,
  PROP_STAT_FORWARD,
  PROP_STAT_BACKWARD,
  PROP_SIGN_FORWARD,
  PROP_SIGN_BACKWARD,
  PROP_DELAY,
  PROP_STRENGTH,
  PROP_RANK,
  PROP_STATUS_TEXT,
  PROP_DESCRIPTION,
  PROP_CURATION_FORWARD,
  PROP_CURATION_BACKWARD,
  PROP_CURATION_TEXT,
  PROP_CURATION_RANK,
  PROP_TRUTH_TEXT,
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

const char *
glmcc_mark_describe (GlmccMark mark)
{
  switch (mark)
    {
    case GLMCC_MARK_ACCEPTED:
      return _("accepted");
    case GLMCC_MARK_REJECTED:
      return _("rejected");
    case GLMCC_MARK_UNSURE:
      return _("unsure");
    case GLMCC_MARK_NONE:
    default:
      return _("not curated");
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
  self->ref_name = g_ref_string_new_intern (ref_name != NULL ? ref_name : "");
  self->target_name = g_ref_string_new_intern (target_name != NULL ? target_name : "");
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

static int
sign_of (const GlmccEdge *edge)
{
  if (edge->status != GLMCC_STATUS_SIGNIFICANT)
    return 0;
  return edge->j > 0 ? 1 : -1;
}

gboolean
glmcc_pair_item_has_sign (GlmccPairItem *self,
                          int            sign)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), FALSE);
  return sign != 0 && (sign_of (&self->forward) == sign || sign_of (&self->backward) == sign);
}

void
glmcc_pair_item_get_shown_pair (GlmccPairItem *self,
                                guint         *ref,
                                guint         *target)
{
  gboolean backward_only;

  g_return_if_fail (GLMCC_IS_PAIR_ITEM (self));

  backward_only = self->forward.status != GLMCC_STATUS_SIGNIFICANT &&
                  self->backward.status == GLMCC_STATUS_SIGNIFICANT;
  *ref = backward_only ? self->target : self->ref;
  *target = backward_only ? self->ref : self->target;
}

GlmccMark
glmcc_pair_item_get_mark (GlmccPairItem *self,
                          gboolean       forward)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), GLMCC_MARK_NONE);
  return forward ? self->mark_forward : self->mark_backward;
}

gboolean
glmcc_pair_item_has_mark (GlmccPairItem *self,
                          GlmccMark      mark)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), FALSE);
  return self->mark_forward == mark || self->mark_backward == mark;
}

void
glmcc_pair_item_set_curation (GlmccPairItem *self,
                              GlmccMark      forward,
                              GlmccMark      backward,
                              gboolean       has_note)
{
  gboolean changed = FALSE;

  g_return_if_fail (GLMCC_IS_PAIR_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->mark_forward != forward)
    {
      self->mark_forward = forward;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURATION_FORWARD]);
      changed = TRUE;
    }
  if (self->mark_backward != backward)
    {
      self->mark_backward = backward;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURATION_BACKWARD]);
      changed = TRUE;
    }
  if (self->has_note != !!has_note)
    {
      self->has_note = !!has_note;
      changed = TRUE;
    }
  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURATION_TEXT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURATION_RANK]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
glmcc_pair_item_set_truth (GlmccPairItem     *self,
                           GlmccScoreOutcome  forward,
                           GlmccScoreOutcome  backward)
{
  g_return_if_fail (GLMCC_IS_PAIR_ITEM (self));

  if (self->truth_forward == forward && self->truth_backward == backward)
    return;
  self->truth_forward = forward;
  self->truth_backward = backward;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUTH_TEXT]);
}

GlmccScoreOutcome
glmcc_pair_item_get_truth (GlmccPairItem *self,
                           gboolean       forward)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), GLMCC_SCORE_NOT_SCORED);
  return forward ? self->truth_forward : self->truth_backward;
}

/* Both directions as the core's words ("TP", "FN", …), like the status column's arrows; a
 * pair without a synapse or a detection either way is simply "TN". */
static char *
dup_truth_text (GlmccPairItem *self)
{
  if (self->truth_forward == GLMCC_SCORE_NOT_SCORED &&
      self->truth_backward == GLMCC_SCORE_NOT_SCORED)
    return g_strdup ("");
  if (self->truth_forward == GLMCC_SCORE_TRUE_NEGATIVE &&
      self->truth_backward == GLMCC_SCORE_TRUE_NEGATIVE)
    return g_strdup (glmcc_score_outcome_to_string (GLMCC_SCORE_TRUE_NEGATIVE));
  return g_strdup_printf ("→ %s  ← %s", glmcc_score_outcome_to_string (self->truth_forward),
                          glmcc_score_outcome_to_string (self->truth_backward));
}

static const char *
mark_symbol (GlmccMark mark)
{
  switch (mark)
    {
    case GLMCC_MARK_ACCEPTED:
      return "✓";
    case GLMCC_MARK_REJECTED:
      return "✗";
    case GLMCC_MARK_UNSURE:
      return "?";
    case GLMCC_MARK_NONE:
    default:
      return "·";
    }
}

static char *
dup_curation_text (GlmccPairItem *self)
{
  if (self->mark_forward == GLMCC_MARK_NONE && self->mark_backward == GLMCC_MARK_NONE &&
      !self->has_note)
    return g_strdup ("");
  return g_strdup_printf ("→ %s ← %s%s", mark_symbol (self->mark_forward),
                          mark_symbol (self->mark_backward), self->has_note ? " ✎" : "");
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
  g_autofree char *j_fwd = NULL, *j_bwd = NULL, *psp_fwd = NULL, *psp_bwd = NULL;
  g_autofree char *delay = NULL;

  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NULL);

  j_fwd = glmcc_format_number (self->forward.j, 3);
  j_bwd = glmcc_format_number (self->backward.j, 3);
  psp_fwd = glmcc_format_number (self->forward.psp_mv, 3);
  psp_bwd = glmcc_format_number (self->backward.psp_mv, 3);
  delay = glmcc_format_number (self->forward.delay_ms, 3);
  return g_strdup_printf (_("%s → %s: %s, J = %s, PSP = %s mV, %s\n"
                            "%s → %s: %s, J = %s, PSP = %s mV, %s\n"
                            "delay %s ms"),
                          self->ref_name, self->target_name,
                          glmcc_status_describe (self->forward.status), j_fwd, psp_fwd,
                          glmcc_mark_describe (self->mark_forward),
                          self->target_name, self->ref_name,
                          glmcc_status_describe (self->backward.status), j_bwd, psp_bwd,
                          glmcc_mark_describe (self->mark_backward), delay);
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

/* Sort key of the curation column: accepted, unsure, rejected, then uncurated. */
static int
curation_rank_of (GlmccPairItem *self)
{
  static const int rank[] = { 0, 3, 1, 2 };

  return MAX (rank[self->mark_forward], rank[self->mark_backward]);
}

/* The errors a user looks for first, then the hits. */
static guint
outcome_rank (GlmccScoreOutcome outcome)
{
  switch (outcome)
    {
    case GLMCC_SCORE_WRONG_SIGN:
      return 0;
    case GLMCC_SCORE_FALSE_POSITIVE:
      return 1;
    case GLMCC_SCORE_FALSE_NEGATIVE:
      return 2;
    case GLMCC_SCORE_TRUE_POSITIVE:
      return 3;
    case GLMCC_SCORE_TRUE_NEGATIVE:
      return 4;
    case GLMCC_SCORE_NOT_SCORED:
    default:
      return 5;
    }
}

/* The pair by its worse direction, then by its better one. */
static double
truth_rank_of (GlmccPairItem *self)
{
  guint forward = outcome_rank (self->truth_forward), backward = outcome_rank (self->truth_backward);

  if (self->truth_forward == GLMCC_SCORE_NOT_SCORED && self->truth_backward == GLMCC_SCORE_NOT_SCORED)
    return NAN;
  return MIN (forward, backward) * 8.0 + MAX (forward, backward);
}

double
glmcc_pair_item_get_key (GlmccPairItem   *self,
                         GlmccPairColumn  column)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), NAN);

  /* The same numbers as the properties the cells show. */
  switch (column)
    {
    case GLMCC_PAIR_COLUMN_REF:
      return self->ref;
    case GLMCC_PAIR_COLUMN_TARGET:
      return self->target;
    case GLMCC_PAIR_COLUMN_CURATION:
      return curation_rank_of (self);
    case GLMCC_PAIR_COLUMN_J_FORWARD:
      return self->forward.j;
    case GLMCC_PAIR_COLUMN_PSP_FORWARD:
      return self->forward.status == GLMCC_STATUS_SIGNIFICANT ? self->forward.psp_mv : (double) NAN;
    case GLMCC_PAIR_COLUMN_STAT_FORWARD:
      return edge_stat (&self->forward);
    case GLMCC_PAIR_COLUMN_J_BACKWARD:
      return self->backward.j;
    case GLMCC_PAIR_COLUMN_PSP_BACKWARD:
      return self->backward.status == GLMCC_STATUS_SIGNIFICANT ? self->backward.psp_mv : (double) NAN;
    case GLMCC_PAIR_COLUMN_STAT_BACKWARD:
      return edge_stat (&self->backward);
    case GLMCC_PAIR_COLUMN_DELAY:
      return self->forward.delay_ms;
    case GLMCC_PAIR_COLUMN_TRUTH:
      return truth_rank_of (self);
    case GLMCC_PAIR_COLUMN_STATUS:
    default:
      return rank_of (self);
    }
}

guint64
glmcc_pair_item_get_tie (GlmccPairItem   *self,
                         GlmccPairColumn  column)
{
  g_return_val_if_fail (GLMCC_IS_PAIR_ITEM (self), 0);

  if (column == GLMCC_PAIR_COLUMN_REF)
    return self->target;
  if (column == GLMCC_PAIR_COLUMN_TARGET)
    return self->ref;
  return ((guint64) self->ref << 32) | self->target;
}

static void
glmcc_pair_item_finalize (GObject *object)
{
  GlmccPairItem *self = GLMCC_PAIR_ITEM (object);

  g_clear_pointer (&self->ref_name, g_ref_string_release);
  g_clear_pointer (&self->target_name, g_ref_string_release);

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
    case PROP_REF_NAME:
      g_value_set_string (value, self->ref_name);
      break;
    case PROP_TARGET_NAME:
      g_value_set_string (value, self->target_name);
      break;
    case PROP_J_FORWARD:
      g_value_set_double (value, self->forward.j);
      break;
    case PROP_J_BACKWARD:
      g_value_set_double (value, self->backward.j);
      break;
    case PROP_PSP_FORWARD:
      /* A PSP exists only for a significant connection. */
      g_value_set_double (value, self->forward.status == GLMCC_STATUS_SIGNIFICANT
                                 ? self->forward.psp_mv : (double) NAN);
      break;
    case PROP_PSP_BACKWARD:
      g_value_set_double (value, self->backward.status == GLMCC_STATUS_SIGNIFICANT
                                 ? self->backward.psp_mv : (double) NAN);
      break;
    case PROP_STAT_FORWARD:
      g_value_set_double (value, edge_stat (&self->forward));
      break;
    case PROP_STAT_BACKWARD:
      g_value_set_double (value, edge_stat (&self->backward));
      break;
    case PROP_SIGN_FORWARD:
      g_value_set_int (value, sign_of (&self->forward));
      break;
    case PROP_SIGN_BACKWARD:
      g_value_set_int (value, sign_of (&self->backward));
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
    case PROP_STATUS_TEXT:
      g_value_take_string (value, glmcc_pair_item_dup_status_text (self));
      break;
    case PROP_DESCRIPTION:
      g_value_take_string (value, glmcc_pair_item_dup_description (self));
      break;
    case PROP_CURATION_FORWARD:
      g_value_set_enum (value, self->mark_forward);
      break;
    case PROP_CURATION_BACKWARD:
      g_value_set_enum (value, self->mark_backward);
      break;
    case PROP_CURATION_TEXT:
      g_value_take_string (value, dup_curation_text (self));
      break;
    case PROP_CURATION_RANK:
      g_value_set_int (value, curation_rank_of (self));
      break;
    case PROP_TRUTH_TEXT:
      g_value_take_string (value, dup_truth_text (self));
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

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define DOUBLE_PROP(id, name) \
  properties[id] = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, RO)
  properties[PROP_REF] = g_param_spec_uint ("ref", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_TARGET] = g_param_spec_uint ("target", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_REF_NAME] = g_param_spec_string ("ref-name", NULL, NULL, NULL, RO);
  properties[PROP_TARGET_NAME] = g_param_spec_string ("target-name", NULL, NULL, NULL, RO);
  DOUBLE_PROP (PROP_J_FORWARD, "j-forward");
  DOUBLE_PROP (PROP_J_BACKWARD, "j-backward");
  DOUBLE_PROP (PROP_PSP_FORWARD, "psp-forward");
  DOUBLE_PROP (PROP_PSP_BACKWARD, "psp-backward");
  DOUBLE_PROP (PROP_STAT_FORWARD, "stat-forward");
  DOUBLE_PROP (PROP_STAT_BACKWARD, "stat-backward");
  properties[PROP_SIGN_FORWARD] = g_param_spec_int ("sign-forward", NULL, NULL, -1, 1, 0, RO);
  properties[PROP_SIGN_BACKWARD] = g_param_spec_int ("sign-backward", NULL, NULL, -1, 1, 0, RO);
  DOUBLE_PROP (PROP_DELAY, "delay");
  DOUBLE_PROP (PROP_STRENGTH, "strength");
  properties[PROP_RANK] = g_param_spec_int ("rank", NULL, NULL, 0, 10, 0, RO);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, RO);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, RO);
  properties[PROP_CURATION_FORWARD] =
    g_param_spec_enum ("curation-forward", NULL, NULL, GLMCC_TYPE_MARK, GLMCC_MARK_NONE,
                       RO | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURATION_BACKWARD] =
    g_param_spec_enum ("curation-backward", NULL, NULL, GLMCC_TYPE_MARK, GLMCC_MARK_NONE,
                       RO | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURATION_TEXT] =
    g_param_spec_string ("curation-text", NULL, NULL, NULL, RO | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURATION_RANK] =
    g_param_spec_int ("curation-rank", NULL, NULL, 0, 3, 0, RO | G_PARAM_EXPLICIT_NOTIFY);
  /* How both directions compare with a ground truth (empty without one). */
  properties[PROP_TRUTH_TEXT] =
    g_param_spec_string ("truth-text", NULL, NULL, NULL, RO | G_PARAM_EXPLICIT_NOTIFY);
#undef DOUBLE_PROP
#undef RO
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glmcc_pair_item_init (GlmccPairItem *self)
{
}
