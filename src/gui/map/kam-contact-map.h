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

/* The selected contact (keyboard focus and click select alike), or NULL.
 * "selection-changed" tells when it changes; "contact-opened" when a click
 * or Enter asks for its side panel; "contact-activated" when a double
 * click asks for the full contact dialog. */
const char      *kam_contact_map_get_selected_id  (KamContactMap *self);
gboolean         kam_contact_map_select_id        (KamContactMap *self,
                                                   const char    *contact_id);

/* Asks for the full dialog of @contact_id ("contact-activated"). */
void             kam_contact_map_request_details  (KamContactMap *self,
                                                   const char    *contact_id);

/* "Name, Title, role, attitude": what a screen reader says for a card (the
 * map's accessible label while that card has the keyboard focus). */
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
/* The centre of the handle drawn on the selected card, in widget
 * coordinates (dragging it to another card adds "influences"); FALSE when
 * no handle is shown (nothing selected, or cards too small). */
gboolean         kam_contact_map_get_handle       (KamContactMap *self,
                                                   double        *x,
                                                   double        *y);

/* Sets @field of contact @contact_id to @text (the parser of `kam set`) and
 * saves it, as the side panel does; undoable.  Nothing is pushed when the
 * value does not change. */
gboolean         kam_contact_map_set_contact_field (KamContactMap *self,
                                                    const char    *contact_id,
                                                    const char    *field,
                                                    const char    *text,
                                                    GError       **error);
/* Adds a relation (dragging a card's handle to another card, or a
 * Shift+drag from one card to another, adds "influences"); undoable. */
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
/* What the last edit did, for its toast: "Attitude changed", "Relation
 * added", ...; NULL when there is nothing to undo. */
char            *kam_contact_map_describe_undo    (KamContactMap *self);
/* The serial number of the last edit (0: none); a toast remembers it, so
 * its Undo undoes its own edit and no later one. */
guint            kam_contact_map_get_undo_serial  (KamContactMap *self);
gboolean         kam_contact_map_undo             (KamContactMap *self,
                                                   GError       **error);

G_END_DECLS
