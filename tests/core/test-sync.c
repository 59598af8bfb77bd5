/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

/* Team fieldwork: packages, returns, merges, conflicts, on real SQLite
 * files in a temporary folder. Key derivation runs at libsodium's minimum
 * cost here (FIELDWORK_TEST_FAST_KDF=1); real files use the interactive
 * limits. */

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "fw-test-util.h"

#define N_LAPTOPS 6
#define N_CASES   10
#define N_DAYS    5
#define PASS      "correct horse battery staple"

typedef struct {
  char     *dir;
  char     *lead_path;
  FwStore  *lead;
  char     *inspection;
  char     *names[N_LAPTOPS];
  char     *laptop_paths[N_LAPTOPS];
  FwStore  *laptops[N_LAPTOPS];
  char     *case_ids[N_LAPTOPS][N_CASES];
  GPtrArray *items;          /* key questions answered for court cases */
} Team;

static void
team_free (Team *t)
{
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      g_clear_object (&t->laptops[i]);
      g_free (t->names[i]);
      g_free (t->laptop_paths[i]);
      for (guint c = 0; c < N_CASES; c++)
        g_free (t->case_ids[i][c]);
    }
  g_clear_object (&t->lead);
  g_clear_pointer (&t->items, g_ptr_array_unref);
  fw_test_rmdir (t->dir);
  g_free (t->dir);
  g_free (t->lead_path);
  g_free (t->inspection);
  g_free (t);
}

static char *
file_in (Team *t, const char *format, ...) G_GNUC_PRINTF (2, 3);

static char *
file_in (Team *t, const char *format, ...)
{
  va_list args;
  g_autofree char *name = NULL;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  return g_build_filename (t->dir, name, NULL);
}

