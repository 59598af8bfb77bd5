/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of fieldwork-cli share: the global options, the one-line
 * error, option parsing, opening the database, and the commands. */

#include "fw-core.h"
#include "fw-export-doc.h"

G_BEGIN_DECLS

typedef struct {
  char    *db_path;
  char    *user;
} Globals;

typedef int (*CommandFunc) (Globals *g, int argc, char **argv);

/* Prints "fieldwork-cli: MESSAGE" on one line; returns 1. */
int        cli_fail                (const char *format, ...) G_GNUC_PRINTF (1, 2);
int        cli_fail_error          (GError *error);
gboolean   cli_parse               (const char *command, const char *params, GOptionEntry *entries, int *argc,
                                    char ***argv, GError **error);
FwStore   *cli_open_store          (Globals *g, GError **error);
/* For commands that only read: creates nothing, changes nothing. */
FwStore   *cli_open_store_readonly (Globals *g, GError **error);
gboolean   cli_parse_percent       (const char *text, const char *option, guint *value, GError **error);
FwFilter  *cli_parse_where         (char **where, GError **error);
gboolean   cli_check_where         (FwStore *store, const char *inspection, FwFilter *filter, GError **error);
void       cli_json_string         (GString *out, const char *value);
/* From --passphrase-file, FIELDWORK_PASSPHRASE or the terminal; never argv. */
char      *cli_read_passphrase     (const char *file, gboolean confirm, GError **error);

int        cmd_audit               (Globals *g, int argc, char **argv);
int        cmd_case                (Globals *g, int argc, char **argv);
int        cmd_cases               (Globals *g, int argc, char **argv);
int        cmd_conflicts           (Globals *g, int argc, char **argv);
int        cmd_demo                (Globals *g, int argc, char **argv);
int        cmd_draw                (Globals *g, int argc, char **argv);
int        cmd_export              (Globals *g, int argc, char **argv);
int        cmd_frameworks          (Globals *g, int argc, char **argv);
int        cmd_import_answers      (Globals *g, int argc, char **argv);
int        cmd_import_cases        (Globals *g, int argc, char **argv);
int        cmd_import_judgements   (Globals *g, int argc, char **argv);
int        cmd_import_population   (Globals *g, int argc, char **argv);
int        cmd_inspections         (Globals *g, int argc, char **argv);
int        cmd_lock                (Globals *g, int argc, char **argv);
int        cmd_merge               (Globals *g, int argc, char **argv);
int        cmd_new                 (Globals *g, int argc, char **argv);
int        cmd_open_package        (Globals *g, int argc, char **argv);
int        cmd_package             (Globals *g, int argc, char **argv);
int        cmd_practice            (Globals *g, int argc, char **argv);
int        cmd_rate                (Globals *g, int argc, char **argv);
int        cmd_replace_case        (Globals *g, int argc, char **argv);
int        cmd_resolve             (Globals *g, int argc, char **argv);
int        cmd_restore             (Globals *g, int argc, char **argv);
int        cmd_return              (Globals *g, int argc, char **argv);
int        cmd_review              (Globals *g, int argc, char **argv);
int        cmd_sample_size         (Globals *g, int argc, char **argv);
int        cmd_set_attribute       (Globals *g, int argc, char **argv);
int        cmd_validate            (Globals *g, int argc, char **argv);

G_END_DECLS
