/* kam-contact-map.h — the contact map of one account as a widget
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kam-org-chart.h"
#include "kam-store.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTACT_MAP (kam_contact_map_get_type ())
G_DECLARE_FINAL_TYPE (KamContactMap, kam_contact_map, KAM, CONTACT_MAP, GtkWidget)

GtkWidget       *kam_contact_map_new              (void);

void             kam_contact_map_set_store        (KamContactMap *self,
                                                   KamStore      *store);
/* Loads the map of @account_id (NULL: none) and fits it. */
void             kam_contact_map_set_account_id   (KamContactMap *self,
                                                   const char    *account_id);
const char      *kam_contact_map_get_account_id   (KamContactMap *self);

/* The chart shown (NULL when no account), for the coverage panel and tests. */
KamOrgChart     *kam_contact_map_get_chart        (KamContactMap *self);

/* The selected contact (keyboard focus and click select alike), or NULL. */
const char      *kam_contact_map_get_selected_id  (KamContactMap *self);
gboolean         kam_contact_map_select_id        (KamContactMap *self,
                                                   const char    *contact_id);

/* "Name, Title, role, attitude": what a screen reader says for a card. */
char            *kam_contact_map_describe_node    (KamContactMap *self,
                                                   int            index);

double           kam_contact_map_get_zoom         (KamContactMap *self);
void             kam_contact_map_zoom_by          (KamContactMap *self,
                                                   double         factor,
                                                   double         x,
                                                   double         y);
void             kam_contact_map_zoom_to_fit      (KamContactMap *self);
/* Widget coordinates of the chart point (@cx, @cy). */
void             kam_contact_map_chart_to_widget  (KamContactMap *self,
                                                   double         cx,
                                                   double         cy,
                                                   double        *wx,
                                                   double        *wy);

/* Makes @contact_id report to @manager_id (NULL: nobody), as a drop of one
 * card onto another does; refuses a cycle.  Undo puts the previous manager
 * back. */
gboolean         kam_contact_map_reparent         (KamContactMap *self,
                                                   const char    *contact_id,
                                                   const char    *manager_id,
                                                   GError       **error);
/* Adds a relation (a Shift+drag from one card to another adds
 * "influences"); undoable. */
gboolean         kam_contact_map_add_relation     (KamContactMap  *self,
                                                   const char     *from_id,
                                                   const char     *to_id,
                                                   KamRelationKind kind,
                                                   GError        **error);
/* Deletes a relation (Delete on a selected line); undoable. */
gboolean         kam_contact_map_delete_relation  (KamContactMap  *self,
                                                   const char     *relation_id,
                                                   GError        **error);
/* The relation selected by a click on its line, or NULL. */
const char      *kam_contact_map_get_selected_relation_id (KamContactMap *self);

gboolean         kam_contact_map_can_undo         (KamContactMap *self);
gboolean         kam_contact_map_undo             (KamContactMap *self,
                                                   GError       **error);

G_END_DECLS