static void
write_package (Team *t, guint i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = file_in (t, "%s.pkg", t->names[i]);
  g_autoptr(FwSyncFile) file = NULL;
  g_autofree char *id = NULL;

  ck_assert_msg (fw_sync_write_package (t->lead, t->inspection, t->names[i], path, PASS, &error),
                 "%s", error ? error->message : "");
  file = fw_sync_file_read (path, PASS, &error);
  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  if (t->laptops[i] == NULL)
    {
      t->laptops[i] = fw_store_open (t->laptop_paths[i], &error);
      ck_assert_msg (t->laptops[i] != NULL, "%s", error ? error->message : "");
    }
  id = fw_sync_open_package (t->laptops[i], file, NULL, &error);
  ck_assert_msg (id != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (id, t->inspection);
}

static Team *
team_new (void)
{
  Team *t = g_new0 (Team, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *fw_path = fw_test_framework_path ("hmip-youth-2018.xml");
  g_autoptr(FwFramework) fw = fw_test_load_framework (fw_path);
  GPtrArray *questions = fw_framework_get_questions (fw);
  FwKind *court = fw_framework_find_kind (fw, "court");
  const char *team[N_LAPTOPS + 1];

  g_setenv ("FIELDWORK_TEST_FAST_KDF", "1", TRUE);
  t->dir = fw_test_tmpdir ();
  t->lead_path = g_build_filename (t->dir, "lead.db", NULL);
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      t->names[i] = g_strdup_printf ("Inspector %c", 'A' + i);
      t->laptop_paths[i] = g_strdup_printf ("%s/laptop-%u.db", t->dir, i);
      team[i] = t->names[i];
    }
  team[N_LAPTOPS] = NULL;
  t->lead = fw_store_open (t->lead_path, &error);
  ck_assert_msg (t->lead != NULL, "%s", error ? error->message : "");
  fw_store_set_user (t->lead, "Lead");
  t->inspection = fw_store_create_inspection (t->lead, fw, "Test service", "2025-01-06", team, &error);
  ck_assert_msg (t->inspection != NULL, "%s", error ? error->message : "");
  t->items = g_ptr_array_new_with_free_func (g_free);
  for (guint q = 0; q < questions->len && t->items->len < 8; q++)
    {
      FwQuestion *question = g_ptr_array_index (questions, q);
      if (fw_question_applies_to (question, court) && !question->guidance)
        g_ptr_array_add (t->items, g_strdup (question->id));
    }
  for (guint i = 0; i < N_LAPTOPS; i++)
    for (guint c = 0; c < N_CASES; c++)
      {
        const char *fields[FW_TEST_N_FIELDS] = FW_TEST_FIELDS;
        g_autofree char *reference = g_strdup_printf ("R%u-%02u", i, c);

        fields[FW_TEST_KIND] = "court";
        fields[FW_TEST_INSPECTOR] = t->names[i];
        t->case_ids[i][c] = fw_store_add_case (t->lead, t->inspection, reference, fields, &error);
        ck_assert_msg (t->case_ids[i][c] != NULL, "%s", error ? error->message : "");
      }
  for (guint i = 0; i < N_LAPTOPS; i++)
    write_package (t, i);
  return t;
}

static char *
write_return (Team *t, guint i, const char *label)
{
  g_autoptr(GError) error = NULL;
  char *path = file_in (t, "%s-%s.ret", t->names[i], label);

  ck_assert_msg (fw_sync_write_return (t->laptops[i], t->inspection, path, PASS, NULL, &error),
                 "%s", error ? error->message : "");
  return path;
}

static FwSyncResult
merge_paths (Team *t, GPtrArray *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
  FwSyncResult result = { 0 };

  for (guint i = 0; i < paths->len; i++)
    {
      FwSyncFile *file = fw_sync_file_read (g_ptr_array_index (paths, i), PASS, &error);
      ck_assert_msg (file != NULL, "%s", error ? error->message : "");
      g_ptr_array_add (files, file);
    }
  ck_assert_msg (fw_sync_merge (t->lead, t->inspection, files, NULL, NULL, NULL, &result, &error),
                 "%s", error ? error->message : "");
  return result;
}

static void
random_work (Team *t, GRand *rand, guint i, const char *case_id, guint day)
{
  for (guint n = 0; n < 4; n++)
    {
      g_autoptr(GError) error = NULL;
      const char *item = g_ptr_array_index (t->items, g_rand_int_range (rand, 0, t->items->len));
      FwAnswer answer = g_rand_boolean (rand) ? FW_ANSWER_YES : FW_ANSWER_NO;
      g_autofree char *note = g_strdup_printf ("day %u by %s: %u", day, t->names[i], g_rand_int (rand) % 1000);
      int what = g_rand_int_range (rand, 0, 10);

      if (what == 0)
        ck_assert_msg (fw_store_set_answer (t->laptops[i], case_id, item, FW_ANSWER_NONE, NULL, "answer", &error),
                       "%s", error->message);
      else if (what == 1)
        {
          FwAnswer old = FW_ANSWER_NONE;
          fw_store_get_answer (t->laptops[i], case_id, item, &old, NULL, NULL);
          if (old != FW_ANSWER_NONE)
            ck_assert_msg (fw_store_set_practice (t->laptops[i], case_id, item,
                                                  g_rand_boolean (rand) ? FW_PRACTICE_GOOD : FW_PRACTICE_POOR, &error),
                           "%s", error->message);
        }
      else
        ck_assert_msg (fw_store_set_answer (t->laptops[i], case_id, item, answer, note, "answer", &error),
                       "%s", error ? error->message : "");
    }
}

/* item → "value|note|practice" of a case */
static GHashTable *
case_state (FwStore *store, const char *case_id)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) answers = fw_store_get_case_answers (store, case_id, NULL);
  g_autoptr(GHashTable) practice = fw_store_get_case_practice (store, case_id, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *note = NULL;
      FwAnswer answer;

      fw_store_get_answer (store, case_id, key, &answer, &note, NULL);
      g_hash_table_insert (out, g_strdup (key), g_strdup_printf ("%s|%s|%s", (char *) value, note ? note : "",
                                                                 (char *) g_hash_table_lookup (practice, key) ?: ""));
    }
  return out;
}

