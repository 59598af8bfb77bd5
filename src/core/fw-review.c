/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fw-review.h"
#include "fw-error.h"

void
fw_problem_free (FwProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->case_id);
  g_free (problem->reference);
  g_free (problem->item);
  g_free (problem->message);
  g_free (problem);
}

void
fw_inspector_progress_free (FwInspectorProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->inspector);
  g_free (progress);
}

void
fw_practice_example_free (FwPracticeExample *example)
{
  if (example == NULL)
    return;
  g_free (example->standard);
  g_free (example->item);
  g_free (example->reference);
  g_free (example->note);
  g_free (example);
}

const char *
fw_problem_kind_to_string (FwProblemKind kind)
{
  switch (kind)
    {
    case FW_PROBLEM_UNANSWERED: return "unanswered";
    case FW_PROBLEM_NO_NOTE: return "no-note";
    case FW_PROBLEM_YES_ALL_PROMPTS_NO: return "yes-all-prompts-no";
    case FW_PROBLEM_NO_ALL_PROMPTS_YES: return "no-all-prompts-yes";
    case FW_PROBLEM_NOT_COMPLETE: return "not-complete";
    default: return "?";
    }
}

const char *
fw_problem_kind_title (FwProblemKind kind)
{
  switch (kind)
    {
    case FW_PROBLEM_UNANSWERED: return _("Not answered");
    case FW_PROBLEM_NO_NOTE: return _("Evidence note missing");
    case FW_PROBLEM_YES_ALL_PROMPTS_NO: return _("“Yes” but every prompt “No”");
    case FW_PROBLEM_NO_ALL_PROMPTS_YES: return _("“No” but every prompt “Yes”");
    case FW_PROBLEM_NOT_COMPLETE: return _("Case not complete");
    default: return _("Problem");
    }
}

static void
add (GPtrArray *list, FwProblemKind kind, FwCase *c, const char *item, char *message)
{
  FwProblem *p = g_new0 (FwProblem, 1);

  p->kind = kind;
  p->case_id = g_strdup (c->id);
  p->reference = g_strdup (c->reference);
  p->item = g_strdup (item);
  p->message = message;
  g_ptr_array_add (list, p);
}

/* item → FwAnswerRow* of one case */
static GHashTable *
answers_by_case (GPtrArray *answers)
{
  GHashTable *by_case = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *a = g_ptr_array_index (answers, i);
      GHashTable *items = g_hash_table_lookup (by_case, a->case_id);

      if (items == NULL)
        {
          items = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (by_case, a->case_id, items);
        }
      g_hash_table_insert (items, a->item, a);
    }
  return by_case;
}

