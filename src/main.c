/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <glib/gi18n.h>

#include "fw-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(FwApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = fw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
