/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sealed file format of packages and returns (libsodium):
 *
 *   offset  size  field
 *        0     8  magic "FWSEALED"
 *        8     1  format version (1)
 *        9     1  algorithm (1: Argon2id13 + XChaCha20-Poly1305 secretstream)
 *       10     2  reserved, zero
 *       12     8  Argon2id opslimit, big-endian
 *       20     8  Argon2id memlimit in bytes, big-endian
 *       28    16  salt
 *       44    24  secretstream header
 *       68    16  key check: BLAKE2b-128 of bytes 0–67, keyed with a subkey
 *       84    16  header checksum: BLAKE2b-128 of bytes 0–83, unkeyed
 *      100     …  secretstream messages of 65 536 plaintext bytes (+17),
 *                 the last one shorter and tagged FINAL
 *
 * The checksum tells a damaged header from a wrong passphrase; the key
 * check tells a wrong passphrase from a damaged body. Bytes 0–99 are the
 * additional data of the first message, so the header cannot be swapped. */

#define FW_CRYPT_HEADER_SIZE 100

#define FW_CRYPT_ERROR (fw_crypt_error_quark ())
GQuark fw_crypt_error_quark (void);

typedef enum {
  FW_CRYPT_ERROR_NOT_OURS,   /* wrong passphrase or not a Fieldwork file */
  FW_CRYPT_ERROR_DAMAGED,    /* damaged or altered */
  FW_CRYPT_ERROR_TOO_NEW,    /* a newer format */
  FW_CRYPT_ERROR_IO,
  FW_CRYPT_ERROR_FAILED,
} FwCryptError;

/* A key derived from a passphrase and a salt (the costly part). */
typedef struct _FwCryptKey FwCryptKey;

/* Seals plain under passphrase with a new salt, at least the interactive
 * Argon2id limits (FIELDWORK_TEST_FAST_KDF=1 lowers them, for tests only). */
GBytes     *fw_crypt_seal          (GBytes *plain, const char *passphrase, GError **error);
/* Opens a sealed file's bytes; path names it in errors. Refuses, with a
 * one-line error naming the file, anything not sealed with this passphrase
 * and anything changed since. */
GBytes     *fw_crypt_open          (GBytes *sealed, const char *passphrase, const char *path, GError **error);

/* The two halves of fw_crypt_open, so that key derivation can be timed
 * (and done once) apart from decryption. */
FwCryptKey *fw_crypt_derive        (GBytes *sealed, const char *passphrase, const char *path, GError **error);
GBytes     *fw_crypt_open_with_key (GBytes *sealed, FwCryptKey *key, const char *path, GError **error);
void        fw_crypt_key_free      (FwCryptKey *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCryptKey, fw_crypt_key_free)

G_END_DECLS
