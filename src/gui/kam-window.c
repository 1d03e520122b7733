/* kam-window.c — the main window: views, global search, first run
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kam-accounts-view.h"
#include "kam-dashboard-view.h"
#include "kam-drill.h"
#include "kam-pipeline-view.h"
#include "kam-generate.h"
#include "kam-import-dialog.h"
#include "kam-visits-view.h"
#include "kam-sync-indicator.h"
#include "kam-review-setup.h"
#include "kam-window.h"

#define SEARCH_LIMIT 50

struct _KamWindow
{
  AdwApplicationWindow  parent_instance;

  KamContext           *context;
  GCancellable         *cancellable;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkStack             *search_stack;
  GtkListBox           *search_list;
  KamAccountsView      *accounts_view;
  KamPipelineView      *pipeline_view;
  KamDashboardView     *dashboard_view;
  KamVisitsView        *visits_view;
  gboolean              visits_ready;     /* the view has its context (it was shown) */
  gboolean              pipeline_ready;
  gboolean              dashboard_ready;
  AdwStatusPage        *error_page;
  GtkWidget            *sample_button;
  GtkLabel             *sample_status;
  GtkProgressBar       *sample_progress;
};

G_DEFINE_FINAL_TYPE (KamWindow, kam_window, ADW_TYPE_APPLICATION_WINDOW)

/* Global search ----------------------------------------------------------- */

static GtkWidget *
search_row_new (const KamSearchHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (hit->kind == &kam_account_kind
                                                  ? "kam-accounts-symbolic"
                                                  : "avatar-default-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hit->subtitle ? hit->subtitle : "");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hit->kind == &kam_account_kind ? _("Account") : _("Contact"), -1);

  g_object_set_data_full (G_OBJECT (row), "kam-id", g_strdup (hit->id), g_free);
  g_object_set_data (G_OBJECT (row), "kam-kind", (gpointer) hit->kind);
  return row;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
search_changed_cb (KamWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_list))) != NULL)
    gtk_list_box_remove (self->search_list, child);

  if (self->context == NULL || is_blank (text))
    {
      gtk_stack_set_visible_child_name (self->content_stack, "views");
      return;
    }

  hits = kam_store_search (kam_context_get_store (self->context), text, SEARCH_LIMIT, &error);
  if (hits == NULL)
    {
      kam_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->search_list, search_row_new (g_ptr_array_index (hits, i)));

  gtk_stack_set_visible_child_name (self->search_stack, hits->len > 0 ? "results" : "empty");
  gtk_stack_set_visible_child_name (self->content_stack, "search");
}

static void
open_hit (KamWindow           *self,
          const KamRecordKind *kind,
          const char          *id)
{
  g_autofree char *account_id = NULL;

  if (kind == &kam_contact_kind)
    {
      g_autoptr(KamRecord) contact = kam_store_load (kam_context_get_store (self->context),
                                                     &kam_contact_kind, id, NULL);
      if (contact == NULL)
        return;
      account_id = g_strdup (kam_record_get_string (contact, "account_id"));
    }
  else
    account_id = g_strdup (id);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  kam_accounts_view_show_account (self->accounts_view, account_id);
}

static void
search_row_activated_cb (KamWindow     *self,
                         GtkListBoxRow *row)
{
  open_hit (self, g_object_get_data (G_OBJECT (row), "kam-kind"),
            g_object_get_data (G_OBJECT (row), "kam-id"));
}

static void
search_activate_cb (KamWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->search_list, 0);

  if (first != NULL)
    search_row_activated_cb (self, first);
}

static void
search_stopped_cb (KamWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->content_stack, "views");
}

/* First run ---------------------------------------------------------------- */

static gboolean
wants_welcome (KamWindow *self)
{
  KamStore *store = kam_context_get_store (self->context);
  g_autofree char *done = kam_store_get_setting (store, "welcome-done", "0");

  return !g_str_equal (done, "1")
         && kam_store_count (store, &kam_account_kind) == 0
         && kam_store_count (store, &kam_member_kind) == 0;
}

static void
finish_welcome (KamWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!kam_store_set_setting (kam_context_get_store (self->context), "welcome-done", "1", &error))
    kam_window_add_toast (self, adw_toast_new (error->message));
  gtk_stack_set_visible_child_name (self->main_stack, "main");
}

typedef struct {
  GWeakRef  window;
  double    fraction;
} Progress;

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(KamWindow) self = g_weak_ref_get (&progress->window);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->sample_progress, progress->fraction);
  g_weak_ref_clear (&progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
generate_progress_cb (double   fraction,
                      gpointer data)
{
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->window, data);
  progress->fraction = fraction;
  g_idle_add (show_progress_cb, progress);
}

