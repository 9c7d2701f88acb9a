/* glmcc-history.c: undo and redo of a session's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of entries and a position: entries before it are applied, after it undone. The
 * history only records; the session applies an entry's old or new state. It is saved with the
 * analysis, so undo still works after a reopen.
 */
#define G_LOG_DOMAIN "glmcc-history"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "glmcc-error.h"
#include "glmcc-history.h"

/* Steps of one slider drag closer than this merge into one undo step. */
#define MERGE_INTERVAL_US (G_USEC_PER_SEC)

struct _GlmccHistory
{
  GObject    parent_instance;

  GPtrArray *entries;    /* GlmccHistoryEntry */
  guint      position;   /* entries[0 … position−1] are applied */
  char      *undo_label;
  char      *redo_label;
};

G_DEFINE_FINAL_TYPE (GlmccHistory, glmcc_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Entries ------------------------------------------------------------------------------------- */

static GlmccHistoryEntry *
entry_new (GlmccHistoryKind kind)
{
  GlmccHistoryEntry *entry = g_new0 (GlmccHistoryEntry, 1);

  entry->kind = kind;
  entry->time_us = g_get_monotonic_time ();
  glmcc_params_init (&entry->old_params);
  glmcc_params_init (&entry->new_params);
  return entry;
}

GlmccHistoryEntry *
glmcc_history_entry_new_mark (guint       pre,
                              guint       post,
                              const char *pre_name,
                              const char *post_name,
                              GlmccMark   old_mark,
                              GlmccMark   new_mark)
{
  GlmccHistoryEntry *entry = entry_new (GLMCC_HISTORY_MARK);

  entry->pre = pre;
  entry->post = post;
  entry->pre_name = g_strdup (pre_name);
  entry->post_name = g_strdup (post_name);
  entry->old_mark = old_mark;
  entry->new_mark = new_mark;
  return entry;
}

GlmccHistoryEntry *
glmcc_history_entry_new_note (guint       pre,
                              guint       post,
                              const char *pre_name,
                              const char *post_name,
                              const char *old_note,
                              const char *new_note)
{
  GlmccHistoryEntry *entry = entry_new (GLMCC_HISTORY_NOTE);

  entry->pre = pre;
  entry->post = post;
  entry->pre_name = g_strdup (pre_name);
  entry->post_name = g_strdup (post_name);
  entry->old_note = g_strdup (old_note);
  entry->new_note = g_strdup (new_note);
  return entry;
}

GlmccHistoryEntry *
glmcc_history_entry_new_params (const GlmccParams *old_params,
                                const GlmccParams *new_params)
{
  GlmccHistoryEntry *entry = entry_new (GLMCC_HISTORY_PARAMS);

  entry->old_params = *old_params;
  entry->new_params = *new_params;
  return entry;
}

void
glmcc_history_entry_free (GlmccHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->pre_name);
  g_free (entry->post_name);
  g_free (entry->old_note);
  g_free (entry->new_note);
  g_free (entry);
}

/* Which single parameter differs, as the panel names it; NULL when several or none do. */
static const char *
changed_parameter (const GlmccParams *a,
                   const GlmccParams *b)
{
  const char *name = NULL;
  guint n = 0;
  const double *da, *db;
  guint na = glmcc_params_get_delays (a, &da);
  guint nb = glmcc_params_get_delays (b, &db);
  gboolean delays_differ = a->mode != b->mode || na != nb;

  for (guint i = 0; !delays_differ && i < na; i++)
    delays_differ = da[i] != db[i];

#define CHECK(cond, label) G_STMT_START { if (cond) { name = label; n++; } } G_STMT_END
  CHECK (glmcc_params_get_gamma (a) != glmcc_params_get_gamma (b), _("Smoothness γ"));
  CHECK (a->tau_ms != b->tau_ms, _("Time Constant τ"));
  CHECK (delays_differ, _("Synaptic Delay"));
  CHECK (a->window_ms != b->window_ms, _("Half Window"));
  CHECK (a->bin_ms != b->bin_ms, _("Bin Width"));
  CHECK (a->exclude_center_ms != b->exclude_center_ms, _("Excluded Centre"));
  CHECK (a->test != b->test, _("Test"));
  CHECK (glmcc_params_get_alpha (a) != glmcc_params_get_alpha (b), _("Level α"));
#undef CHECK
  return n == 1 ? name : NULL;
}

