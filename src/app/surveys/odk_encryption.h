// ODK's encrypted forms (https://getodk.github.io/xforms-spec/encryption), on the server's side:
// the key pair of a structure, kept sealed by secrets only its people know, and the decryption of
// the submissions ODK Collect encrypted with its public key.
//
// A client encrypting a submission draws a random AES-256 key, wraps it with the form's RSA public
// key (OAEP) as base64EncryptedKey, and encrypts each file with AES-256-CFB and PKCS#5 padding:
// the media files first, in the manifest's order, then submission.xml. The IVs come from one
// seed, the MD5 of the instanceID's UTF-8 bytes followed by the AES key: before each file, byte
// (n mod 16) of the seed is incremented, n counting the files from 0. The signature is the MD5 of
// the lines "form_id", "version" (when the form has one), base64EncryptedKey, instanceID, then
// "name::md5hex" of each plain file in that order, submission.xml last, each ending with "\n";
// RSA-OAEP-encrypted as base64EncryptedElementSignature.
//
// ODK Collect asks Java for "RSA/NONE/OAEPWithSHA256AndMGF1Padding", which providers read as
// SHA-256 with MGF1 over SHA-1 (Enketo says so in its own code) or over SHA-256; older clients
// used SHA-1 throughout. A wrapped key is tried under each, in that order: a wrong one fails the
// OAEP check, never yields a wrong key.
//
// The private key never leaves the server unsealed: it is stored sealed twice, by the
// passphrase its structure chose and by a recovery code shown once (Argon2id, then XSalsa20-
// Poly1305 from libsodium), and opened only for the request that presents one of them.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace ensemble::app {

struct RsaKeyPair {
  std::string public_key;   // base64 of the SubjectPublicKeyInfo: the XForm's base64RsaPublicKey
  std::string private_key;  // DER (PKCS#8)
};

// A fresh 2048-bit pair, as ODK's documentation makes with openssl.
Result<RsaKeyPair> NewRsaKeyPair();

// The private key of a PEM file ("BEGIN PRIVATE KEY" or "BEGIN RSA PRIVATE KEY", unencrypted) as
// DER, checked to be RSA; kInvalidArgument on field "private_key" otherwise.
Result<std::string> PrivateKeyFromPem(std::string_view pem);
// The base64 public key of a DER private key (to check it belongs to a form's public key).
Result<std::string> PublicKeyOf(std::string_view private_key);

// "7Q4K-2MZX-…": 120 random bits in Crockford's base32, in groups of four.
Result<std::string> NewRecoveryCode();
// The code as typed back: case, spaces and dashes aside, and the letters people misread (O, I, L)
// read as the digits they stand for.
std::string NormalizedRecoveryCode(std::string_view typed);

// The bytes sealed by `secret`: base64 of a salt, a nonce and the box. Unavailable when memory
// for Argon2id is missing.
Result<std::string> Seal(std::string_view bytes, std::string_view secret);
// The sealed bytes again, or kPermissionDenied on `field` when the secret is not the one.
Result<std::string> Unseal(std::string_view sealed, std::string_view secret, std::string field);

// What a structure's private key recovers of an encrypted submission.
struct EncryptedParts {
  std::string form_id;
  std::string version;  // the manifest's; empty when it has none
  std::string instance_id;
  std::string base64_encrypted_key;
  std::string base64_signature;  // empty when the manifest has none
  // The encrypted files in the order they were encrypted: the media files, then
  // submission.xml.enc. Names end in ".enc".
  std::vector<std::pair<std::string, std::string>> files;
};

struct DecryptedSubmission {
  // Each file's plain bytes under its name without ".enc", in the same order.
  std::vector<std::pair<std::string, std::string>> files;
  std::string xml;               // submission.xml
  bool signature_valid = false;  // false too when the manifest carries none
};

// kPermissionDenied on field "private_key" when the key does not open the wrapped AES key (not the
// structure's key); kInvalidArgument naming the file when a file does not decrypt (its padding).
Result<DecryptedSubmission> DecryptSubmission(std::string_view private_key,
                                              const EncryptedParts& parts);

}  // namespace ensemble::app