static gboolean
has_conflict (GPtrArray *conflicts, const char *case_id, const char *item, const char *author, const char *kind)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      FwSyncConflict *c = g_ptr_array_index (conflicts, i);
      if (g_strcmp0 (c->case_id, case_id) == 0 && (item == NULL || g_strcmp0 (c->item, item) == 0)
          && g_strcmp0 (c->author, author) == 0 && (kind == NULL || g_strcmp0 (c->kind, kind) == 0))
        return TRUE;
    }
  return FALSE;
}

/* 6 laptops × 10 cases, 5 days of random work with a return each day,
 * merged in a random order with duplicates of older returns; the lead
 * edits one inspector's answer, and reallocates a case mid-week. */
START_TEST (test_simulation)
{
  Team *t = team_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250106);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const char *lead_item = g_ptr_array_index (t->items, 0);
  const char *moved = NULL;          /* case 9 of laptop 1, to laptop 2 on day 3 */
  FwSyncResult again;

  for (guint day = 1; day <= N_DAYS; day++)
    {
      g_autoptr(GPtrArray) today = g_ptr_array_new ();

      for (guint i = 0; i < N_LAPTOPS; i++)
        {
          for (guint c = 0; c < N_CASES; c++)
            if (g_rand_int_range (rand, 0, 3) == 0)
              random_work (t, rand, i, t->case_ids[i][c], day);
          if (i == 0 && day == 3)
            {
              /* the inspector changes the answer the lead edited on day 2 */
              ck_assert (fw_store_set_answer (t->laptops[0], t->case_ids[0][0], lead_item, FW_ANSWER_NO,
                                              "the inspector's own view", "answer", &error));
            }
          if (i == 1 && day >= 4)
            random_work (t, rand, 1, t->case_ids[1][9], day);   /* no longer theirs */
          if (i == 2 && moved && day >= 4)
            random_work (t, rand, 2, moved, day);
          {
            g_autofree char *label = g_strdup_printf ("day%u", day);
            g_ptr_array_add (all, write_return (t, i, label));
          }
          g_ptr_array_add (today, g_ptr_array_index (all, all->len - 1));
        }
      /* today's returns in a random order, and two older ones again */
      for (guint k = 0; k < 2 && all->len > N_LAPTOPS; k++)
        g_ptr_array_add (today, g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len - N_LAPTOPS)));
      for (guint k = today->len - 1; k > 0; k--)
        {
          guint j = g_rand_int_range (rand, 0, k + 1);
          gpointer tmp = today->pdata[k];
          today->pdata[k] = today->pdata[j];
          today->pdata[j] = tmp;
        }
      /* one merge holding some, one the rest */
      {
        g_autoptr(GPtrArray) first = g_ptr_array_new (), rest = g_ptr_array_new ();
        for (guint k = 0; k < today->len; k++)
          g_ptr_array_add (k % 2 ? rest : first, g_ptr_array_index (today, k));
        merge_paths (t, first);
        merge_paths (t, rest);
      }
      if (day == 2)
        {
          FwAnswer current = FW_ANSWER_NONE;
          fw_store_get_answer (t->lead, t->case_ids[0][0], lead_item, &current, NULL, NULL);
          ck_assert (fw_store_set_answer (t->lead, t->case_ids[0][0], lead_item, FW_ANSWER_YES,
                                          "the lead's view", "answer", &error));
        }
      if (day == 3)
        {
          const char *ids[] = { t->case_ids[1][9], NULL };
          ck_assert_msg (fw_sync_allocate (t->lead, t->inspection, ids, t->names[2], &error), "%s",
                         error ? error->message : "");
          moved = t->case_ids[1][9];
          write_package (t, 2);   /* laptop 2 gets the case, with its answers so far */
        }
    }

  /* re-merging everything, in another order, changes nothing */
  for (guint k = all->len - 1; k > 0; k--)
    {
      guint j = g_rand_int_range (rand, 0, k + 1);
      gpointer tmp = all->pdata[k];
      all->pdata[k] = all->pdata[j];
      all->pdata[j] = tmp;
    }
  again = merge_paths (t, all);
  ck_assert_uint_eq (again.changes, 0);
  ck_assert_uint_eq (again.conflicts, 0);

  conflicts = fw_sync_list_conflicts (t->lead, t->inspection, &error);
  ck_assert (conflicts != NULL);
  ck_assert_msg (has_conflict (conflicts, t->case_ids[0][0], lead_item, t->names[0], "both-changed"),
                 "the lead's edit of an inspector's answer is listed");
  ck_assert_msg (has_conflict (conflicts, moved, NULL, t->names[1], NULL),
                 "work on a reallocated case is listed");

  /* the lead's inspection is the union of the laptops' work, answer by
   * answer and note by note, but where the lead's value stays */
  for (guint i = 0; i < N_LAPTOPS; i++)
    for (guint c = 0; c < N_CASES; c++)
      {
        const char *case_id = t->case_ids[i][c];
        guint owner = case_id == moved ? 2 : i;
        g_autoptr(GHashTable) lead = case_state (t->lead, case_id);
        g_autoptr(GHashTable) laptop = case_state (t->laptops[owner], case_id);
        GHashTableIter iter;
        gpointer key, value;

        if (c == 0 && i == 0)
          {
            g_autofree char *mine = g_strdup (g_hash_table_lookup (lead, lead_item));
            ck_assert_msg (g_str_has_prefix (mine, "yes|the lead's view"), "lead's value stays: %s", mine);
            g_hash_table_remove (lead, lead_item);
            g_hash_table_remove (laptop, lead_item);
          }
        {
          GHashTableIter it2;
          gpointer k2, v2;
          g_hash_table_iter_init (&it2, lead);
          while (g_hash_table_iter_next (&it2, &k2, &v2))
            {
              if (!g_hash_table_contains (laptop, k2))
                for (guint w = 0; w < 2; w++)
                  {
                    g_autoptr(GPtrArray) au = fw_store_list_audit (w ? t->laptops[owner] : t->lead, t->inspection, case_id, NULL);
                    for (guint z = 0; z < au->len; z++)
                      {
                        FwAuditEntry *e = g_ptr_array_index (au, z);
                        if (g_strcmp0 (e->item, k2) == 0 || e->item == NULL)
                          g_printerr ("%s %s %s %s %s %s->%s\n", w ? "laptop" : "lead", e->at, e->who, e->item, e->action, e->old_value, e->new_value);
                      }
                  }
              ck_assert_msg (g_hash_table_contains (laptop, k2), "laptop %u case %u %s: lead has %s %s, the laptop none",
                           i, c, case_id, (char *) k2, (char *) v2);
            }
        }
        ck_assert_uint_eq (g_hash_table_size (lead), g_hash_table_size (laptop));
        g_hash_table_iter_init (&iter, laptop);
        while (g_hash_table_iter_next (&iter, &key, &value))
          ck_assert_msg (g_strcmp0 (g_hash_table_lookup (lead, key), value) == 0, "%s %s: lead %s, laptop %s",
                         case_id, (char *) key, (char *) g_hash_table_lookup (lead, key), (char *) value);
      }

  /* every laptop's audit rows are the lead's too, with who and when */
  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      g_autoptr(GPtrArray) mine = fw_store_list_audit (t->laptops[i], t->inspection, NULL, NULL);
      g_autoptr(GPtrArray) lead = fw_store_list_audit (t->lead, t->inspection, NULL, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint k = 0; k < lead->len; k++)
        {
          FwAuditEntry *e = g_ptr_array_index (lead, k);
          g_hash_table_add (seen, g_strdup_printf ("%s|%s|%s|%s", e->at, e->who, e->item, e->action));
        }
      for (guint k = 0; k < mine->len; k++)
        {
          FwAuditEntry *e = g_ptr_array_index (mine, k);
          g_autofree char *key = g_strdup_printf ("%s|%s|%s|%s", e->at, e->who, e->item, e->action);
          if (g_strcmp0 (e->action, "sync") == 0)
            continue;
          ck_assert_msg (g_hash_table_contains (seen, key), "laptop %u's audit row %s reached the lead", i, key);
        }
    }

  /* resolving keeps the inspector's value, audited */
  for (guint k = 0; k < conflicts->len; k++)
    {
      FwSyncConflict *c = g_ptr_array_index (conflicts, k);
      if (g_strcmp0 (c->case_id, t->case_ids[0][0]) == 0 && c->resolved == NULL
          && g_strcmp0 (c->inspector_value, "no") == 0)
        {
          FwAnswer answer;
          ck_assert_msg (fw_sync_resolve (t->lead, t->inspection, c->id, FW_SYNC_KEEP_INSPECTOR, &error), "%s",
                         error ? error->message : "");
          fw_store_get_answer (t->lead, t->case_ids[0][0], lead_item, &answer, NULL, NULL);
          ck_assert_int_eq (answer, FW_ANSWER_NO);
          ck_assert (!fw_sync_resolve (t->lead, t->inspection, c->id, FW_SYNC_KEEP_LEAD, &error));
          g_clear_error (&error);
          break;
        }
    }
  team_free (t);
}
END_TEST