char *
glmcc_history_entry_describe (const GlmccHistoryEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  switch (entry->kind)
    {
    case GLMCC_HISTORY_MARK:
      switch (entry->new_mark)
        {
        case GLMCC_MARK_ACCEPTED:
          /* Translators: an undo step, "Accept cell3 → cell7". */
          return g_strdup_printf (_("Accept %s → %s"), entry->pre_name, entry->post_name);
        case GLMCC_MARK_REJECTED:
          return g_strdup_printf (_("Reject %s → %s"), entry->pre_name, entry->post_name);
        case GLMCC_MARK_UNSURE:
          return g_strdup_printf (_("Mark %s → %s Unsure"), entry->pre_name, entry->post_name);
        case GLMCC_MARK_NONE:
        default:
          return g_strdup_printf (_("Clear the Mark of %s → %s"), entry->pre_name,
                                  entry->post_name);
        }
    case GLMCC_HISTORY_NOTE:
      return g_strdup_printf (_("Note on %s → %s"), entry->pre_name, entry->post_name);
    case GLMCC_HISTORY_PARAMS:
    default:
      {
        const char *name = changed_parameter (&entry->old_params, &entry->new_params);

        if (name == NULL)
          return g_strdup (_("Parameter Changes"));
        /* Translators: an undo step, "Change Smoothness γ". */
        return g_strdup_printf (_("Change %s"), name);
      }
    }
}

/* The history ------------------------------------------------------------------------------- */

static void
update_labels (GlmccHistory *self)
{
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  gboolean could_undo = self->undo_label != NULL;
  gboolean could_redo = self->redo_label != NULL;

  if (self->position > 0)
    {
      g_autofree char *what = glmcc_history_entry_describe (self->entries->pdata[self->position - 1]);

      /* Translators: the Undo menu item, "Undo Accept cell3 → cell7". */
      undo = g_strdup_printf (_("Undo %s"), what);
    }
  if (self->position < self->entries->len)
    {
      g_autofree char *what = glmcc_history_entry_describe (self->entries->pdata[self->position]);

      /* Translators: the Redo menu item, "Redo Accept cell3 → cell7". */
      redo = g_strdup_printf (_("Redo %s"), what);
    }

  if (g_strcmp0 (undo, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  if (could_undo != (self->undo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

GlmccHistory *
glmcc_history_new (void)
{
  return g_object_new (GLMCC_TYPE_HISTORY, NULL);
}

void
glmcc_history_push (GlmccHistory      *self,
                    GlmccHistoryEntry *entry)
{
  g_return_if_fail (GLMCC_IS_HISTORY (self));
  g_return_if_fail (entry != NULL);

  if (self->position < self->entries->len)
    g_ptr_array_remove_range (self->entries, self->position,
                              self->entries->len - self->position);

  if (entry->kind == GLMCC_HISTORY_PARAMS && self->position > 0)
    {
      GlmccHistoryEntry *last = self->entries->pdata[self->position - 1];

      /* One drag of a slider is one step, not fifty. */
      if (last->kind == GLMCC_HISTORY_PARAMS &&
          entry->time_us - last->time_us < MERGE_INTERVAL_US &&
          changed_parameter (&last->old_params, &entry->new_params) != NULL &&
          g_strcmp0 (changed_parameter (&last->old_params, &last->new_params),
                     changed_parameter (&entry->old_params, &entry->new_params)) == 0)
        {
          last->new_params = entry->new_params;
          last->time_us = entry->time_us;
          glmcc_history_entry_free (entry);
          if (glmcc_params_equal (&last->old_params, &last->new_params))
            {
              g_ptr_array_remove_index (self->entries, self->position - 1);
              self->position--;
            }
          update_labels (self);
          return;
        }
    }

  g_ptr_array_add (self->entries, entry);
  self->position = self->entries->len;
  update_labels (self);
}

const GlmccHistoryEntry *
glmcc_history_undo (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);

  if (self->position == 0)
    return NULL;
  self->position--;
  update_labels (self);
  return self->entries->pdata[self->position];
}

const GlmccHistoryEntry *
glmcc_history_redo (GlmccHistory *self)
{
  const GlmccHistoryEntry *entry;

  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);

  if (self->position >= self->entries->len)
    return NULL;
  entry = self->entries->pdata[self->position];
  self->position++;
  update_labels (self);
  return entry;
}

gboolean
glmcc_history_can_undo (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), FALSE);
  return self->position > 0;
}

gboolean
glmcc_history_can_redo (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), FALSE);
  return self->position < self->entries->len;
}

const char *
glmcc_history_get_undo_label (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);
  return self->undo_label;
}

const char *
glmcc_history_get_redo_label (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);
  return self->redo_label;
}

guint
glmcc_history_get_n_entries (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), 0);
  return self->entries->len;
}

guint
glmcc_history_get_position (GlmccHistory *self)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), 0);
  return self->position;
}

const GlmccHistoryEntry *
glmcc_history_get_entry (GlmccHistory *self,
                         guint         index)
{
  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return self->entries->pdata[index];
}

