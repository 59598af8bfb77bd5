/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fieldwork"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "fw-crypt.h"

#define MAGIC          "FWSEALED"
#define FORMAT_VERSION 1
#define ALGORITHM      1
#define CHUNK          65536
#define KDF_CONTEXT    "FWSEALED"
#define OFF_LIMITS     12
#define OFF_SALT       28
#define OFF_STREAM     44
#define OFF_CHECK      68
#define OFF_SUM        84

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);
G_STATIC_ASSERT (OFF_SUM + 16 == FW_CRYPT_HEADER_SIZE);

struct _FwCryptKey {
  guchar stream[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar check[crypto_generichash_KEYBYTES];
};

G_DEFINE_QUARK (fw-crypt-error-quark, fw_crypt_error)

static gboolean
init_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, FW_CRYPT_ERROR, FW_CRYPT_ERROR_FAILED, "libsodium could not start");
      return FALSE;
    }
  return TRUE;
}

void
fw_crypt_key_free (FwCryptKey *key)
{
  if (key == NULL)
    return;
  sodium_memzero (key, sizeof *key);
  g_free (key);
}

static void
put_u64 (guchar *p, guint64 v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static guint64
get_u64 (const guchar *p)
{
  guint64 v = 0;

  for (int i = 0; i < 8; i++)
    v = (v << 8) | p[i];
  return v;
}

/* The Argon2id limits files are sealed with: libsodium's interactive ones
 * (or, for the test suite only, its minimum). */
static void
seal_limits (guint64 *ops, guint64 *mem)
{
  if (g_strcmp0 (g_getenv ("FIELDWORK_TEST_FAST_KDF"), "1") == 0)
    {
      *ops = crypto_pwhash_OPSLIMIT_MIN;
      *mem = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }
  *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static FwCryptKey *
derive (const guchar *header, const char *passphrase, GError **error)
{
  g_autoptr(FwCryptKey) key = g_new0 (FwCryptKey, 1);
  guchar master[32];
  guint64 ops = get_u64 (header + OFF_LIMITS), mem = get_u64 (header + OFF_LIMITS + 8);

  if (crypto_pwhash (master, sizeof master, passphrase, strlen (passphrase), header + OFF_SALT,
                     ops, (size_t) mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, FW_CRYPT_ERROR, FW_CRYPT_ERROR_FAILED,
                           _("not enough memory to derive the key from the passphrase"));
      return NULL;
    }
  crypto_kdf_derive_from_key (key->stream, sizeof key->stream, 1, KDF_CONTEXT, master);
  crypto_kdf_derive_from_key (key->check, sizeof key->check, 2, KDF_CONTEXT, master);
  sodium_memzero (master, sizeof master);
  return g_steal_pointer (&key);
}

GBytes *
fw_crypt_seal (GBytes *plain, const char *passphrase, GError **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(FwCryptKey) key = NULL;
  g_autoptr(GByteArray) out = NULL;
  guchar header[FW_CRYPT_HEADER_SIZE] = { 0 };
  guint64 ops, mem;
  gsize length, done = 0;
  const guchar *data;

  g_return_val_if_fail (plain != NULL && passphrase != NULL, NULL);
  if (!init_sodium (error))
    return NULL;
  seal_limits (&ops, &mem);
  memcpy (header, MAGIC, 8);
  header[8] = FORMAT_VERSION;
  header[9] = ALGORITHM;
  put_u64 (header + OFF_LIMITS, ops);
  put_u64 (header + OFF_LIMITS + 8, mem);
  randombytes_buf (header + OFF_SALT, crypto_pwhash_SALTBYTES);
  if ((key = derive (header, passphrase, error)) == NULL)
    return NULL;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + OFF_STREAM, key->stream);
  crypto_generichash (header + OFF_CHECK, 16, header, OFF_CHECK, key->check, sizeof key->check);
  crypto_generichash (header + OFF_SUM, 16, header, OFF_SUM, NULL, 0);

  /* an empty GBytes has no data pointer: seal no bytes from somewhere */
  if ((data = g_bytes_get_data (plain, &length)) == NULL)
    data = header;
  out = g_byte_array_sized_new (FW_CRYPT_HEADER_SIZE + length + (length / CHUNK + 1) * 17);
  g_byte_array_append (out, header, sizeof header);
  do
    {
      gsize n = MIN (CHUNK, length - done);
      gboolean last = done + n == length;
      guint offset = out->len;

      g_byte_array_set_size (out, offset + n + crypto_secretstream_xchacha20poly1305_ABYTES);
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + offset, NULL, data + done, n,
                                                  done == 0 ? header : NULL, done == 0 ? sizeof header : 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      done += n;
      if (last)
        break;
    }
  while (TRUE);
  sodium_memzero (&state, sizeof state);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
not_ours (const char *path, GError **error)
{
  g_set_error (error, FW_CRYPT_ERROR, FW_CRYPT_ERROR_NOT_OURS,
               /* TRANSLATORS: %s is a package or return file */
               _("%s: wrong passphrase or not a Fieldwork file"), path);
  return FALSE;
}

static gboolean
damaged (const char *path, GError **error)
{
  g_set_error (error, FW_CRYPT_ERROR, FW_CRYPT_ERROR_DAMAGED,
               /* TRANSLATORS: %s is a package or return file */
               _("%s: damaged or altered; ask for the file again"), path);
  return FALSE;
}

/* The checks on the header that need no key. */
static gboolean
check_header (const guchar *data, gsize length, const char *path, GError **error)
{
  guchar sum[16];
  guint64 ops, mem;

  if (length < 8 || memcmp (data, MAGIC, 8) != 0)
    return not_ours (path, error);
  if (length < FW_CRYPT_HEADER_SIZE)
    return damaged (path, error);
  crypto_generichash (sum, sizeof sum, data, OFF_SUM, NULL, 0);
  if (sodium_memcmp (sum, data + OFF_SUM, sizeof sum) != 0)
    return damaged (path, error);
  if (data[8] != FORMAT_VERSION || data[9] != ALGORITHM)
    {
      g_set_error (error, FW_CRYPT_ERROR, FW_CRYPT_ERROR_TOO_NEW,
                   _("%s: made by a newer Fieldwork (file format %u); update Fieldwork to open it"),
                   path, data[8]);
      return FALSE;
    }
  ops = get_u64 (data + OFF_LIMITS);
  mem = get_u64 (data + OFF_LIMITS + 8);
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE
      || mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return damaged (path, error);
  return TRUE;
}

FwCryptKey *
fw_crypt_derive (GBytes *sealed, const char *passphrase, const char *path, GError **error)
{
  g_autoptr(FwCryptKey) key = NULL;
  const guchar *data;
  guchar check[16];
  gsize length;

  g_return_val_if_fail (sealed != NULL && passphrase != NULL, NULL);
  if (!init_sodium (error))
    return NULL;
  data = g_bytes_get_data (sealed, &length);
  if (!check_header (data, length, path, error) || (key = derive (data, passphrase, error)) == NULL)
    return NULL;
  crypto_generichash (check, sizeof check, data, OFF_CHECK, key->check, sizeof key->check);
  if (sodium_memcmp (check, data + OFF_CHECK, sizeof check) != 0)
    {
      not_ours (path, error);
      return NULL;
    }
  return g_steal_pointer (&key);
}

GBytes *
fw_crypt_open_with_key (GBytes *sealed, FwCryptKey *key, const char *path, GError **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(GByteArray) out = NULL;
  const guchar *data;
  gsize length, at = FW_CRYPT_HEADER_SIZE;
  gboolean final = FALSE;

  data = g_bytes_get_data (sealed, &length);
  if (!check_header (data, length, path, error))
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, data + OFF_STREAM, key->stream) != 0)
    {
      damaged (path, error);
      return NULL;
    }
  out = g_byte_array_sized_new (length);
  while (!final)
    {
      gsize n = MIN (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES, length - at);
      unsigned long long plain_length;
      guint offset = out->len;
      guchar tag = 0;

      if (n < crypto_secretstream_xchacha20poly1305_ABYTES)
        break;
      g_byte_array_set_size (out, offset + n);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, out->data + offset, &plain_length, &tag,
                                                      data + at, n, at == FW_CRYPT_HEADER_SIZE ? data : NULL,
                                                      at == FW_CRYPT_HEADER_SIZE ? FW_CRYPT_HEADER_SIZE : 0) != 0)
        break;
      g_byte_array_set_size (out, offset + (guint) plain_length);
      at += n;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      /* only the last message may be short, and nothing follows it */
      if (final != (at == length) || (!final && plain_length != CHUNK))
        break;
    }
  sodium_memzero (&state, sizeof state);
  if (!final || at != length)
    {
      sodium_memzero (out->data, out->len);
      damaged (path, error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
fw_crypt_open (GBytes *sealed, const char *passphrase, const char *path, GError **error)
{
  g_autoptr(FwCryptKey) key = fw_crypt_derive (sealed, passphrase, path, error);

  if (key == NULL)
    return NULL;
  return fw_crypt_open_with_key (sealed, key, path, error);
}
