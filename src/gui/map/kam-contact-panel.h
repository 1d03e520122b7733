/* kam-contact-panel.h — the side panel of the person selected on the map
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-contact-map.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTACT_PANEL (kam_contact_panel_get_type ())
G_DECLARE_FINAL_TYPE (KamContactPanel, kam_contact_panel, KAM, CONTACT_PANEL, AdwBin)

/* A panel editing the people of @map's chart; edits go through @map, so
 * they are undoable and the map redraws.  "close-requested" when its back
 * button is pressed. */
GtkWidget  *kam_contact_panel_new            (KamContactMap   *map);
void        kam_contact_panel_set_store      (KamContactPanel *self,
                                              KamStore        *store);
/* Shows contact @contact_id of the map (NULL: nobody); the notes typed for
 * the previous one are saved first. */
void        kam_contact_panel_set_contact_id (KamContactPanel *self,
                                              const char      *contact_id);
const char *kam_contact_panel_get_contact_id (KamContactPanel *self);
/* Saves the notes being typed, if they changed. */
void        kam_contact_panel_save_notes     (KamContactPanel *self);
/* Moves the keyboard focus to the first row. */
void        kam_contact_panel_focus_first    (KamContactPanel *self);

G_END_DECLS