void
glmcc_history_clear (GlmccHistory *self)
{
  g_return_if_fail (GLMCC_IS_HISTORY (self));

  g_ptr_array_set_size (self->entries, 0);
  self->position = 0;
  update_labels (self);
}

/* Saving ------------------------------------------------------------------------------------ */

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_double_value (builder, value);
}

JsonNode *
glmcc_history_params_to_json (const GlmccParams *params)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (params != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, glmcc_mode_to_string (params->mode));
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, glmcc_test_to_string (params->test));
  add_number (builder, "window_ms", params->window_ms);
  add_number (builder, "bin_ms", params->bin_ms);
  add_number (builder, "tau_ms", params->tau_ms);
  /* 0 keeps meaning "the method's default for the test". */
  add_number (builder, "gamma", params->gamma);
  add_number (builder, "alpha", params->alpha);
  add_number (builder, "exclude_center_ms", params->exclude_center_ms);
  add_number (builder, "fixed_delay_ms", params->sim_delay_ms);
  json_builder_set_member_name (builder, "delays_ms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < params->n_delays; i++)
    json_builder_add_double_value (builder, params->delays_ms[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "compat");
  json_builder_add_string_value (builder, params->compat_reference ? "reference" : "none");
  /* The detection method and its settings, and the FDR level (0: decide by α). */
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, glmcc_method_to_string (params->method));
  add_number (builder, "fdr", params->fdr);
  add_number (builder, "surrogates", params->surrogates);
  add_number (builder, "jitter_width_ms", params->jitter_width_ms);
  add_number (builder, "seed", params->seed);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static double
get_number (JsonObject *object,
            const char *key,
            double      fallback)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_double (node);
}

gboolean
glmcc_history_params_from_json (JsonNode    *node,
                                GlmccParams *params)
{
  JsonObject *object;
  JsonArray *delays;
  const char *mode, *test;

  g_return_val_if_fail (params != NULL, FALSE);

  glmcc_params_init (params);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  mode = json_object_get_string_member_with_default (object, "mode", "exp");
  test = json_object_get_string_member_with_default (object, "test", "wald");
  params->mode = g_str_equal (mode, "sim") ? GLMCC_MODE_SIM : GLMCC_MODE_EXP;
  params->test = g_str_equal (test, "lr") ? GLMCC_TEST_LR : GLMCC_TEST_WALD;
  params->window_ms = get_number (object, "window_ms", params->window_ms);
  params->bin_ms = get_number (object, "bin_ms", params->bin_ms);
  params->tau_ms = get_number (object, "tau_ms", params->tau_ms);
  params->gamma = get_number (object, "gamma", params->gamma);
  params->alpha = get_number (object, "alpha", params->alpha);
  params->exclude_center_ms = get_number (object, "exclude_center_ms", params->exclude_center_ms);
  params->sim_delay_ms = get_number (object, "fixed_delay_ms", params->sim_delay_ms);
  params->compat_reference =
    g_str_equal (json_object_get_string_member_with_default (object, "compat", "none"), "reference");
  /* Histories saved before the method switch have none of these: GLMCC, decided by α. */
  if (!glmcc_method_from_string (json_object_get_string_member_with_default (object, "method",
                                                                             "glmcc"),
                                 &params->method))
    params->method = GLMCC_METHOD_GLMCC;
  params->fdr = get_number (object, "fdr", 0.0);
  params->surrogates = (guint) CLAMP (get_number (object, "surrogates", 0.0), 0.0, 1e7);
  params->jitter_width_ms = get_number (object, "jitter_width_ms", 0.0);
  params->seed = (guint32) CLAMP (get_number (object, "seed", params->seed), 0.0, 4294967295.0);
  delays = json_object_has_member (object, "delays_ms")
           ? json_object_get_array_member (object, "delays_ms") : NULL;
  if (delays != NULL && json_array_get_length (delays) > 0 &&
      json_array_get_length (delays) <= GLMCC_MAX_DELAYS)
    {
      params->n_delays = json_array_get_length (delays);
      for (guint i = 0; i < params->n_delays; i++)
        params->delays_ms[i] = json_array_get_double_element (delays, i);
    }
  return glmcc_params_validate (params, NULL);
}

