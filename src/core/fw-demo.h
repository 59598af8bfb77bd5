/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

/* Creates the demo inspection (invented cases, some answered) in a store
 * and returns its id. */
char *fw_demo_create (FwStore *store, GError **error);

G_END_DECLS
