/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <glib/gi18n-lib.h>

#include "fw-rating.h"
#include <math.h>

#include "fw-sampling.h"
#include "fw-store.h"

/* All arithmetic is on integers: yes/total compared with a threshold t as
 * 100·yes ≥ t·total (exact), or after rounding half up to a whole percent,
 * ⌊(200·yes + total) / (2·total)⌋ ≥ t (rounded). */

guint
fw_rating_tenths (guint yes, guint total)
{
  g_return_val_if_fail (total > 0, 0);
  return (guint) ((2000 * (guint64) yes + total) / (2 * (guint64) total));
}

static guint
rounded_percent (guint yes, guint total)
{
  return (guint) ((200 * (guint64) yes + total) / (2 * (guint64) total));
}

static FwBand *
band_exact (GPtrArray *bands, guint yes, guint total)
{
  FwBand *found = g_ptr_array_index (bands, 0);

  for (guint i = 0; i < bands->len; i++)
    {
      FwBand *b = g_ptr_array_index (bands, i);
      if (100 * (guint64) yes >= (guint64) b->min * total)
        found = b;
    }
  return found;
}

static FwBand *
band_of_percent (GPtrArray *bands, guint percent)
{
  FwBand *found = g_ptr_array_index (bands, 0);

  for (guint i = 0; i < bands->len; i++)
    {
      FwBand *b = g_ptr_array_index (bands, i);
      if (percent >= b->min)
        found = b;
    }
  return found;
}

FwBand *
fw_rating_band_for (FwFramework *framework,
                    guint        yes,
                    guint        total,
                    guint       *shown_percent,
                    gboolean    *rounding_decided)
{
  GPtrArray *bands = fw_framework_get_bands (framework);
  FwBand *exact, *band;
  guint shown;

  g_return_val_if_fail (total > 0 && yes <= total, NULL);

  exact = band_exact (bands, yes, total);
  if (fw_framework_get_rounding (framework) == FW_ROUNDING_ROUNDED)
    {
      shown = rounded_percent (yes, total);
      band = band_of_percent (bands, shown);
    }
  else
    {
      shown = (guint) (100 * (guint64) yes / total);
      band = exact;
    }
  if (shown_percent)
    *shown_percent = shown;
  if (rounding_decided)
    *rounding_decided = band != exact;
  return band;
}

static void interval (FwFramework *fw, FwQuestionResult *r);

static void
question_result (FwFramework *fw, FwTally *tally, FwQuestion *q, FwQuestionResult *r)
{
  guint applicable = fw_tally_applicable (tally, q);
  guint answered;

  r->question = q;
  r->yes = tally->yes[q->index];
  r->no = tally->no[q->index];
  r->na = tally->na[q->index];
  answered = r->yes + r->no + r->na;
  r->unanswered = applicable > answered ? applicable - answered : 0;
  r->has_percent = r->yes + r->no > 0;
  if (r->has_percent)
    {
      r->tenths = fw_rating_tenths (r->yes, r->yes + r->no);
      r->band = fw_rating_band_for (fw, r->yes, r->yes + r->no, &r->shown_percent, &r->rounding_decided);
      interval (fw, r);
      /* a question that informs is never rated: its band colours the bar,
       * but there is no rating for the interval to put in doubt */
      if (q->informs)
        r->band_could_change = FALSE;
    }
}

