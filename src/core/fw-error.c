/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fw-error.h"

G_DEFINE_QUARK (fw-csv-error-quark, fw_csv_error)
G_DEFINE_QUARK (fw-framework-error-quark, fw_framework_error)
G_DEFINE_QUARK (fw-store-error-quark, fw_store_error)
G_DEFINE_QUARK (fw-import-error-quark, fw_import_error)
