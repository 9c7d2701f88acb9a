/* glmcc-window-private.h: the window's state, shared by its source files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-correlogram-view.h"
#include "glmcc-graph-page.h"
#include "glmcc-neuron-list.h"
#include "glmcc-pair-table.h"
#include "glmcc-param-panel.h"
#include "glmcc-toast-queue.h"
#include "glmcc-window.h"

G_BEGIN_DECLS

struct _GlmccWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GMenu                *recent_section;
  GMenu                *history_section;
  GMenuModel           *curation_menu;
  GtkRevealer          *loading_revealer;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  GtkProgressBar       *loading_progress;
  GtkStack             *main_stack;
  GtkWidget            *demo_button;
  AdwFlap              *neuron_flap;
  AdwFlap              *param_flap;
  GlmccNeuronList      *neuron_list;
  GtkLabel             *recording_info_label;
  GtkRevealer          *recording_revealer;
  GtkLabel             *recording_label;
  GtkRevealer          *stale_revealer;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkDropDown          *ref_dropdown;
  GtkDropDown          *target_dropdown;
  GtkSpinner           *fit_spinner;
  GtkLabel             *fit_time_label;
  GtkToggleButton      *unit_count_button;
  GtkToggleButton      *unit_rate_button;
  AdwViewStack         *view_stack;
  GtkStack             *figure_stack;
  AdwStatusPage        *invalid_page;
  AdwStatusPage        *unavailable_page;
  GlmccCorrelogramView *correlogram_view;
  GtkLabel             *readout_label;
  GtkStack             *matrix_stack;
  GtkStack             *network_stack;
  GlmccGraphPage       *matrix_page;
  GlmccGraphPage       *network_page;
  GlmccPairTable       *pair_table;
  GlmccParamPanel      *param_panel;

  /* The pages' views */
  GlmccGraphView       *matrix_view;
  GlmccGraphView       *network_view;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;      /* cancelled when the window goes */
  GlmccToastQueue      *toasts;
  GlmccSession         *session;
  GtkStringList        *name_list;
  GError               *input_error;      /* a parameter refused before it reached the panel */

  /* State */
  guint                 loading_pulse_id;
  gint64                loading_since;
  guint                 graph_update_id;
  gint64                graph_updated_at;
  gboolean              updating;
  gboolean              updating_focus;
  gboolean              close_confirmed;
  gboolean              analyse_on_open;
};

/* What to do once a question about unsaved work is answered (TRUE: go on). */
typedef void (*GlmccWindowContinue) (GlmccWindow *self,
                                     gboolean     proceed,
                                     gpointer     user_data);

/* glmcc-window.c */
void     _glmcc_window_toast              (GlmccWindow         *self,
                                           const char          *text);
void     _glmcc_window_show_error         (GlmccWindow         *self,
                                           const char          *heading,
                                           const char          *body);
void     _glmcc_window_update_figure      (GlmccWindow         *self);
/* The figures follow the pairs the table lists (when the user has them do so). */
void     _glmcc_window_update_table_mask  (GlmccWindow         *self);
void     _glmcc_window_step_pair          (GlmccWindow         *self,
                                           int                  direction,
                                           gboolean             significant_only);
gboolean _glmcc_window_export_figure      (GlmccWindow         *self,
                                           const char          *path,
                                           GlmccPlotFormat      format,
                                           double               width_pt,
                                           double               height_pt,
                                           double               dpi,
                                           GError             **error);
/* The figure on the visible page as a file would get it, or NULL with an error saying why. */
GlmccFigure *_glmcc_window_dup_figure     (GlmccWindow         *self,
                                           GError             **error);
void     _glmcc_window_update_recent_menu (GlmccWindow         *self);
void     _glmcc_window_add_recent         (GlmccWindow         *self,
                                           const char          *path);
/* The view state (page, unit, filters) to save with the analysis, and back. */
void     _glmcc_window_store_view_state   (GlmccWindow         *self);
void     _glmcc_window_apply_view_state   (GlmccWindow         *self);

/* glmcc-window-actions.c */
void     _glmcc_window_class_actions_init (GtkWidgetClass      *widget_class);
/* glmcc-window-compare.c: ground truth, score and planner */
void     _glmcc_window_class_compare_actions_init (GtkWidgetClass *widget_class);
void     _glmcc_window_update_compare_actions     (GlmccWindow    *self);
void     _glmcc_window_update_actions     (GlmccWindow         *self);
/* Connects the controls (panel, dropdowns, views, keys) to the session. */
void     _glmcc_window_connect_controls   (GlmccWindow         *self);

/* glmcc-window-open.c */
void     _glmcc_window_add_drop_target    (GlmccWindow         *self);

/* glmcc-window-dialogs.c */
/* Asks about unsaved work before @what ("close", …) throws it away: Save, Discard or Cancel.
 * Calls @next at once when nothing is unsaved. */
void     _glmcc_window_confirm_discard    (GlmccWindow         *self,
                                           const char          *heading,
                                           GlmccWindowContinue  next,
                                           gpointer             user_data);
/* Saves (asking for a file when there is none yet, or always with @choose_file); @next hears
 * whether it was saved. */
void     _glmcc_window_save               (GlmccWindow         *self,
                                           gboolean             choose_file,
                                           GlmccWindowContinue  next,
                                           gpointer             user_data);
void     _glmcc_window_ask_sample_rate    (GlmccWindow         *self,
                                           GFile               *file,
                                           const GlmccLoadOptions *options,
                                           const char          *message);
void     _glmcc_window_locate_recording   (GlmccWindow         *self);
void     _glmcc_window_report_recording   (GlmccWindow         *self);
void     _glmcc_window_edit_note          (GlmccWindow         *self);

/* Test hooks */
gboolean _glmcc_window_is_loading         (GlmccWindow         *self);

G_END_DECLS
