/* glmcc-neuron-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "glmcc-neuron-item"

#include "config.h"

#include "glmcc-enums.h"
#include "glmcc-neuron-item.h"

struct _GlmccNeuronItem
{
  GObject     parent_instance;

  guint       index;
  char       *name;
  guint64     n_spikes;
  double      rate;
  GlmccLabel  label;
  guint       n_excitatory_out;
  guint       n_inhibitory_out;
  gboolean    dale_violation;
};

G_DEFINE_FINAL_TYPE (GlmccNeuronItem, glmcc_neuron_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_NAME,
  PROP_N_SPIKES,
  PROP_RATE,
  PROP_LABEL,
  PROP_LABEL_ORDER,
  PROP_N_EXCITATORY_OUT,
  PROP_N_INHIBITORY_OUT,
  PROP_DALE_VIOLATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GlmccNeuronItem *
glmcc_neuron_item_new (guint       index,
                       const char *name,
                       guint64     n_spikes,
                       double      rate_hz)
{
  GlmccNeuronItem *self = g_object_new (GLMCC_TYPE_NEURON_ITEM, NULL);

  self->index = index;
  self->name = g_strdup (name);
  self->n_spikes = n_spikes;
  self->rate = rate_hz;
  return self;
}

guint
glmcc_neuron_item_get_index (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), 0);
  return self->index;
}

const char *
glmcc_neuron_item_get_name (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), NULL);
  return self->name;
}

guint64
glmcc_neuron_item_get_n_spikes (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), 0);
  return self->n_spikes;
}

double
glmcc_neuron_item_get_rate (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), 0.0);
  return self->rate;
}

GlmccLabel
glmcc_neuron_item_get_label (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), GLMCC_LABEL_UNKNOWN);
  return self->label;
}

gboolean
glmcc_neuron_item_get_dale_violation (GlmccNeuronItem *self)
{
  g_return_val_if_fail (GLMCC_IS_NEURON_ITEM (self), FALSE);
  return self->dale_violation;
}

void
glmcc_neuron_item_set_cell_type (GlmccNeuronItem *self,
                                 GlmccLabel       label,
                                 guint            n_excitatory_out,
                                 guint            n_inhibitory_out,
                                 gboolean         dale_violation)
{
  g_return_if_fail (GLMCC_IS_NEURON_ITEM (self));

  dale_violation = !!dale_violation;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->label != label)
    {
      self->label = label;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_ORDER]);
    }
  if (self->n_excitatory_out != n_excitatory_out)
    {
      self->n_excitatory_out = n_excitatory_out;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXCITATORY_OUT]);
    }
  if (self->n_inhibitory_out != n_inhibitory_out)
    {
      self->n_inhibitory_out = n_inhibitory_out;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INHIBITORY_OUT]);
    }
  if (self->dale_violation != dale_violation)
    {
      self->dale_violation = dale_violation;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DALE_VIOLATION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
glmcc_neuron_item_finalize (GObject *object)
{
  GlmccNeuronItem *self = GLMCC_NEURON_ITEM (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (glmcc_neuron_item_parent_class)->finalize (object);
}

static void
glmcc_neuron_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlmccNeuronItem *self = GLMCC_NEURON_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_SPIKES:
      g_value_set_uint64 (value, self->n_spikes);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_LABEL:
      g_value_set_enum (value, self->label);
      break;
    case PROP_LABEL_ORDER:
      /* Sorters compare numbers, not enums. */
      g_value_set_int (value, (int) self->label);
      break;
    case PROP_N_EXCITATORY_OUT:
      g_value_set_uint (value, self->n_excitatory_out);
      break;
    case PROP_N_INHIBITORY_OUT:
      g_value_set_uint (value, self->n_inhibitory_out);
      break;
    case PROP_DALE_VIOLATION:
      g_value_set_boolean (value, self->dale_violation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_neuron_item_class_init (GlmccNeuronItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glmcc_neuron_item_finalize;
  object_class->get_property = glmcc_neuron_item_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SPIKES] =
    g_param_spec_uint64 ("n-spikes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_enum ("label", NULL, NULL, GLMCC_TYPE_LABEL, GLMCC_LABEL_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL_ORDER] =
    g_param_spec_int ("label-order", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EXCITATORY_OUT] =
    g_param_spec_uint ("n-excitatory-out", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_INHIBITORY_OUT] =
    g_param_spec_uint ("n-inhibitory-out", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DALE_VIOLATION] =
    g_param_spec_boolean ("dale-violation", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glmcc_neuron_item_init (GlmccNeuronItem *self)
{
}
