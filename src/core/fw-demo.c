/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <gio/gio.h>

#include "fw-demo.h"
#include "fw-import.h"
#include "fw-core-resources.h"

#define DEMO_DIR "/io/github/fieldwork/Fieldwork/demo/"

typedef gboolean (*ImportData) (FwStore *, const char *, const char *, gsize, const char *, guint *, GError **);

static gboolean
import_resource (FwStore *store, const char *id, const char *name, ImportData func, GError **error)
{
  g_autofree char *path = g_strconcat (DEMO_DIR, name, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (fw_core_get_resource (), path, 0, error);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return func (store, id, data, length, name, NULL, error);
}

char *
fw_demo_create (FwStore *store, GError **error)
{
  g_autoptr(FwFramework) fw = fw_framework_load_available ("hmip-youth-2018", error);
  g_autofree char *previous = NULL;
  g_autofree char *id = NULL;
  const char *inspectors[] = { "Demo Inspector One", "Demo Inspector Two", NULL };
  gboolean ok;

  if (fw == NULL)
    return NULL;
  if (!fw_store_begin (store, error))
    return NULL;
  previous = g_strdup (fw_store_get_user (store));
  fw_store_set_user (store, "Demo Lead Inspector");
  id = fw_store_create_inspection (store, fw, "Demo Youth Justice Service", "2026-11-16", inspectors, error);
  ok = id != NULL
    && import_resource (store, id, "demo-cases.csv", fw_import_cases_data, error)
    && import_resource (store, id, "demo-answers.csv", fw_import_answers_data, error)
    && import_resource (store, id, "demo-judgements.csv", fw_import_judgements_data, error);
  fw_store_set_user (store, previous);
  if (!ok)
    {
      fw_store_rollback (store);
      return NULL;
    }
  if (!fw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&id);
}
