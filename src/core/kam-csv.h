/* kam-csv.h — reading and writing CSV files as spreadsheets make them
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading: the encoding is found (UTF-8 with or without BOM, UTF-16 LE/BE
 * with a BOM as Excel's "Unicode text" writes it, GB18030/GBK as Chinese
 * Excel writes it), then the separator (comma, semicolon or tab), then the
 * records are split by RFC 4180 (quoted fields with separators, quotes and
 * newlines in them).  Binary files (NUL bytes, bytes valid in no candidate
 * encoding) and files past the limits are refused before any parsing.  Time
 * and memory are linear in the size of the file.
 *
 * Writing: UTF-8 with a BOM, CRLF line ends, fields quoted when they need
 * it: what Excel and LibreOffice open without asking.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KAM_CSV_ERROR (kam_csv_error_quark ())

typedef enum {
  KAM_CSV_ERROR_READ,      /* the file cannot be read */
  KAM_CSV_ERROR_ENCODING,  /* not text in any encoding we know */
  KAM_CSV_ERROR_BINARY,    /* NUL bytes: not a text file */
  KAM_CSV_ERROR_TOO_LARGE, /* past the size, field or column limits */
  KAM_CSV_ERROR_EMPTY,     /* no header row */
  KAM_CSV_ERROR_SYNTAX,    /* a quote never closed */
} KamCsvError;

/* Limits: a file of at most KAM_CSV_MAX_BYTES, fields of at most
 * KAM_CSV_MAX_FIELD bytes, rows of at most KAM_CSV_MAX_COLUMNS fields. */
#define KAM_CSV_MAX_BYTES   (256 * 1024 * 1024)
#define KAM_CSV_MAX_FIELD   (64 * 1024)
#define KAM_CSV_MAX_COLUMNS 1000

typedef struct {
  guint   line;      /* line of the file where the row starts, from 1 */
  guint   n_fields;
  char  **fields;    /* n_fields UTF-8 strings (NULL-terminated too) */
} KamCsvRow;

typedef struct _KamCsv KamCsv;

struct _KamCsv
{
  char       *encoding;   /* "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030" */
  char        separator;  /* ',', ';' or '\t' */
  KamCsvRow  *header;
  GPtrArray  *rows;       /* of KamCsvRow*, the header excluded, blank lines skipped */
};

GQuark     kam_csv_error_quark (void);

/* Parses @data (@length bytes, not necessarily NUL-terminated). */
KamCsv    *kam_csv_parse       (const char  *data,
                                gsize        length,
                                GError     **error);
KamCsv    *kam_csv_read_file   (const char  *path,
                                GError     **error);
void       kam_csv_free        (KamCsv      *csv);

/* @data converted to UTF-8 (a BOM dropped), the name of the encoding found
 * in @encoding; NULL with an error for binary data. */
char      *kam_csv_decode      (const char  *data,
                                gsize        length,
                                char       **encoding,
                                GError     **error);

/* Writing: a BOM with kam_csv_write_bom() once, then rows. */
void       kam_csv_write_bom   (GString     *out);
void       kam_csv_write_field (GString     *out,
                                const char  *text,
                                gboolean     first);
void       kam_csv_end_row     (GString     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KamCsv, kam_csv_free)

G_END_DECLS