/* Runs in a worker thread with a connection of its own. */
static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(KamStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KamGenerateOptions options;

  store = kam_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  kam_generate_options_init (&options);
  options.n_accounts = 300;
  if (!kam_generate (store, &options, generate_progress_cb, source_object, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
generate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KamWindow *self = KAM_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sample_progress), FALSE);
  gtk_widget_set_sensitive (self->sample_button, TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->sample_status, error->message);
      return;
    }

  /* The worker wrote through its own connection: tell our views. */
  kam_store_notify_external_change (kam_context_get_store (self->context));
  finish_welcome (self);
  kam_window_add_toast (self, adw_toast_new (_("Sample portfolio loaded: 300 fictional accounts")));
}

static void
load_sample_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  gtk_widget_set_sensitive (self->sample_button, FALSE);
  gtk_label_set_text (self->sample_status, _("Making a sample portfolio of 300 fictional accounts…"));
  gtk_widget_set_visible (GTK_WIDGET (self->sample_status), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_progress), TRUE);
  gtk_progress_bar_set_fraction (self->sample_progress, 0);

  task = g_task_new (self, self->cancellable, generate_done_cb, NULL);
  g_task_set_source_tag (task, load_sample_activated);
  g_task_set_task_data (task, g_strdup (kam_store_get_path (kam_context_get_store (self->context))), g_free);
  g_task_run_in_thread (task, generate_thread);
}

static void
start_empty_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  finish_welcome (KAM_WINDOW (widget));
}

static void
new_account_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);

  if (self->context == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    finish_welcome (self);
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  kam_accounts_view_new_account (self->accounts_view);
}

static void
undelete_account_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->content_stack, "views");
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
  kam_accounts_view_undelete (self->accounts_view, g_variant_get_string (parameter, NULL));
}

/* Links into the other views: the page is shown first, which gives its view
 * the context (view_shown_cb). */
static gboolean
show_view (KamWindow  *self,
           const char *name)
{
  if (self->context == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "views");
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}

static void
link_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  gboolean visits = g_str_equal (action_name, "win.show-visit") || g_str_equal (action_name, "win.new-visit");

  if (!show_view (self, visits ? "visits" : "pipeline"))
    return;
  if (g_str_equal (action_name, "win.show-visit"))
    kam_visits_view_show_visit (self->visits_view, id);
  else if (g_str_equal (action_name, "win.new-visit"))
    kam_visits_view_new_visit (self->visits_view, *id != '\0' ? id : NULL);
  else if (g_str_equal (action_name, "win.show-opportunity"))
    kam_pipeline_view_edit_deal (self->pipeline_view, id);
  else
    kam_pipeline_view_new_deal (self->pipeline_view, *id != '\0' ? id : NULL);
}

/* win.drill-down: its string parameter is a target of kam-drill.h (the
 * records behind a dashboard tile, a chart element, a review slide's
 * row); shows its view with the target's filters. */
static void
drill_down_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  KamDrillTarget target;

  if (!kam_drill_target_parse (&target, g_variant_get_string (parameter, NULL), &error))
    {
      kam_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  gtk_window_present (GTK_WINDOW (self));
  if (target.view == KAM_DRILL_OPPORTUNITIES && show_view (self, "pipeline"))
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      KamPipelineFilter filter;

      kam_drill_target_to_filter (&target, &filter, &first, &last);
      kam_pipeline_view_set_filter (self->pipeline_view, &filter, TRUE);
      if (target.id != NULL)
        kam_pipeline_view_edit_deal (self->pipeline_view, target.id);
    }
  else if (target.view == KAM_DRILL_ACCOUNTS && show_view (self, "accounts"))
    {
      kam_accounts_view_set_filter (self->accounts_view,
                                    target.tier >= 0 ? kam_enum_to_string (KAM_TYPE_TIER, target.tier) : NULL,
                                    target.owner_id, target.map);
      if (target.id != NULL)
        kam_accounts_view_show_account (self->accounts_view, target.id);
    }
  else if (target.view == KAM_DRILL_VISITS && show_view (self, "visits"))
    {
      kam_visits_view_set_owner (self->visits_view, target.owner_id);
      /* the week (and the compliance of the month) of today when the period
       * holds it, else of the period's first day */
      if (target.has_period)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          int month = (g_date_time_get_year (now) - target.period.year) * 12
                      + g_date_time_get_month (now) - target.period.month;
          GDate day;

          g_date_clear (&day, 1);
          if (month >= 0 && month < target.period.n_months)
            g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                            g_date_time_get_year (now));
          else
            g_date_set_dmy (&day, 1, target.period.month, target.period.year);
          kam_visits_view_set_day (self->visits_view, &day);
        }
    }
  kam_drill_target_clear (&target);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Window state --------------------------------------------------------------- */

