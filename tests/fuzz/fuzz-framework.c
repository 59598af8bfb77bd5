/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer: the framework loader (XML, schema, model) on any bytes. */
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "fw-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  FwFramework *fw = fw_framework_new_from_data ((const char *) data, size, "fuzz.xml", &error);

  /* an error is one line, and names the file */
  if (fw == NULL)
    {
      g_assert (error != NULL);
      if (strchr (error->message, '\n') != NULL)
        g_error ("an error of more than one line: %s", error->message);
    }
  else
    fw_framework_unref (fw);
  return 0;
}
