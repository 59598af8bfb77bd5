/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* The frameworks that can be loaded: those installed in the data
 * directories, then the shipped ones in the core's resources. */

#include <string.h>
#include <gio/gio.h>

#include <glib/gi18n-lib.h>

#include "fw-framework-private.h"
#include "fw-error.h"
#include "fw-core-resources.h"

void
fw_framework_info_free (FwFrameworkInfo *info)
{
  g_free (info->id);
  g_free (info->title);
  g_free (info->origin);
  g_free (info);
}

static void
add_info (GPtrArray *list, FwFramework *fw, const char *origin)
{
  FwFrameworkInfo *info;

  for (guint i = 0; i < list->len; i++)
    {
      FwFrameworkInfo *other = g_ptr_array_index (list, i);
      if (strcmp (other->id, fw->id) == 0)
        return;   /* the first found wins: user's before system's before shipped */
    }
  info = g_new0 (FwFrameworkInfo, 1);
  info->id = g_strdup (fw->id);
  info->version = fw->version;
  info->title = g_strdup (fw->title);
  info->origin = g_strdup (origin);
  g_ptr_array_add (list, info);
}

static GPtrArray *
installed_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("FIELDWORK_FRAMEWORKS_DIR");
  const char * const *system = g_get_system_data_dirs ();

  if (env && *env)
    g_ptr_array_add (dirs, g_strdup (env));
  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "fieldwork", "frameworks", NULL));
  for (guint i = 0; system[i]; i++)
    g_ptr_array_add (dirs, g_build_filename (system[i], "fieldwork", "frameworks", NULL));
  return dirs;
}

/* Calls func on every framework that can be loaded, in priority order. */
static gboolean
foreach_available (gboolean (*func) (FwFramework *fw, const char *origin, gpointer data),
                   gpointer data)
{
  g_autoptr(GPtrArray) dirs = installed_dirs ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (g_ptr_array_index (dirs, i), 0, NULL);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".xml"))
          g_ptr_array_add (files, g_build_filename (g_ptr_array_index (dirs, i), name, NULL));
      g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
      for (guint j = 0; j < files->len; j++)
        {
          const char *path = g_ptr_array_index (files, j);
          g_autoptr(GError) error = NULL;
          g_autoptr(FwFramework) fw = fw_framework_new_from_file (path, &error);

          if (fw == NULL)
            {
              g_debug ("skipping %s: %s", path, error->message);
              continue;
            }
          if (func (fw, path, data))
            return TRUE;
        }
    }

  names = g_resource_enumerate_children (fw_core_get_resource (), FW_RESOURCE_DIR,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FwFramework) fw = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *contents;

      if (!g_str_has_suffix (names[i], ".xml"))
        continue;
      path = g_strconcat (FW_RESOURCE_DIR, names[i], NULL);
      bytes = g_resource_lookup_data (fw_core_get_resource (), path, 0, NULL);
      contents = g_bytes_get_data (bytes, &length);
      fw = fw_framework_new_from_data (contents, length, names[i], &error);
      if (fw == NULL)
        {
          g_critical ("shipped framework %s: %s", names[i], error->message);
          continue;
        }
      if (func (fw, "shipped", data))
        return TRUE;
    }
  return FALSE;
}

static gboolean
collect_info (FwFramework *fw, const char *origin, gpointer data)
{
  add_info (data, fw, origin);
  return FALSE;
}

GPtrArray *
fw_framework_list_available (GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_framework_info_free);

  foreach_available (collect_info, list);
  return list;
}

typedef struct {
  const char  *id;
  FwFramework *found;
} FindData;

static gboolean
find_by_id (FwFramework *fw, const char *origin, gpointer data)
{
  FindData *find = data;

  if (strcmp (fw->id, find->id) != 0)
    return FALSE;
  find->found = fw_framework_ref (fw);
  return TRUE;
}

FwFramework *
fw_framework_load_available (const char *id,
                             GError    **error)
{
  FindData find = { id, NULL };

  foreach_available (find_by_id, &find);
  if (find.found == NULL)
    g_set_error (error, FW_FRAMEWORK_ERROR, FW_FRAMEWORK_ERROR_NOT_FOUND,
                 _("no framework with id “%s” (see “fieldwork-cli frameworks”)"), id);
  return find.found;
}
