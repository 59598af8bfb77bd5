/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The GTK-free core of Fieldwork. */
#include "fw-error.h"
#include "fw-csv.h"
#include "fw-framework.h"
#include "fw-store.h"
#include "fw-store-backup.h"
#include "fw-rating.h"
#include "fw-import.h"
#include "fw-report.h"
#include "fw-export.h"
#include "fw-demo.h"
#include "fw-session.h"
#include "fw-review.h"
#include "fw-sampling.h"
#include "fw-draw.h"
#include "fw-crypt.h"
#include "fw-sync.h"
