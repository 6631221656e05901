// The decryption of ODK's encrypted submissions against a client that is not ours: each
// submission here is encrypted by tests/surveys/odk_encrypt.py (python3-cryptography, written
// from the ODK specification) with a key pair the server made.
#include "app/surveys/odk_encryption.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "documents/test_support.h"

namespace ensemble::app {
namespace {

using documents::test_support::RunCommand;
using documents::test_support::ScratchDir;

constexpr const char* kInstanceId = "uuid:6f1c5c2e-8a4b-4e0b-9a57-3f0c2d9e7a10";
constexpr const char* kPlain =
    R"(<data id="seniors" version="2026-12-ab12cd34"><age>81</age><seul>oui</seul>)"
    R"(<photo>logement.jpg</photo><meta><instanceID>uuid:6f1c5c2e-8a4b-4e0b-9a57-3f0c2d9e7a10)"
    R"(</instanceID></meta></data>)";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// What the client sent, as the server stores it: the manifest's parts and the encrypted files.
EncryptedParts Encrypted(const RsaKeyPair& pair, const std::string& oaep = "sha256-sha1",
                         const std::string& version = "2026-12-ab12cd34") {
  ScratchDir dir;
  const std::string photo = std::string("\xFF\xD8\xFF\xE0 JPEG du logement", 21);
  const std::string command = std::string("/usr/bin/python3 ") + ENSEMBLE_ODK_ENCRYPT +
                              " --public-key " + pair.public_key + " --form-id seniors" +
                              (version.empty() ? "" : " --version " + version) + " --instance-id " +
                              kInstanceId + " --submission " + dir.Write("plain.xml", kPlain) +
                              " --media logement.jpg=" + dir.Write("photo.jpg", photo) +
                              " --oaep " + oaep + " --out " + dir.File("") + " 2>&1";
  const auto run = RunCommand(command);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const std::string manifest = ReadFile(dir.File("submission.xml"));
  const auto between = [&](const std::string& element) {
    const std::string open = "<" + element + ">";
    const auto start = manifest.find(open);
    if (start == std::string::npos) return std::string();
    const auto end = manifest.find("</" + element + ">", start);
    return manifest.substr(start + open.size(), end - start - open.size());
  };
  EncryptedParts parts;
  parts.form_id = "seniors";
  parts.version = version;
  parts.instance_id = kInstanceId;
  parts.base64_encrypted_key = between("base64EncryptedKey");
  parts.base64_signature = between("base64EncryptedElementSignature");
  for (const char* name : {"logement.jpg.enc", "submission.xml.enc"}) {
    parts.files.emplace_back(name, ReadFile(dir.File(name)));
  }
  return parts;
}

TEST(OdkEncryption, DecryptsWhatAnOdkClientEncryptedWithEachOaepReading) {
  const RsaKeyPair pair = *NewRsaKeyPair();
  EXPECT_EQ(*PublicKeyOf(pair.private_key), pair.public_key);
  for (const char* oaep : {"sha256-sha1", "sha256-sha256", "sha1-sha1"}) {
    const auto decrypted = DecryptSubmission(pair.private_key, Encrypted(pair, oaep));
    ASSERT_TRUE(decrypted) << oaep << ": " << decrypted.error().message.id;
    EXPECT_EQ(decrypted->xml, kPlain) << oaep;
    ASSERT_EQ(decrypted->files.size(), 2u);
    EXPECT_EQ(decrypted->files[0].first, "logement.jpg");
    EXPECT_EQ(decrypted->files[0].second, std::string("\xFF\xD8\xFF\xE0 JPEG du logement", 21));
    EXPECT_EQ(decrypted->files[1].first, "submission.xml");
    EXPECT_TRUE(decrypted->signature_valid) << oaep;
  }
  // A form without a version signs no version line.
  const auto unversioned = DecryptSubmission(pair.private_key, Encrypted(pair, "sha256-sha1", ""));
  ASSERT_TRUE(unversioned);
  EXPECT_TRUE(unversioned->signature_valid);
}

TEST(OdkEncryption, AChangedOrSwappedPartFailsTheSignatureOrTheDecryption) {
  const RsaKeyPair pair = *NewRsaKeyPair();
  const EncryptedParts sent = Encrypted(pair);

  // Another version named than the one signed: decrypted, but the signature says so.
  EncryptedParts renamed = sent;
  renamed.version = "2026-11";
  const auto decrypted = DecryptSubmission(pair.private_key, renamed);
  ASSERT_TRUE(decrypted);
  EXPECT_FALSE(decrypted->signature_valid);

  // A file's last block changed: its padding no longer checks, or its MD5 does not.
  EncryptedParts changed = sent;
  changed.files[1].second.back() = static_cast<char>(changed.files[1].second.back() ^ 0x01);
  const auto tampered = DecryptSubmission(pair.private_key, changed);
  if (tampered) {
    EXPECT_FALSE(tampered->signature_valid);
  } else {
    EXPECT_EQ(tampered.error().message.id, "surveys.key.file_unreadable");
    EXPECT_EQ(tampered.error().field, "files");
  }

  // The files in another order: the IVs no longer match.
  EncryptedParts swapped = sent;
  std::swap(swapped.files[0], swapped.files[1]);
  const auto reordered = DecryptSubmission(pair.private_key, swapped);
  EXPECT_TRUE(!reordered || !reordered->signature_valid);

  // No signature at all: never taken as valid.
  EncryptedParts unsigned_parts = sent;
  unsigned_parts.base64_signature.clear();
  EXPECT_FALSE(DecryptSubmission(pair.private_key, unsigned_parts)->signature_valid);
}

TEST(OdkEncryption, AnotherStructuresKeyOpensNothing) {
  const RsaKeyPair alma = *NewRsaKeyPair();
  const RsaKeyPair echo = *NewRsaKeyPair();
  const auto refused = DecryptSubmission(echo.private_key, Encrypted(alma));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message.id, "surveys.key.not_this_key");
  EXPECT_EQ(refused.error().field, "private_key");
}

TEST(OdkEncryption, APrivateKeyIsSealedByEachSecretAndOpensOnlyWithIt) {
  const RsaKeyPair pair = *NewRsaKeyPair();
  const std::string sealed = *Seal(pair.private_key, "la clé du jardin d'Alma");
  EXPECT_EQ(sealed.find(pair.private_key), std::string::npos);
  EXPECT_EQ(*Unseal(sealed, "la clé du jardin d'Alma", "passphrase"), pair.private_key);
  const auto wrong = Unseal(sealed, "la cle du jardin d'Alma", "passphrase");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.error().field, "passphrase");
  // Each sealing draws its salt and nonce: the same key sealed twice reads differently.
  EXPECT_NE(*Seal(pair.private_key, "la clé du jardin d'Alma"), sealed);

  const std::string code = *NewRecoveryCode();
  EXPECT_EQ(code.size(), 29u);  // 24 characters in 6 groups
  EXPECT_NE(*NewRecoveryCode(), code);
  const std::string by_code = *Seal(pair.private_key, NormalizedRecoveryCode(code));
  std::string typed = code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(*Unseal(by_code, NormalizedRecoveryCode(" " + typed + " "), "recovery_code"),
            pair.private_key);
  EXPECT_EQ(NormalizedRecoveryCode("oi-l0 1"), "01101");
}

TEST(OdkEncryption, APemPrivateKeyIsReadAndAnythingElseRefused) {
  const RsaKeyPair pair = *NewRsaKeyPair();
  ScratchDir dir;
  const std::string der = dir.Write("key.der", pair.private_key);
  const auto pem = RunCommand("openssl pkey -inform DER -in " + der + " 2>&1");
  ASSERT_EQ(pem.exit_code, 0) << pem.out;
  const auto read = PrivateKeyFromPem(pem.out);
  ASSERT_TRUE(read) << read.error().message.id;
  EXPECT_EQ(*PublicKeyOf(*read), pair.public_key);
  const auto refused =
      PrivateKeyFromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "private_key");
}

}  // namespace
}  // namespace ensemble::app
