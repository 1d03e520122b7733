/* kam-import-dialog.h — the import assistant: a file, its columns, a
 * preview with the errors of each row, then the import
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kam-context.h"
#include "kam-import.h"

G_BEGIN_DECLS

#define KAM_TYPE_IMPORT_DIALOG (kam_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KamImportDialog, kam_import_dialog, KAM, IMPORT_DIALOG, AdwWindow)

typedef enum {
  KAM_IMPORT_DIALOG_CHOOSING,   /* no file yet, or it was refused */
  KAM_IMPORT_DIALOG_BUSY,       /* reading, checking or writing */
  KAM_IMPORT_DIALOG_PREVIEW,    /* the rows are shown, nothing written */
  KAM_IMPORT_DIALOG_DONE,       /* written */
} KamImportDialogState;

/* A modal window over @parent.  The file is read, checked and written in a
 * worker thread with its own connection; the window's views hear of the
 * import through kam_store_notify_external_change(). */
KamImportDialog      *kam_import_dialog_new        (KamContext          *context,
                                                    GtkWindow           *parent);
/* What "Choose File…" does after the file chooser (also for tests). */
void                  kam_import_dialog_open_file  (KamImportDialog     *self,
                                                    GFile               *file,
                                                    const KamRecordKind *kind);
KamImportDialogState  kam_import_dialog_get_state  (KamImportDialog     *self);
/* What "Save Mapping…" and "Load Mapping…" do after the file chooser (also
 * for tests); only while a CSV file is previewed.  Both say in the dialog
 * what went wrong.  Loading changes nothing when it fails; when it works,
 * the columns show the mapping and the rows are checked again (the dialog
 * is busy until then). */
gboolean              kam_import_dialog_save_mapping (KamImportDialog  *self,
                                                      GFile            *file,
                                                      GError          **error);
gboolean              kam_import_dialog_load_mapping (KamImportDialog  *self,
                                                      GFile            *file,
                                                      GError          **error);
/* The import being previewed, or NULL. */
KamImport            *kam_import_dialog_get_import (KamImportDialog     *self);

G_END_DECLS
