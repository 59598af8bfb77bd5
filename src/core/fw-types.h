/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Forward declarations of the core's types, so headers need not include
 * each other to name them. */

typedef struct _FwStore   FwStore;
typedef struct _FwSession FwSession;
typedef struct _FwFilter  FwFilter;
typedef struct _FwChange  FwChange;
