/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fw-framework.h"

G_BEGIN_DECLS

/* z such that a two-sided interval at this confidence (in percent, 0 < c < 100)
 * holds: the standard normal quantile of 1 − (1 − c/100)/2. 80 → 1.2816. */
double fw_sampling_z (double confidence);

/* Cochran's sample size for a proportion (p = 0.5) at this confidence and
 * margin (both in percent), with the finite-population correction, rounded
 * up; never more than the population. 35 → 29 at 80 % ± 5 %. */
guint  fw_sample_size (guint population, double confidence, double margin);

/* The same, clamped to the framework's limits for the kind (<sampling><limit>),
 * and never more than the population. */
guint  fw_sample_size_for_kind (guint population, double confidence, double margin, FwKind *kind);

G_END_DECLS
