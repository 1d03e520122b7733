/* kam-vcard.h — contacts from and to vCard files
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading takes vCard 2.1 (as old phones write it: quoted-printable, CHARSET
 * parameters such as GBK, soft line breaks), 3.0 and 4.0: FN (or N), ORG
 * (the account, matched by name, and the department), TITLE, EMAIL, TEL,
 * NOTE, ADR and BDAY (added to the notes), UID (the external id).  The cards
 * become the rows of a contacts import (kam-import.h), with its preview,
 * matching and one-transaction write.
 *
 * Writing gives vCard 3.0 or 4.0 in UTF-8, values escaped and lines folded
 * at 75 octets without cutting a character.
 */
#pragma once

#include "kam-import.h"

G_BEGIN_DECLS

typedef enum {
  KAM_VCARD_3_0,
  KAM_VCARD_4_0,
} KamVCardVersion;

/* The cards of @data as a contacts import.  @default_account (an account id,
 * name or external id, or NULL) is the account of cards without ORG. */
KamImport *kam_vcard_import_new  (KamStore         *store,
                                  const char       *data,
                                  gsize             length,
                                  const char       *default_account,
                                  GError          **error);
KamImport *kam_vcard_read_file   (KamStore         *store,
                                  const char       *path,
                                  const char       *default_account,
                                  GError          **error);

/* The contacts of @account_id (all when NULL), by account and name. */
char      *kam_vcard_export      (KamStore         *store,
                                  const char       *account_id,
                                  KamVCardVersion   version,
                                  guint            *n_cards,
                                  GError          **error);

/* A line "NAME:value" folded at 75 octets, CRLF after each piece. */
void       kam_vcard_append_folded (GString        *out,
                                    const char     *line);

G_END_DECLS