static void
add_name (JsonBuilder *builder,
          const char  *key,
          const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static const char *
kind_to_string (GlmccHistoryKind kind)
{
  switch (kind)
    {
    case GLMCC_HISTORY_MARK:
      return "mark";
    case GLMCC_HISTORY_NOTE:
      return "note";
    case GLMCC_HISTORY_PARAMS:
    default:
      return "parameters";
    }
}

JsonNode *
glmcc_history_to_json (GlmccHistory *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GLMCC_IS_HISTORY (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, self->position);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const GlmccHistoryEntry *entry = self->entries->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind_to_string (entry->kind));
      switch (entry->kind)
        {
        case GLMCC_HISTORY_MARK:
          add_name (builder, "pre", entry->pre_name);
          add_name (builder, "post", entry->post_name);
          add_name (builder, "old", glmcc_mark_to_string (entry->old_mark));
          add_name (builder, "new", glmcc_mark_to_string (entry->new_mark));
          break;
        case GLMCC_HISTORY_NOTE:
          add_name (builder, "pre", entry->pre_name);
          add_name (builder, "post", entry->post_name);
          add_name (builder, "old", entry->old_note);
          add_name (builder, "new", entry->new_note);
          break;
        case GLMCC_HISTORY_PARAMS:
        default:
          json_builder_set_member_name (builder, "old");
          json_builder_add_value (builder, glmcc_history_params_to_json (&entry->old_params));
          json_builder_set_member_name (builder, "new");
          json_builder_add_value (builder, glmcc_history_params_to_json (&entry->new_params));
          break;
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
find_name (const char * const *names,
           const char         *name)
{
  for (guint i = 0; names != NULL && names[i] != NULL && name != NULL; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

static const char *
string_member (JsonObject *object,
               const char *key)
{
  return json_object_get_string_member_with_default (object, key, NULL);
}

gboolean
glmcc_history_load_json (GlmccHistory        *self,
                         JsonNode            *node,
                         const char * const  *names,
                         GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) glmcc_history_entry_free);
  JsonObject *object;
  JsonArray *array;
  gint64 position;

  g_return_val_if_fail (GLMCC_IS_HISTORY (self), FALSE);

#define BAD(...) G_STMT_START { \
    g_set_error (error, GLMCC_ERROR, GLMCC_ERROR_PARSE, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    BAD ("the undo history is not an object");
  object = json_node_get_object (node);
  array = json_object_has_member (object, "entries")
          ? json_object_get_array_member (object, "entries") : NULL;
  if (array == NULL)
    BAD ("the undo history has no entries");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      const char *kind;
      GlmccHistoryEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        BAD ("undo step %u is not an object", i);
      item = json_node_get_object (element);
      kind = json_object_get_string_member_with_default (item, "kind", "");
      if (g_str_equal (kind, "mark") || g_str_equal (kind, "note"))
        {
          int pre = find_name (names, string_member (item, "pre"));
          int post = find_name (names, string_member (item, "post"));

          if (pre < 0 || post < 0 || pre == post)
            BAD ("undo step %u names unknown neurons", i);
          if (g_str_equal (kind, "mark"))
            {
              GlmccMark old_mark, new_mark;

              if (!glmcc_mark_from_string (string_member (item, "old"), &old_mark) ||
                  !glmcc_mark_from_string (string_member (item, "new"), &new_mark))
                BAD ("undo step %u has an unknown mark", i);
              entry = glmcc_history_entry_new_mark (pre, post, names[pre], names[post],
                                                    old_mark, new_mark);
            }
          else
            entry = glmcc_history_entry_new_note (pre, post, names[pre], names[post],
                                                  string_member (item, "old"),
                                                  string_member (item, "new"));
        }
      else if (g_str_equal (kind, "parameters"))
        {
          GlmccParams old_params, new_params;

          if (!glmcc_history_params_from_json (json_object_get_member (item, "old"), &old_params) ||
              !glmcc_history_params_from_json (json_object_get_member (item, "new"), &new_params))
            BAD ("undo step %u has invalid parameters", i);
          entry = glmcc_history_entry_new_params (&old_params, &new_params);
        }
      else
        BAD ("undo step %u is of an unknown kind '%s'", i, kind);
      /* A reopened step never merges with a new one. */
      entry->time_us = 0;
      g_ptr_array_add (entries, entry);
    }
  position = json_object_get_int_member_with_default (object, "position", entries->len);
  if (position < 0 || position > (gint64) entries->len)
    BAD ("the undo history's position %" G_GINT64_FORMAT " is outside its %u steps", position,
         entries->len);
#undef BAD

  g_ptr_array_unref (self->entries);
  self->entries = g_steal_pointer (&entries);
  self->position = (guint) position;
  update_labels (self);
  return TRUE;
}

/* GObject ------------------------------------------------------------------------------------ */

static void
glmcc_history_finalize (GObject *object)
{
  GlmccHistory *self = GLMCC_HISTORY (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (glmcc_history_parent_class)->finalize (object);
}

static void
glmcc_history_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlmccHistory *self = GLMCC_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, glmcc_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, glmcc_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glmcc_history_class_init (GlmccHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glmcc_history_finalize;
  object_class->get_property = glmcc_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glmcc_history_init (GlmccHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) glmcc_history_entry_free);
}