/* A laptop may not do the lead's work; returned cases and comments reach it
 * in an updated package. */
START_TEST (test_roles_and_updates)
{
  Team *t = team_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(FwCase) kase = NULL;
  g_autoptr(GPtrArray) laptop_cases = NULL;

  ck_assert (!fw_store_set_locked (t->laptops[0], t->inspection, TRUE, NULL, &error));
  ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  /* a laptop has only its inspector's cases */
  laptop_cases = fw_store_list_cases (t->laptops[0], t->inspection, NULL, &error);
  ck_assert_uint_eq (laptop_cases->len, N_CASES);
  /* the lead's database cannot open a package of its own inspection */
  {
    g_autofree char *path = file_in (t, "%s.pkg", t->names[0]);
    g_autoptr(FwSyncFile) file = fw_sync_file_read (path, PASS, &error);
    ck_assert (fw_sync_open_package (t->lead, file, NULL, &error) == NULL);
    ck_assert_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }
  for (guint n = 0; n < t->items->len; n++)
    ck_assert (fw_store_set_answer (t->laptops[0], t->case_ids[0][0], g_ptr_array_index (t->items, n),
                                    FW_ANSWER_YES, "seen", "answer", &error));
  g_ptr_array_add (paths, write_return (t, 0, "one"));
  merge_paths (t, paths);
  ck_assert_msg (fw_store_add_review_comment (t->lead, t->case_ids[0][0], NULL, "Please add evidence", &error),
                 "%s", error ? error->message : "");
  {
    const char *ids[] = { t->case_ids[0][2], NULL };   /* taken away: not the laptop's any more */
    ck_assert (fw_sync_allocate (t->lead, t->inspection, ids, t->names[1], &error));
  }
  /* meanwhile the laptop works on another case */
  ck_assert (fw_store_set_answer (t->laptops[0], t->case_ids[0][1], g_ptr_array_index (t->items, 0),
                                  FW_ANSWER_NO, "pending", "answer", &error));
  write_package (t, 0);
  kase = fw_store_get_case (t->laptops[0], t->case_ids[0][2], NULL);
  ck_assert_msg (kase == NULL, "a case no longer allocated leaves the laptop");
  comments = fw_store_list_review_comments (t->laptops[0], t->case_ids[0][0], &error);
  ck_assert_uint_eq (comments->len, 1);
  {
    FwAnswer answer;
    g_autofree char *note = NULL;
    fw_store_get_answer (t->laptops[0], t->case_ids[0][1], g_ptr_array_index (t->items, 0), &answer, &note, NULL);
    ck_assert_int_eq (answer, FW_ANSWER_NO);   /* the laptop's unreturned work stays */
    ck_assert_str_eq (note, "pending");
  }
  /* and it comes back in the next return */
  g_ptr_array_add (paths, write_return (t, 0, "two"));
  merge_paths (t, paths);
  {
    FwAnswer answer;
    fw_store_get_answer (t->lead, t->case_ids[0][1], g_ptr_array_index (t->items, 0), &answer, NULL, NULL);
    ck_assert_int_eq (answer, FW_ANSWER_NO);
  }
  team_free (t);
}
END_TEST

