/* kam-visits-view.h — the visit plan page: the week, the agenda, the due
 * list and compliance
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"

G_BEGIN_DECLS

#define KAM_TYPE_VISITS_VIEW (kam_visits_view_get_type ())
G_DECLARE_FINAL_TYPE (KamVisitsView, kam_visits_view, KAM, VISITS_VIEW, AdwBin)

void        kam_visits_view_set_context (KamVisitsView *self,
                                         KamContext    *context);
/* Shows the week that holds @day. */
void        kam_visits_view_set_day     (KamVisitsView *self,
                                         const GDate   *day);
/* Opens the editor of a stored visit. */
void        kam_visits_view_edit_visit  (KamVisitsView *self,
                                         const char    *visit_id);
/* Shows the week of the stored visit @visit_id and opens its editor. */
void        kam_visits_view_show_visit  (KamVisitsView *self,
                                         const char    *visit_id);
/* Opens the editor of a new visit of @account_id (NULL: chosen in it),
 * tomorrow at 10:00, and shows that week. */
void        kam_visits_view_new_visit   (KamVisitsView *self,
                                         const char    *account_id);
/* The day whose week is shown. */
void        kam_visits_view_get_day     (KamVisitsView *self,
                                         GDate         *day);
/* Week (FALSE) or agenda list (TRUE). */
void        kam_visits_view_show_agenda (KamVisitsView *self,
                                         gboolean       agenda);

/* Reads @file as iCalendar and shows what an import would do (a report
 * per event); "Import" writes it in one transaction. */
void        kam_visits_view_import_file (KamVisitsView *self,
                                         GFile         *file);
/* Writes the week shown to @file as iCalendar. */
gboolean    kam_visits_view_export_week (KamVisitsView  *self,
                                         GFile          *file,
                                         GError        **error);

/* Shows the visits of team member @owner_id, or everyone's (NULL); an
 * unknown member changes nothing. */
void        kam_visits_view_set_owner   (KamVisitsView *self,
                                         const char    *owner_id);

G_END_DECLS
