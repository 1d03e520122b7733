/* kam-sync-controller.c — the window's sync: when, in which thread, and
 * what state it is in
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync runs in a worker thread with its own KamStore (its own SQLite
 * connection) and its own main context, so that neither HTTP nor SQL
 * blocks the window; progress comes back with g_main_context_invoke() and
 * the end with the GTask.  The server, database and user are the store's
 * settings "sync-server", "sync-database", "sync-user" (those of
 * `kam sync`), "sync-interval" the minutes between syncs (default 15, 0
 * off); the password is in the keyring (kam-credentials.c) and in memory
 * during a sync only.  After the server refused the password, no timer
 * sync runs until it is given again.
 */
#define G_LOG_DOMAIN "kam-sync-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kam-credentials.h"
#include "kam-store-sync.h"
#include "kam-sync-controller.h"
#include "kam-sync.h"

#define DEFAULT_INTERVAL 15

struct _KamSyncController
{
  GObject       parent_instance;

  KamContext   *context;        /* not a ref: the context owns us */
  GCancellable *cancellable;
  KamSyncState  state;
  char         *message;
  guint         n_conflicts;
  guint         timer_id;
  gboolean      running;
  gboolean      password_rejected;
};

G_DEFINE_FINAL_TYPE (KamSyncController, kam_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_N_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORDS_ARRIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker needs, copied: it never touches the window's objects. */
typedef struct {
  KamSyncController *self;     /* a ref */
  GMainContext      *main_context;
  char              *path;
  char              *server;
  char              *database;
  char              *user;
  char              *password;
  KamSyncStats       stats;
  gboolean           rejected;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_main_context_unref (job->main_context);
  g_free (job->path);
  g_free (job->server);
  g_free (job->database);
  g_free (job->user);
  kam_credentials_free_password (job->password);
  g_free (job);
}

static char *
get_setting (KamSyncController *self,
             const char        *key)
{
  char *value = kam_store_get_setting (kam_context_get_store (self->context), key, NULL);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
set_state (KamSyncController *self,
           KamSyncState       state,
           const char        *message)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static gboolean
configured (KamSyncController *self)
{
  g_autofree char *server = get_setting (self, "sync-server");
  g_autofree char *database = get_setting (self, "sync-database");

  return server != NULL && database != NULL;
}

/* Worker ------------------------------------------------------------------ */

typedef struct {
  KamSyncController *self;
  KamSyncPhase       phase;
  guint              count;
} Progress;

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *progress = data;
  g_autofree char *message = NULL;

  if (progress->phase == KAM_SYNC_PHASE_PULL)
    message = g_strdup_printf (_("Receiving: %u records"), progress->count);
  else
    message = g_strdup_printf (_("Sending: %u records"), progress->count);
  if (progress->self->running)
    set_state (progress->self, KAM_SYNC_STATE_SYNCING, message);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
worker_progress_cb (KamSync      *sync,
                    KamSyncPhase  phase,
                    guint         count,
                    gpointer      data)
{
  Job *job = data;
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (job->self);
  progress->phase = phase;
  progress->count = count;
  g_main_context_invoke (job->main_context, progress_idle_cb, progress);
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(KamStore) store = NULL;
  g_autoptr(KamSync) sync = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  g_main_context_push_thread_default (context);
  store = kam_store_open (job->path, &error);
  if (store != NULL)
    sync = kam_sync_new (store, job->server, job->database, &error);
  if (sync != NULL)
    {
      if (job->user != NULL)
        kam_sync_set_credentials (sync, job->user, job->password);
      g_signal_connect (sync, "progress", G_CALLBACK (worker_progress_cb), job);
      ok = kam_sync_run (sync, cancellable, &job->stats, &error);
      job->rejected = kam_sync_get_password_rejected (sync);
    }
  g_clear_object (&sync);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  KamSyncController *self = KAM_SYNC_CONTROLLER (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->password_rejected = job->rejected;
  if (job->stats.pulled > 0 || job->stats.merged > 0)
    kam_store_notify_external_change (kam_context_get_store (self->context));
  kam_sync_controller_refresh (self);

  if (ok || g_error_matches (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_REJECTED))
    set_state (self, ok ? KAM_SYNC_STATE_IDLE : KAM_SYNC_STATE_ERROR, ok ? NULL : error->message);
  else if (g_error_matches (error, KAM_SYNC_ERROR, KAM_SYNC_ERROR_NETWORK))
    set_state (self, KAM_SYNC_STATE_OFFLINE, error->message);
  else
    set_state (self, KAM_SYNC_STATE_ERROR, error->message);

  if (job->stats.pulled > 0)
    g_signal_emit (self, signals[RECORDS_ARRIVED], 0, job->stats.pulled);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  KamSyncController *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->password = kam_credentials_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  if (job->password == NULL && g_getenv ("KAM_PASSWORD") != NULL)
    job->password = g_strdup (g_getenv ("KAM_PASSWORD"));
  if (job->password == NULL)
    {
      self->running = FALSE;
      set_state (self, KAM_SYNC_STATE_ERROR, _("No password for the sync: give it in the preferences"));
      return;
    }
  g_task_run_in_thread (task, sync_thread);
}

static gboolean
timer_cb (gpointer data)
{
  KamSyncController *self = data;

  if (!self->password_rejected)
    kam_sync_controller_sync_now (self);
  return G_SOURCE_CONTINUE;
}

static void
arm_timer (KamSyncController *self)
{
  guint minutes = kam_sync_controller_get_interval (self);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (minutes > 0 && configured (self))
    self->timer_id = g_timeout_add_seconds (minutes * 60, timer_cb, self);
}

/* GObject ---------------------------------------------------------------- */

static void
kam_sync_controller_dispose (GObject *object)
{
  KamSyncController *self = KAM_SYNC_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);

  G_OBJECT_CLASS (kam_sync_controller_parent_class)->dispose (object);
}

static void
kam_sync_controller_finalize (GObject *object)
{
  KamSyncController *self = KAM_SYNC_CONTROLLER (object);

  g_clear_object (&self->cancellable);
  g_free (self->message);

  G_OBJECT_CLASS (kam_sync_controller_parent_class)->finalize (object);
}

static void
kam_sync_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KamSyncController *self = KAM_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kam_sync_controller_class_init (KamSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kam_sync_controller_dispose;
  object_class->finalize = kam_sync_controller_finalize;
  object_class->get_property = kam_sync_controller_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, KAM_SYNC_STATE_OFF, KAM_SYNC_STATE_ERROR, KAM_SYNC_STATE_OFF,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KamSyncController::records-arrived:
   * @n: records pulled from the server by the sync that just ended
   */
  signals[RECORDS_ARRIVED] = g_signal_new ("records-arrived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kam_sync_controller_init (KamSyncController *self)
{
  self->cancellable = g_cancellable_new ();
}

/* Public API -------------------------------------------------------------- */

KamSyncController *
kam_sync_controller_get_for_context (KamContext *context)
{
  KamSyncController *self;

  g_return_val_if_fail (KAM_IS_CONTEXT (context), NULL);

  self = g_object_get_data (G_OBJECT (context), "kam-sync-controller");
  if (self == NULL)
    {
      self = g_object_new (KAM_TYPE_SYNC_CONTROLLER, NULL);
      self->context = context;
      self->state = configured (self) ? KAM_SYNC_STATE_IDLE : KAM_SYNC_STATE_OFF;
      g_object_set_data_full (G_OBJECT (context), "kam-sync-controller", self, g_object_unref);
      kam_sync_controller_refresh (self);
      arm_timer (self);
    }
  return self;
}

KamContext *
kam_sync_controller_get_context (KamSyncController *self)
{
  g_return_val_if_fail (KAM_IS_SYNC_CONTROLLER (self), NULL);

  return self->context;
}

KamSyncState
kam_sync_controller_get_state (KamSyncController *self)
{
  g_return_val_if_fail (KAM_IS_SYNC_CONTROLLER (self), KAM_SYNC_STATE_OFF);

  return self->state;
}

const char *
kam_sync_controller_get_message (KamSyncController *self)
{
  g_return_val_if_fail (KAM_IS_SYNC_CONTROLLER (self), NULL);

  return self->message;
}

guint
kam_sync_controller_get_n_conflicts (KamSyncController *self)
{
  g_return_val_if_fail (KAM_IS_SYNC_CONTROLLER (self), 0);

  return self->n_conflicts;
}

void
kam_sync_controller_refresh (KamSyncController *self)
{
  g_auto(GStrv) keys = NULL;
  guint n;

  g_return_if_fail (KAM_IS_SYNC_CONTROLLER (self));

  keys = kam_store_sync_list_keys (kam_context_get_store (self->context), "conflict:");
  n = g_strv_length (keys);
  if (n != self->n_conflicts)
    {
      self->n_conflicts = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }
}

guint
kam_sync_controller_get_interval (KamSyncController *self)
{
  g_autofree char *text = NULL;
  guint64 minutes;

  g_return_val_if_fail (KAM_IS_SYNC_CONTROLLER (self), 0);

  text = get_setting (self, "sync-interval");
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 24 * 60, &minutes, NULL))
    return DEFAULT_INTERVAL;
  return (guint) minutes;
}

void
kam_sync_controller_set_interval (KamSyncController *self,
                                  guint              minutes)
{
  g_autofree char *text = g_strdup_printf ("%u", minutes);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KAM_IS_SYNC_CONTROLLER (self));

  if (!kam_store_set_setting (kam_context_get_store (self->context), "sync-interval", text, &error))
    g_warning ("Cannot save the sync interval: %s", error->message);
  arm_timer (self);
}

void
kam_sync_controller_configure (KamSyncController *self,
                               const char        *server,
                               const char        *database,
                               const char        *user,
                               const char        *password)
{
  KamStore *store;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KAM_IS_SYNC_CONTROLLER (self));

  store = kam_context_get_store (self->context);
  if (!kam_store_set_setting (store, "sync-server", server ? server : "", &error)
      || !kam_store_set_setting (store, "sync-database", database ? database : "", &error)
      || !kam_store_set_setting (store, "sync-user", user ? user : "", &error))
    {
      set_state (self, KAM_SYNC_STATE_ERROR, error->message);
      return;
    }
  if (password != NULL && *password != '\0' && server != NULL && database != NULL && user != NULL && *user != '\0')
    {
      if (!kam_credentials_store (server, database, user, password, NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The password cannot be kept in the keyring: %s"),
                                                      error->message);

          set_state (self, KAM_SYNC_STATE_ERROR, message);
          return;
        }
    }
  self->password_rejected = FALSE;
  set_state (self, configured (self) ? KAM_SYNC_STATE_IDLE : KAM_SYNC_STATE_OFF, NULL);
  arm_timer (self);
}

void
kam_sync_controller_sync_now (KamSyncController *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (KAM_IS_SYNC_CONTROLLER (self));

  if (self->running)
    return;
  if (!configured (self))
    {
      set_state (self, KAM_SYNC_STATE_OFF, NULL);
      return;
    }

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->main_context = g_main_context_ref_thread_default ();
  job->path = g_strdup (kam_store_get_path (kam_context_get_store (self->context)));
  job->server = get_setting (self, "sync-server");
  job->database = get_setting (self, "sync-database");
  job->user = get_setting (self, "sync-user");
  if (!kam_sync_check_server (job->server, &error))
    {
      job_free (job);
      set_state (self, KAM_SYNC_STATE_ERROR, error->message);
      return;
    }

  task = g_task_new (self, self->cancellable, sync_done_cb, NULL);
  g_task_set_source_tag (task, kam_sync_controller_sync_now);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->running = TRUE;
  set_state (self, KAM_SYNC_STATE_SYNCING, _("Connecting…"));

  if (job->user == NULL)
    g_task_run_in_thread (task, sync_thread);
  else
    kam_credentials_lookup_async (job->server, job->database, job->user, self->cancellable,
                                  password_cb, g_steal_pointer (&task));
}
