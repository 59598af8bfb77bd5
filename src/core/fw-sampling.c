/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <math.h>

#include "fw-sampling.h"

/* The standard normal quantile: Acklam's rational approximation (relative
 * error below 1.2e-9), refined with one step of Halley's method. */
static double
normal_quantile (double p)
{
  static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                              1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
  static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                              6.680131188771972e+01, -1.328068155288572e+01 };
  static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                              -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
  static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                              3.754408661907416e+00 };
  const double low = 0.02425, high = 1 - low;
  double q, r, x, e, u;

  if (p < low)
    {
      q = sqrt (-2 * log (p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
  else if (p <= high)
    {
      q = p - 0.5;
      r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
  else
    {
      q = sqrt (-2 * log (1 - p));
      x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
  e = 0.5 * erfc (-x / sqrt (2)) - p;
  u = e * sqrt (2 * G_PI) * exp (x * x / 2);
  return x - u / (1 + x * u / 2);
}

double
fw_sampling_z (double confidence)
{
  g_return_val_if_fail (confidence > 0 && confidence < 100, 0);
  return normal_quantile (1 - (1 - confidence / 100) / 2);
}

guint
fw_sample_size (guint population, double confidence, double margin)
{
  double z, e, n0, n;
  guint size;

  g_return_val_if_fail (confidence > 0 && confidence < 100, 0);
  g_return_val_if_fail (margin > 0 && margin < 100, 0);
  if (population == 0)
    return 0;
  z = fw_sampling_z (confidence);
  e = margin / 100;
  n0 = z * z * 0.25 / (e * e);
  n = n0 / (1 + (n0 - 1) / population);
  /* rounded up; the tolerance keeps a size that is whole in exact
   * arithmetic from rising by one through floating-point error */
  size = (guint) ceil (n - 1e-9);
  return MIN (size, population);
}

guint
fw_sample_size_for_kind (guint population, double confidence, double margin, FwKind *kind)
{
  guint size = fw_sample_size (population, confidence, margin);

  if (kind != NULL && kind->has_limit)
    size = CLAMP (size, kind->sample_min, kind->sample_max);
  return MIN (size, population);
}