static char *
db_digest (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *a = fw_test_file_digest (path);
  g_autofree char *b = fw_test_file_digest (wal);
  return g_strconcat (a, b, NULL);
}

static gboolean
run_cli (char **out_err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FW_CLI"));
  va_start (args, out_err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, out_err, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

static void
assert_refused (Team *t, const char *file, const char *pass, const char *message)
{
  g_autofree char *before = db_digest (t->lead_path);
  g_autofree char *after = NULL, *err = NULL;
  g_autofree char *pass_file = file_in (t, "pass.txt");

  g_file_set_contents (pass_file, pass, -1, NULL);
  ck_assert_msg (!run_cli (&err, "--db", t->lead_path, "merge", "--inspection", t->inspection,
                           "--passphrase-file", pass_file, file, NULL), "%s was merged", file);
  ck_assert_msg (strstr (err, message) != NULL && strstr (err, file) != NULL, "“%s” should say “%s”", err, message);
  ck_assert_msg (strchr (err, '\n') == err + strlen (err) - 1, "one line: %s", err);
  after = db_digest (t->lead_path);
  ck_assert_str_eq (before, after);
}

static char *
altered (Team *t, const char *path, const char *name, gssize flip, gssize keep)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *out = file_in (t, "%s", name);

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  if (flip >= 0)
    contents[flip < (gssize) length ? flip : (gssize) length - 1] ^= 0x04;
  ck_assert (g_file_set_contents (out, contents, keep >= 0 ? keep : (gssize) length, NULL));
  return out;
}

/* Wrong passphrase, a flipped byte in each region, a truncated file,
 * another inspection's file: each refused, the database byte-identical. */
START_TEST (test_refusals)
{
  Team *t = team_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL, *other_path = NULL;
  gsize length;
  struct { const char *name; gssize flip; const char *message; } flips[] = {
    { "magic.ret", 2, "wrong passphrase or not a Fieldwork file" },
    { "version.ret", 8, "damaged or altered" },
    { "limits.ret", 15, "damaged or altered" },
    { "salt.ret", 30, "damaged or altered" },
    { "stream.ret", 50, "damaged or altered" },
    { "check.ret", 70, "damaged or altered" },
    { "sum.ret", 90, "damaged or altered" },
    { "body.ret", 120, "damaged or altered" },
    { "tag.ret", G_MAXSSIZE, "damaged or altered" },
  };

  ck_assert (fw_store_set_answer (t->laptops[0], t->case_ids[0][0], g_ptr_array_index (t->items, 0),
                                  FW_ANSWER_YES, "x", "answer", &error));
  good = write_return (t, 0, "good");
  g_clear_object (&t->lead);   /* the file alone, as the command line sees it */
  {
    g_autofree char *contents = NULL;
    ck_assert (g_file_get_contents (good, &contents, &length, NULL));
  }

  assert_refused (t, good, "not the passphrase", "wrong passphrase or not a Fieldwork file");
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autofree char *bad = altered (t, good, flips[i].name, flips[i].flip, -1);
      assert_refused (t, bad, PASS, flips[i].message);
    }
  {
    g_autofree char *header = altered (t, good, "short-header.ret", -1, 50);
    g_autofree char *body = altered (t, good, "short-body.ret", -1, (gssize) length - 10);
    g_autofree char *chunk = altered (t, good, "no-end.ret", -1, (gssize) length - 17);
    assert_refused (t, header, PASS, "damaged or altered");
    assert_refused (t, body, PASS, "damaged or altered");
    assert_refused (t, chunk, PASS, "damaged or altered");
  }
  /* a package is not a return */
  {
    g_autofree char *package = file_in (t, "%s.pkg", t->names[1]);
    assert_refused (t, package, PASS, "a package, not a return");
  }
  /* another inspection's return */
  {
    Team *other = team_new ();
    ck_assert (fw_store_set_answer (other->laptops[0], other->case_ids[0][0], g_ptr_array_index (other->items, 0),
                                    FW_ANSWER_NO, "y", "answer", &error));
    other_path = write_return (other, 0, "other");
    g_autofree char *copy = file_in (t, "other.ret");
    g_autofree char *contents = NULL;
    g_file_get_contents (other_path, &contents, &length, NULL);
    g_file_set_contents (copy, contents, length, NULL);
    team_free (other);
    assert_refused (t, copy, PASS, "a return of another inspection");
  }
  /* and the good one merges */
  {
    g_autofree char *err = NULL, *pass_file = file_in (t, "pass.txt");
    g_file_set_contents (pass_file, PASS, -1, NULL);
    ck_assert (run_cli (&err, "--db", t->lead_path, "merge", "--inspection", t->inspection,
                        "--passphrase-file", pass_file, good, NULL));
  }
  team_free (t);
}
END_TEST

