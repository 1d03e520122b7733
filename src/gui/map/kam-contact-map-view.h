/* kam-contact-map-view.h — the contact map with its coverage panel
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-contact-map.h"
#include "kam-contact-panel.h"

G_BEGIN_DECLS

#define KAM_TYPE_CONTACT_MAP_VIEW (kam_contact_map_view_get_type ())
G_DECLARE_FINAL_TYPE (KamContactMapView, kam_contact_map_view, KAM, CONTACT_MAP_VIEW, AdwBin)

GtkWidget     *kam_contact_map_view_new            (void);
void           kam_contact_map_view_set_store      (KamContactMapView *self,
                                                    KamStore          *store);
void           kam_contact_map_view_set_account_id (KamContactMapView *self,
                                                    const char        *account_id);
KamContactMap *kam_contact_map_view_get_map        (KamContactMapView *self);
/* The score shown in the panel ("72"), for tests. */
const char    *kam_contact_map_view_get_score_text (KamContactMapView *self);
/* Whether the side shows the selected person's panel (else the coverage). */
gboolean       kam_contact_map_view_is_panel_open  (KamContactMapView *self);
KamContactPanel *kam_contact_map_view_get_panel    (KamContactMapView *self);
/* What the export file chooser does with the file chosen: the map fitted
 * to a 1920 × 1080 PNG, or an A3 landscape SVG or PDF page, by the file's
 * extension (none known: ".png" is added), dark when the style is. */
gboolean       kam_contact_map_view_export         (KamContactMapView *self,
                                                    GFile             *file,
                                                    GError           **error);

G_END_DECLS