GPtrArray *
fw_review_problems (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection_id, error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GHashTable) by_case = NULL;
  GPtrArray *problems;
  GPtrArray *standards;

  if (fw == NULL
      || (cases = fw_store_list_cases (store, inspection_id, NULL, error)) == NULL
      || (answers = fw_store_list_answers (store, inspection_id, error)) == NULL)
    return NULL;
  by_case = answers_by_case (answers);
  standards = fw_framework_get_standards (fw);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_problem_free);

  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      FwKind *kind = fw_framework_find_kind (fw, c->kind);
      GHashTable *items = g_hash_table_lookup (by_case, c->id);
      FwCaseStatus status = FW_CASE_NOT_STARTED;

      for (guint s = 0; s < standards->len; s++)
        {
          FwStandard *standard = g_ptr_array_index (standards, s);

          for (guint q = 0; q < standard->questions->len; q++)
            {
              FwQuestion *question = g_ptr_array_index (standard->questions, q);
              FwAnswerRow *a;
              guint prompts_yes = 0, prompts_no = 0;

              if (!fw_question_applies_to (question, kind))
                continue;
              a = items ? g_hash_table_lookup (items, question->id) : NULL;
              if (a == NULL)
                {
                  add (problems, FW_PROBLEM_UNANSWERED, c, question->id,
                       g_strdup_printf (_("%s: %s is not answered"), c->reference, question->id));
                  continue;
                }
              if (fw_note_required (question->note_policy, a->answer) && (a->note == NULL || *a->note == '\0'))
                add (problems, FW_PROBLEM_NO_NOTE, c, question->id,
                     g_strdup_printf (_("%s: %s is “%s” without an evidence note"), c->reference, question->id,
                                      fw_framework_get_answer_title (fw, a->answer)));

              for (guint p = 0; p < question->prompts->len; p++)
                {
                  FwPrompt *prompt = g_ptr_array_index (question->prompts, p);
                  FwAnswerRow *pa = g_hash_table_lookup (items, prompt->id);

                  if (pa && pa->answer == FW_ANSWER_YES)
                    prompts_yes++;
                  else if (pa && pa->answer == FW_ANSWER_NO)
                    prompts_no++;
                  if (pa && fw_note_required (prompt->note_policy, pa->answer) && (pa->note == NULL || *pa->note == '\0'))
                    add (problems, FW_PROBLEM_NO_NOTE, c, prompt->id,
                         g_strdup_printf (_("%s: prompt %s is “%s” without an evidence note"), c->reference,
                                          prompt->id, fw_framework_get_answer_title (fw, pa->answer)));
                }
              if (a->answer == FW_ANSWER_YES && prompts_no > 0 && prompts_yes == 0)
                add (problems, FW_PROBLEM_YES_ALL_PROMPTS_NO, c, question->id,
                     g_strdup_printf (_("%s: %s is “Yes” but every answered prompt is “No”"), c->reference,
                                      question->id));
              else if (a->answer == FW_ANSWER_NO && prompts_yes > 0 && prompts_no == 0)
                add (problems, FW_PROBLEM_NO_ALL_PROMPTS_YES, c, question->id,
                     g_strdup_printf (_("%s: %s is “No” but every answered prompt is “Yes”"), c->reference,
                                      question->id));
            }
        }

      fw_case_status_from_string (c->status, &status);
      if (status != FW_CASE_COMPLETE && status != FW_CASE_QUALITY_ASSURED)
        add (problems, FW_PROBLEM_NOT_COMPLETE, c, NULL,
             g_strdup_printf (_("%s is not complete (%s)"), c->reference, fw_case_status_title (status)));
    }
  return problems;
}

GPtrArray *
fw_review_progress (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(GPtrArray) cases = fw_store_list_cases (store, inspection_id, NULL, error);
  g_autoptr(FwInspectionInfo) info = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *list;

  if (cases == NULL || (info = fw_store_get_inspection (store, inspection_id, error)) == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_inspector_progress_free);
  /* the team first, in its order, even with nothing allocated yet */
  for (guint i = 0; info->inspectors && info->inspectors[i]; i++)
    {
      FwInspectorProgress *p = g_new0 (FwInspectorProgress, 1);
      p->inspector = g_strdup (info->inspectors[i]);
      g_ptr_array_add (list, p);
      g_hash_table_insert (by_name, p->inspector, p);
    }
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      const char *name = c->inspector ? c->inspector : "";
      FwInspectorProgress *p = g_hash_table_lookup (by_name, name);
      FwCaseStatus status = FW_CASE_NOT_STARTED;

      if (p == NULL)
        {
          p = g_new0 (FwInspectorProgress, 1);
          p->inspector = g_strdup (name);
          g_ptr_array_add (list, p);
          g_hash_table_insert (by_name, p->inspector, p);
        }
      fw_case_status_from_string (c->status, &status);
      p->allocated++;
      p->complete += status == FW_CASE_COMPLETE || status == FW_CASE_QUALITY_ASSURED;
      p->quality_assured += status == FW_CASE_QUALITY_ASSURED;
      p->returned += status == FW_CASE_RETURNED;
    }
  return list;
}

