/* glmcc-window-private.h: the window's state, shared by its source files and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "glmcc-analysis.h"
#include "glmcc-correlogram-view.h"
#include "glmcc-graph-view.h"
#include "glmcc-pair-fitter.h"
#include "glmcc-param-panel.h"
#include "glmcc-plot-data.h"
#include "glmcc-window.h"

G_BEGIN_DECLS

struct _GlmccWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GMenu                *recent_section;
  GtkRevealer          *loading_revealer;
  GtkSpinner           *loading_spinner;
  GtkLabel             *loading_label;
  GtkProgressBar       *loading_progress;
  GtkStack             *main_stack;
  GtkWidget            *demo_button;
  AdwFlap              *neuron_flap;
  AdwFlap              *param_flap;
  GtkPaned             *center_paned;
  GtkLabel             *neuron_count_label;
  GtkColumnView        *neuron_view;
  GtkLabel             *recording_info_label;
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
  GlmccCorrelogramView *correlogram_view;
  GtkLabel             *readout_label;
  GtkStack             *matrix_stack;
  GtkStack             *network_stack;
  GlmccGraphView       *matrix_view;
  GlmccGraphView       *network_view;
  GtkLabel             *matrix_readout_label;
  GtkLabel             *network_readout_label;
  GtkSearchEntry       *pair_search;
  GtkDropDown          *pair_filter;
  GtkLabel             *pair_count_label;
  GtkStack             *pair_table_stack;
  GtkColumnView        *pair_view;
  GlmccParamPanel      *param_panel;

  /* Owned references */
  GSettings            *settings;
  GCancellable         *cancellable;      /* cancelled when the window goes */
  GlmccRecording       *source;           /* as loaded */
  GlmccRecording       *recording;        /* the analysed epoch of it */
  double                extent_s;         /* last spike of the source, seconds */
  char                 *path;
  GlmccPairFitter      *fitter;
  GlmccAnalysis        *analysis;         /* the running or last all-pairs run */
  GListStore           *neuron_store;
  GListStore           *pair_store;
  GtkStringList        *name_list;
  GtkCustomFilter      *pair_custom_filter;
  GtkFilterListModel   *pair_filter_model;
  GtkSortListModel     *pair_sort_model;
  GtkSingleSelection   *pair_selection;
  GtkSingleSelection   *neuron_selection;
  GHashTable           *pair_items;       /* i·n + j (i < j) → GlmccPairItem, borrowed */
  char                **names;
  double               *psp;              /* n × n, NAN until analysed */
  GlmccPlotNodeType    *types;
  GlmccNetworkPlot      graph;            /* over names/psp/types while a run goes on */
  GlmccNetworkPlotData *graph_data;      /* from the results once the run is over */
  guint                 loading_pulse_id;
  gint64                loading_since;
  guint                 load_serial;

  /* State */
  GlmccParams           params;
  gboolean              params_valid;
  guint                 ref;
  guint                 target;
  gboolean              has_pair;
  gboolean              updating;
  guint                 analysis_hold_after;  /* test hook, see _glmcc_window_set_analysis_hold */
};

/* glmcc-window.c */
void           _glmcc_window_set_pair           (GlmccWindow   *self,
                                                 guint          ref,
                                                 guint          target);
void           _glmcc_window_step_pair          (GlmccWindow   *self,
                                                 int            direction,
                                                 gboolean       significant_only);
void           _glmcc_window_start_analysis     (GlmccWindow   *self);
void           _glmcc_window_cancel_analysis    (GlmccWindow   *self);
void           _glmcc_window_toast              (GlmccWindow   *self,
                                                 const char    *text);
void           _glmcc_window_show_error         (GlmccWindow   *self,
                                                 const char    *heading,
                                                 const char    *body);
gboolean       _glmcc_window_export_figure      (GlmccWindow   *self,
                                                 const char    *path,
                                                 int            format,
                                                 double         width_pt,
                                                 double         height_pt,
                                                 double         dpi,
                                                 GError       **error);
gboolean       _glmcc_window_export_results     (GlmccWindow   *self,
                                                 const char    *path,
                                                 GError       **error);
void           _glmcc_window_update_recent_menu (GlmccWindow   *self);

/* glmcc-window-actions.c */
void           _glmcc_window_class_actions_init (GtkWidgetClass *widget_class);
void           _glmcc_window_update_actions     (GlmccWindow    *self);

/* Test hooks */
gboolean       _glmcc_window_is_loading         (GlmccWindow   *self);
GlmccRecording *_glmcc_window_get_recording     (GlmccWindow   *self);
GListModel    *_glmcc_window_get_pair_model     (GlmccWindow   *self);   /* the table's rows, sorted and filtered */
GListStore    *_glmcc_window_get_pair_store     (GlmccWindow   *self);   /* every analysed pair */
GlmccPairFitter *_glmcc_window_get_fitter       (GlmccWindow   *self);
GlmccCorrelogramView *_glmcc_window_get_correlogram_view (GlmccWindow *self);
GlmccParamPanel *_glmcc_window_get_param_panel  (GlmccWindow   *self);
GlmccAnalysis *_glmcc_window_get_analysis       (GlmccWindow   *self);
gboolean       _glmcc_window_is_stale           (GlmccWindow   *self);
void           _glmcc_window_set_analysis_hold  (GlmccWindow   *self,
                                                 guint          n_slices);
void           _glmcc_window_select_row         (GlmccWindow   *self,
                                                 guint          position);

G_END_DECLS