void
fw_rating_wilson (guint yes, guint total, double z, guint *low, guint *high)
{
  double n = total, p, z2, centre, half, denom;

  if (total == 0)
    {
      *low = 0;
      *high = 1000;
      return;
    }
  p = yes / n;
  z2 = z * z;
  denom = 1 + z2 / n;
  centre = (p + z2 / (2 * n)) / denom;
  half = z * sqrt (p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  *low = (guint) floor (MAX (0.0, centre - half) * 1000 + 0.5);
  *high = (guint) floor (MIN (1.0, centre + half) * 1000 + 0.5);
}

/* The interval, and whether a band threshold lies inside it. */
static void
interval (FwFramework *fw, FwQuestionResult *r)
{
  GPtrArray *bands = fw_framework_get_bands (fw);
  guint confidence = 80;

  fw_framework_get_sampling (fw, &confidence, NULL);
  fw_rating_wilson (r->yes, r->yes + r->no, fw_sampling_z (confidence), &r->ci_low, &r->ci_high);
  r->band_could_change = FALSE;
  for (guint i = 0; i < bands->len; i++)
    {
      guint threshold = ((FwBand *) g_ptr_array_index (bands, i))->min * 10;

      if (threshold > 0 && r->ci_low < threshold && threshold <= r->ci_high)
        r->band_could_change = TRUE;
    }
}

static guint
top_score (FwFramework *fw)
{
  GPtrArray *bands = fw_framework_get_bands (fw);
  guint top = 0;

  for (guint i = 0; i < bands->len; i++)
    top = MAX (top, ((FwBand *) g_ptr_array_index (bands, i))->score);
  return top;
}

FwRating *
fw_rating_compute (FwFramework *framework,
                   FwTally     *tally,
                   GHashTable  *judgements)
{
  GPtrArray *questions = fw_framework_get_questions (framework);
  GPtrArray *standards = fw_framework_get_standards (framework);
  GPtrArray *ranges = fw_framework_get_ranges (framework);
  FwRating *rating = g_new0 (FwRating, 1);
  guint best = top_score (framework);

  g_return_val_if_fail (tally->n_questions == questions->len, NULL);

  rating->framework = fw_framework_ref (framework);
  rating->n_questions = questions->len;
  rating->questions = g_new0 (FwQuestionResult, questions->len);
  rating->n_standards = standards->len;
  rating->standards = g_new0 (FwStandardResult, standards->len);
  rating->missing = g_ptr_array_new_with_free_func (g_free);
  rating->complete = TRUE;

  for (guint i = 0; i < questions->len; i++)
    question_result (framework, tally, g_ptr_array_index (questions, i), &rating->questions[i]);

  for (guint i = 0; i < standards->len; i++)
    {
      FwStandard *s = g_ptr_array_index (standards, i);
      FwStandardResult *r = &rating->standards[i];
      guint unanswered = 0;

      r->standard = s;
      r->judged = s->rule == FW_RULE_JUDGED;
      r->n_questions = s->questions->len;
      r->questions = g_new0 (FwQuestionResult, s->questions->len);
      for (guint k = 0; k < tally->n_kinds; k++)
        if (s->kinds & (G_GUINT64_CONSTANT (1) << k))
          r->applicable_cases += tally->cases_of_kind[k];

      for (guint j = 0; j < s->questions->len; j++)
        {
          FwQuestion *q = g_ptr_array_index (s->questions, j);

          if (q->index < 0)
            {
              r->questions[j].question = q;
              continue;
            }
          r->questions[j] = rating->questions[q->index];
          unanswered += r->questions[j].unanswered;
          r->yes += r->questions[j].yes;
          r->no += r->questions[j].no;
          if (r->questions[j].unanswered > 0 && s->rule != FW_RULE_INFORMS)
            g_ptr_array_add (rating->missing,
                             g_strdup_printf (_("%s: %u unanswered"), q->id, r->questions[j].unanswered));

          if (s->rule == FW_RULE_LOWEST && r->questions[j].band != NULL
              && (r->band == NULL || r->questions[j].band->index < r->band->index))
            r->band = r->questions[j].band;
        }
      if (r->yes + r->no > 0)
        r->tenths = fw_rating_tenths (r->yes, r->yes + r->no);

      if (s->rule == FW_RULE_INFORMS)
        {
          /* other findings: each question's % is reported; nothing is rated,
           * scored or waited for */
          r->state = FW_STANDARD_NOT_RATED;
          r->band = NULL;
          continue;
        }

      if (r->judged)
        {
          const char *band_id = judgements ? g_hash_table_lookup (judgements, s->id) : NULL;

          r->band = band_id ? fw_framework_find_band (framework, band_id) : NULL;
          r->state = r->band ? FW_STANDARD_RATED : FW_STANDARD_PENDING;
          if (r->band == NULL)
            g_ptr_array_add (rating->missing, g_strdup_printf (_("%s: no judgement recorded"), s->id));
        }
      else
        {
          if (s->rule == FW_RULE_POOLED && r->yes + r->no > 0)
            r->band = fw_rating_band_for (framework, r->yes, r->yes + r->no, NULL, NULL);

          if (r->applicable_cases == 0)
            r->state = FW_STANDARD_NOT_RATED;
          else if (r->band != NULL)
            r->state = FW_STANDARD_RATED;
          else if (unanswered > 0)
            r->state = FW_STANDARD_PENDING;
          else
            r->state = FW_STANDARD_NOT_RATED;   /* every answer N/A */
          /* a rating from some answers stays provisional until all are in */
        }

      if (r->state == FW_STANDARD_PENDING || unanswered > 0)
        rating->complete = FALSE;
      if (r->state != FW_STANDARD_RATED)
        r->band = NULL;
      /* a standard with no rating yet, like one not rated, is left out of
       * both the score and the maximum */
      if (s->scored && r->state == FW_STANDARD_RATED)
        {
          rating->max_score += best;
          r->score = r->band->score;
          rating->score += r->score;
        }
    }

  rating->has_total = ranges != NULL;
  if (ranges != NULL && rating->max_score > 0)
    {
      /* Ranges are written for the full maximum (the last range's max);
       * when standards are not rated, the score is scaled to it. In
       * integers: score/max ≥ min/full ⇔ score·full ≥ min·max. */
      guint full = ((FwRange *) g_ptr_array_index (ranges, ranges->len - 1))->max;

      for (guint i = 0; i < ranges->len; i++)
        {
          FwRange *range = g_ptr_array_index (ranges, i);
          if ((guint64) rating->score * full >= (guint64) range->min * rating->max_score)
            rating->rating = range->band;
        }
    }

  rating->provisional = fw_framework_list_provisional (framework, rating->has_total);
  return rating;
}

gboolean
fw_standard_result_informs (const FwStandardResult *result)
{
  return result->standard->rule == FW_RULE_INFORMS;
}

FwRating *
fw_rating_compute_from_store (FwStore        *store,
                              const char     *inspection_id,
                              const FwFilter *filter,
                              GError        **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection_id, error);
  g_autoptr(FwTally) tally = NULL;
  g_autoptr(GHashTable) judgements = NULL;

  if (fw == NULL)
    return NULL;
  tally = fw_tally_new (fw);
  if (!fw_store_tally (store, inspection_id, fw, filter, tally, error))
    return NULL;
  if ((judgements = fw_store_get_judgements (store, inspection_id, error)) == NULL)
    return NULL;
  return fw_rating_compute (fw, tally, judgements);
}

void
fw_rating_free (FwRating *rating)
{
  if (rating == NULL)
    return;
  for (guint i = 0; i < rating->n_standards; i++)
    g_free (rating->standards[i].questions);
  g_free (rating->standards);
  g_free (rating->questions);
  g_ptr_array_unref (rating->missing);
  g_clear_pointer (&rating->provisional, g_ptr_array_unref);
  fw_framework_unref (rating->framework);
  g_free (rating);
}