GPtrArray *
fw_review_practice_examples (FwStore *store, const char *inspection_id, GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection_id, error);
  g_autoptr(GPtrArray) answers = NULL;
  GPtrArray *list;

  if (fw == NULL || (answers = fw_store_list_answers (store, inspection_id, error)) == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_practice_example_free);
  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *a = g_ptr_array_index (answers, i);
      FwQuestion *q = NULL;
      FwPrompt *p = NULL;
      FwPracticeExample *e;

      if (a->practice == FW_PRACTICE_NONE)
        continue;
      fw_framework_find_item (fw, a->item, &q, &p);
      if (p)
        q = p->question;
      e = g_new0 (FwPracticeExample, 1);
      e->standard = g_strdup (q ? q->standard->id : "");
      e->item = g_strdup (a->item);
      e->reference = g_strdup (a->reference);
      e->practice = a->practice;
      e->note = g_strdup (a->note);
      g_ptr_array_add (list, e);
    }
  /* by standard, in framework order */
  {
    GPtrArray *standards = fw_framework_get_standards (fw);
    GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_practice_example_free);

    for (guint s = 0; s < standards->len; s++)
      for (guint i = 0; i < list->len; i++)
        {
          FwPracticeExample *e = g_ptr_array_index (list, i);
          if (e && g_strcmp0 (e->standard, ((FwStandard *) g_ptr_array_index (standards, s))->id) == 0)
            {
              g_ptr_array_add (sorted, e);
              list->pdata[i] = NULL;
            }
        }
    g_ptr_array_unref (list);
    list = sorted;
  }
  return list;
}

void
fw_breakdown_column_free (FwBreakdownColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->value);
  g_free (column->title);
  g_clear_pointer (&column->rating, fw_rating_free);
  g_free (column);
}

static int
compare_columns (gconstpointer a, gconstpointer b)
{
  const FwBreakdownColumn *x = *(FwBreakdownColumn *const *) a, *y = *(FwBreakdownColumn *const *) b;

  return g_strcmp0 (x->value, y->value);
}

GPtrArray *
fw_review_breakdown (FwStore *store, const char *inspection_id, const char *attr, GError **error)
{
  g_autoptr(FwFramework) fw = fw_store_load_framework (store, inspection_id, error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GHashTable) by_value = g_hash_table_new (g_str_hash, g_str_equal);
  FwAttribute *attribute;

  g_return_val_if_fail (attr != NULL, NULL);
  if (fw == NULL)
    return NULL;
  attribute = fw_framework_find_attribute (fw, attr);
  if (attribute == NULL && !fw_case_field_is_builtin (attr))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a case attribute of framework %s"), attr, fw_framework_get_id (fw));
      return NULL;
    }
  if ((cases = fw_store_list_cases (store, inspection_id, NULL, error)) == NULL)
    return NULL;
  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_breakdown_column_free);
  for (guint i = 0; i < cases->len; i++)
    {
      FwCase *c = g_ptr_array_index (cases, i);
      const char *value = fw_case_get_attr (c, attr);
      FwBreakdownColumn *column;
      FwCaseStatus status = FW_CASE_NOT_STARTED;

      if (value == NULL || *value == '\0')
        continue;
      if ((column = g_hash_table_lookup (by_value, value)) == NULL)
        {
          FwKind *kind = strcmp (attr, FW_CASE_FIELD_KIND) == 0 ? fw_framework_find_kind (fw, value) : NULL;

          column = g_new0 (FwBreakdownColumn, 1);
          column->value = g_strdup (value);
          column->title = g_strdup (kind ? kind->title
                                    : attribute ? fw_attribute_value_title (attribute, value) : value);
          g_ptr_array_add (columns, column);
          g_hash_table_insert (by_value, column->value, column);
        }
      fw_case_status_from_string (c->status, &status);
      column->n_cases++;
      column->complete += status == FW_CASE_COMPLETE || status == FW_CASE_QUALITY_ASSURED;
    }
  g_ptr_array_sort (columns, compare_columns);
  for (guint i = 0; i < columns->len; i++)
    {
      FwBreakdownColumn *column = g_ptr_array_index (columns, i);
      g_autoptr(FwFilter) filter = fw_filter_new ();

      fw_filter_add (filter, attr, column->value);
      if ((column->rating = fw_rating_compute_from_store (store, inspection_id, filter, error)) == NULL)
        return NULL;
    }
  return g_steal_pointer (&columns);
}