static char *
lead_state (const char *path, const char *inspection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);
  g_autoptr(GPtrArray) answers = NULL;
  GString *out = g_string_new (NULL);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  answers = fw_store_list_answers (store, inspection, &error);
  for (guint i = 0; i < answers->len; i++)
    {
      FwAnswerRow *row = g_ptr_array_index (answers, i);
      g_string_append_printf (out, "%s %s %d %s\n", row->reference, row->item, row->answer, row->note);
    }
  g_string_append_printf (out, "audit %u\n", fw_store_count_audit (store, inspection, NULL));
  return g_string_free (out, FALSE);
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  ck_assert (g_file_get_contents (from, &contents, &length, NULL));
  ck_assert (g_file_set_contents (to, contents, length, NULL));
}

/* kill -9 at random points of a merge: all of it or none. */
START_TEST (test_kill_during_merge)
{
  Team *t = team_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *before = NULL, *merged = NULL, *pristine = file_in (t, "pristine.db");
  gint64 start, took;
  guint none = 0, all = 0;

  for (guint i = 0; i < N_LAPTOPS; i++)
    {
      for (guint c = 0; c < N_CASES; c++)
        random_work (t, rand, i, t->case_ids[i][c], 1);
      g_ptr_array_add (paths, write_return (t, i, "kill"));
    }
  g_clear_object (&t->lead);
  copy_file (t->lead_path, pristine);
  before = lead_state (t->lead_path, t->inspection);
  t->lead = fw_store_open (t->lead_path, &error);
  start = g_get_monotonic_time ();
  merge_paths (t, paths);
  took = g_get_monotonic_time () - start;
  g_clear_object (&t->lead);
  merged = lead_state (t->lead_path, t->inspection);
  ck_assert_str_ne (before, merged);

  for (guint round = 0; round < 12; round++)
    {
      g_autofree char *state = NULL, *wal = g_strconcat (t->lead_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (t->lead_path, "-shm", NULL);
      pid_t pid;
      int status;

      g_unlink (wal);
      g_unlink (shm);
      copy_file (pristine, t->lead_path);
      pid = fork ();
      ck_assert (pid >= 0);
      if (pid == 0)
        {
          g_autoptr(FwStore) store = fw_store_open (t->lead_path, NULL);
          g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_sync_file_free);
          for (guint i = 0; i < paths->len; i++)
            g_ptr_array_add (files, fw_sync_file_read (g_ptr_array_index (paths, i), PASS, NULL));
          fw_sync_merge (store, t->inspection, files, NULL, NULL, NULL, NULL, NULL);
          _exit (0);
        }
      g_usleep (g_rand_int_range (rand, 0, (gint32) MAX (took * 2, 1000)));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      state = lead_state (t->lead_path, t->inspection);
      if (g_strcmp0 (state, before) == 0)
        none++;
      else
        {
          ck_assert_msg (g_strcmp0 (state, merged) == 0, "round %u: a part of the merge", round);
          all++;
        }
    }
  ck_assert_uint_eq (none + all, 12);
  team_free (t);
}
END_TEST

static Suite *
sync_suite (void)
{
  Suite *s = suite_create ("sync");
  TCase *tc = tcase_create ("team");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_simulation);
  tcase_add_test (tc, test_roles_and_updates);
  tcase_add_test (tc, test_refusals);
  tcase_add_test (tc, test_kill_during_merge);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return fw_test_run (sync_suite ());
}