static gboolean
kam_window_close_request (GtkWindow *window)
{
  KamWindow *self = KAM_WINDOW (window);
  GSettings *settings = self->context ? kam_context_get_settings (self->context) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_string (settings, "last-view", adw_view_stack_get_visible_child_name (self->view_stack));
    }

  return GTK_WINDOW_CLASS (kam_window_parent_class)->close_request (window);
}

static void
kam_window_dispose (GObject *object)
{
  KamWindow *self = KAM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* libadwaita 1.2 criticals when a switcher outlives the stack it shows
   * while the template is torn down: let go of it first. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KAM_TYPE_WINDOW);

  G_OBJECT_CLASS (kam_window_parent_class)->dispose (object);
}

static void
kam_window_finalize (GObject *object)
{
  KamWindow *self = KAM_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kam_window_parent_class)->finalize (object);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (kam_import_dialog_new (self->context, GTK_WINDOW (self))));
}

static void
review_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KamWindow *self = KAM_WINDOW (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (kam_review_setup_new (self->context, GTK_WINDOW (self))));
}

static void
kam_window_class_init (KamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kam_window_dispose;
  object_class->finalize = kam_window_finalize;
  window_class->close_request = kam_window_close_request;

  g_type_ensure (KAM_TYPE_ACCOUNTS_VIEW);
  g_type_ensure (KAM_TYPE_PIPELINE_VIEW);
  g_type_ensure (KAM_TYPE_DASHBOARD_VIEW);
  g_type_ensure (KAM_TYPE_VISITS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/keyaccounts/KeyAccounts/kam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KamWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, search_stack);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, accounts_view);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, pipeline_view);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, dashboard_view);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, visits_view);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, sample_status);
  gtk_widget_class_bind_template_child (widget_class, KamWindow, sample_progress);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_activated);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_activated);
  gtk_widget_class_install_action (widget_class, "win.new-account", NULL, new_account_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.undelete-account", "s", undelete_account_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.review", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-visit", "s", link_activated);
  gtk_widget_class_install_action (widget_class, "win.show-opportunity", "s", link_activated);
  gtk_widget_class_install_action (widget_class, "win.new-visit", "s", link_activated);
  gtk_widget_class_install_action (widget_class, "win.new-opportunity", "s", link_activated);
  gtk_widget_class_install_action (widget_class, "win.drill-down", "s", drill_down_activated);
}

static void
kam_window_init (KamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* The entry sits in a clamp, not directly in the bar. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

/* KAM_BENCH_STARTUP: print the wall-clock time of the first frame that
 * shows account rows, then quit (tests/bench-startup measures from the
 * process start). */
static void
bench_frame_painted_cb (GdkFrameClock *clock,
                        KamWindow     *self)
{
  GListModel *model = kam_accounts_view_get_model (self->accounts_view);

  if (model == NULL || g_list_model_get_n_items (model) == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  g_print ("first-frame-realtime-us %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, bench_frame_painted_cb, self);
  g_application_quit (g_application_get_default ());
}

static void
bench_mapped_cb (KamWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_frame_painted_cb), self, 0);
}

static void
view_shown_cb (KamWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->context == NULL || name == NULL)
    return;
  if (g_str_equal (name, "visits") && !self->visits_ready)
    {
      self->visits_ready = TRUE;
      kam_visits_view_set_context (self->visits_view, self->context);
    }
  else if (g_str_equal (name, "pipeline") && !self->pipeline_ready)
    {
      self->pipeline_ready = TRUE;
      kam_pipeline_view_set_context (self->pipeline_view, self->context);
    }
  else if (g_str_equal (name, "dashboard") && !self->dashboard_ready)
    {
      self->dashboard_ready = TRUE;
      kam_dashboard_view_set_context (self->dashboard_view, self->context);
    }
}

KamWindow *
kam_window_new (KamApplication *application,
                KamContext     *context,
                const GError   *open_error)
{
  KamWindow *self = g_object_new (KAM_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings;

  if (context == NULL)
    {
      adw_status_page_set_description (self->error_page, open_error ? open_error->message : NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-account", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review", FALSE);
      gtk_window_set_default_size (GTK_WINDOW (self), 800, 600);
      return self;
    }

  self->context = g_object_ref (context);
  kam_accounts_view_set_context (self->accounts_view, context);
  /* The other views read their data when first shown; hidden pages are not
   * measured either (view_stack is not homogeneous): the window starts with
   * what it shows. */
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (view_shown_cb), self, G_CONNECT_SWAPPED);
  kam_sync_attach_to_window (GTK_WIDGET (self), context);

  settings = kam_context_get_settings (context);
  if (settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (settings, "last-view");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, view);
    }
  view_shown_cb (self);

  gtk_stack_set_visible_child_name (self->main_stack, wants_welcome (self) ? "welcome" : "main");

  if (g_getenv ("KAM_BENCH_STARTUP") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (bench_mapped_cb), NULL);

  return self;
}

void
kam_window_add_toast (KamWindow *self,
                      AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
