/* kam-account-page.c — placeholder until the page lands
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kam-account-page"

#include "config.h"

#include "kam-account-page.h"

struct _KamAccountPage
{
  AdwBin      parent_instance;
  KamContext *context;
  char       *account_id;
};

G_DEFINE_FINAL_TYPE (KamAccountPage, kam_account_page, ADW_TYPE_BIN)

static void
kam_account_page_finalize (GObject *object)
{
  KamAccountPage *self = KAM_ACCOUNT_PAGE (object);

  g_clear_object (&self->context);
  g_free (self->account_id);
  G_OBJECT_CLASS (kam_account_page_parent_class)->finalize (object);
}

static void
kam_account_page_class_init (KamAccountPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kam_account_page_finalize;
}

static void
kam_account_page_init (KamAccountPage *self)
{
}

GtkWidget *
kam_account_page_new (void)
{
  return g_object_new (KAM_TYPE_ACCOUNT_PAGE, NULL);
}

void
kam_account_page_set_context (KamAccountPage *self,
                              KamContext     *context)
{
  g_set_object (&self->context, context);
}

void
kam_account_page_set_account_id (KamAccountPage *self,
                                 const char     *account_id)
{
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

const char *
kam_account_page_get_account_id (KamAccountPage *self)
{
  return self->account_id;
}

void
kam_account_page_focus_name (KamAccountPage *self)
{
}
