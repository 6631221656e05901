#include "app/surveys/odk_encryption.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>

#include "app/digest.h"

namespace ensemble::app {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct ContextFree {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
struct CipherFree {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

constexpr std::size_t kAesKeyBytes = 32;
constexpr std::size_t kIvBytes = 16;

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // its NUL
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \t\r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Result<Key> ReadPrivateKey(std::string_view der) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  Key key(d2i_AutoPrivateKey(nullptr, &bytes, static_cast<long>(der.size())));
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.key.not_rsa", "private_key");
  }
  return key;
}

Result<std::string> PublicKeyBase64(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return Internal("the public key did not encode");
  std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return Base64(bytes);
}

// RSA-OAEP under one choice of digests; nullopt when the padding does not check.
std::optional<std::string> OaepDecrypt(EVP_PKEY* key, std::string_view data, const EVP_MD* digest,
                                       const EVP_MD* mgf1) {
  std::unique_ptr<EVP_PKEY_CTX, ContextFree> context(EVP_PKEY_CTX_new(key, nullptr));
  if (!context || EVP_PKEY_decrypt_init(context.get()) <= 0 ||
      EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_OAEP_PADDING) <= 0 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(context.get(), digest) <= 0 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(context.get(), mgf1) <= 0) {
    return std::nullopt;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t length = 0;
  if (EVP_PKEY_decrypt(context.get(), nullptr, &length, in, data.size()) <= 0) return std::nullopt;
  std::string out(length, '\0');
  if (EVP_PKEY_decrypt(context.get(), reinterpret_cast<unsigned char*>(out.data()), &length, in,
                       data.size()) <= 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

// The digests clients have used, in the order they are tried (see the header).
struct OaepDigests {
  const EVP_MD* digest;
  const EVP_MD* mgf1;
};
std::array<OaepDigests, 3> ClientDigests() {
  return {{{EVP_sha256(), EVP_sha1()}, {EVP_sha256(), EVP_sha256()}, {EVP_sha1(), EVP_sha1()}}};
}

std::optional<std::string> AnyOaepDecrypt(EVP_PKEY* key, std::string_view data) {
  for (const OaepDigests& digests : ClientDigests()) {
    if (auto plain = OaepDecrypt(key, data, digests.digest, digests.mgf1)) return plain;
  }
  return std::nullopt;
}

// AES-256-CFB (128-bit segments), then the PKCS#5 padding taken off.
std::optional<std::string> AesCfbDecrypt(std::string_view key,
                                         const std::array<unsigned char, 16>& iv,
                                         std::string_view data) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherFree> context(EVP_CIPHER_CTX_new());
  if (!context ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_cfb128(), nullptr,
                         reinterpret_cast<const unsigned char*>(key.data()), iv.data()) != 1) {
    return std::nullopt;
  }
  std::string out(data.size() + kIvBytes, '\0');
  int length = 0;
  int final_length = 0;
  if (EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(out.data()), &length,
                        reinterpret_cast<const unsigned char*>(data.data()),
                        static_cast<int>(data.size())) != 1 ||
      EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(out.data()) + length,
                          &final_length) != 1) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(length + final_length));
  if (out.empty() || out.size() % kIvBytes != 0) return std::nullopt;
  const auto pad = static_cast<unsigned char>(out.back());
  if (pad == 0 || pad > kIvBytes) return std::nullopt;
  for (std::size_t i = out.size() - pad; i < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) != pad) return std::nullopt;
  }
  out.resize(out.size() - pad);
  return out;
}

std::string Md5Bytes(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<char*>(digest.data()), length);
}

std::string_view WithoutEnc(std::string_view name) {
  if (name.ends_with(".enc")) name.remove_suffix(4);
  return name;
}

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kRecoveryBytes = 15;  // 120 bits: 24 characters of base32
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_secretbox_NONCEBYTES;

Result<std::array<unsigned char, crypto_secretbox_KEYBYTES>> SealingKey(std::string_view secret,
                                                                        const unsigned char* salt) {
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key{};
  if (crypto_pwhash(key.data(), key.size(), secret.data(), secret.size(), salt,
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Unavailable("not enough memory to derive the sealing key");
  }
  return key;
}

}  // namespace

Result<RsaKeyPair> NewRsaKeyPair() {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048)));
  if (!key) return Internal("RSA key generation failed");
  RsaKeyPair pair;
  pair.public_key = ENSEMBLE_TRY(PublicKeyBase64(key.get()));
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      i2d_PKCS8PrivateKey_bio(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Internal("the private key did not encode");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  pair.private_key.assign(data, static_cast<std::size_t>(length));
  return pair;
}

Result<std::string> PrivateKeyFromPem(std::string_view pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  // No passphrase callback: an encrypted PEM is refused rather than prompted for on a terminal.
  Key key(bio ? PEM_read_bio_PrivateKey(
                    bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr)
              : nullptr);
  if (!key) return Fail(ErrorCode::kInvalidArgument, "surveys.key.bad_pem", "private_key");
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.key.not_rsa", "private_key");
  }
  unsigned char* der = nullptr;
  const int length = i2d_PrivateKey(key.get(), &der);
  if (length <= 0) return Internal("the private key did not encode");
  std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return bytes;
}

Result<std::string> PublicKeyOf(std::string_view private_key) {
  const Key key = ENSEMBLE_TRY(ReadPrivateKey(private_key));
  return PublicKeyBase64(key.get());
}

Result<std::string> NewRecoveryCode() {
  std::array<unsigned char, kRecoveryBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string code;
  // 5 bytes make 8 characters.
  for (std::size_t i = 0; i < bytes.size(); i += 5) {
    std::uint64_t bits = 0;
    for (std::size_t j = 0; j < 5; ++j) bits = (bits << 8) | bytes[i + j];
    for (int k = 7; k >= 0; --k) code += kCrockford[(bits >> (5 * k)) & 31];
  }
  std::string grouped;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped += '-';
    grouped += code[i];
  }
  return grouped;
}

std::string NormalizedRecoveryCode(std::string_view typed) {
  std::string code;
  for (const char c : typed) {
    if (c == '-' || c == ' ') continue;
    char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == 'O') upper = '0';
    if (upper == 'I' || upper == 'L') upper = '1';
    code += upper;
  }
  return code;
}

Result<std::string> Seal(std::string_view bytes, std::string_view secret) {
  std::string box(kSaltBytes + kNonceBytes + crypto_secretbox_MACBYTES + bytes.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, kSaltBytes + kNonceBytes);
  auto key = ENSEMBLE_TRY(SealingKey(secret, out));
  crypto_secretbox_easy(out + kSaltBytes + kNonceBytes,
                        reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                        out + kSaltBytes, key.data());
  sodium_memzero(key.data(), key.size());
  return Base64(box);
}

Result<std::string> Unseal(std::string_view sealed, std::string_view secret, std::string field) {
  const std::optional<std::string> box = FromBase64(sealed);
  if (!box || box->size() < kSaltBytes + kNonceBytes + crypto_secretbox_MACBYTES) {
    return Internal("a sealed key no longer reads");
  }
  const auto* in = reinterpret_cast<const unsigned char*>(box->data());
  auto key = ENSEMBLE_TRY(SealingKey(secret, in));
  const std::size_t sealed_bytes = box->size() - kSaltBytes - kNonceBytes;
  std::string bytes(sealed_bytes - crypto_secretbox_MACBYTES, '\0');
  const int opened = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(bytes.data()),
                                                in + kSaltBytes + kNonceBytes, sealed_bytes,
                                                in + kSaltBytes, key.data());
  sodium_memzero(key.data(), key.size());
  if (opened != 0) {
    return Fail(ErrorCode::kPermissionDenied, "surveys.key.wrong_secret", std::move(field));
  }
  return bytes;
}

Result<DecryptedSubmission> DecryptSubmission(std::string_view private_key,
                                              const EncryptedParts& parts) {
  const Key key = ENSEMBLE_TRY(ReadPrivateKey(private_key));
  const std::optional<std::string> wrapped = FromBase64(parts.base64_encrypted_key);
  std::optional<std::string> aes = wrapped ? AnyOaepDecrypt(key.get(), *wrapped) : std::nullopt;
  if (!aes || aes->size() != kAesKeyBytes) {
    return Fail(ErrorCode::kPermissionDenied, "surveys.key.not_this_key", "private_key");
  }
  std::array<unsigned char, kIvBytes> seed{};
  const std::string digest = Md5Bytes(parts.instance_id + *aes);
  std::copy(digest.begin(), digest.end(), seed.begin());

  std::string signed_lines = parts.form_id + "\n";
  if (!parts.version.empty()) signed_lines += parts.version + "\n";
  signed_lines += parts.base64_encrypted_key + "\n" + parts.instance_id + "\n";
  DecryptedSubmission decrypted;
  for (std::size_t n = 0; n < parts.files.size(); ++n) {
    const auto& [name, data] = parts.files[n];
    ++seed[n % kIvBytes];
    std::optional<std::string> plain = AesCfbDecrypt(*aes, seed, data);
    if (!plain) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"surveys.key.file_unreadable", {{"name", name}}}, "files");
    }
    const std::string plain_name(WithoutEnc(name));
    signed_lines += plain_name + "::" + Md5Hex(*plain) + "\n";
    if (n + 1 == parts.files.size()) decrypted.xml = *plain;
    decrypted.files.emplace_back(plain_name, std::move(*plain));
  }
  sodium_memzero(aes->data(), aes->size());
  if (const auto signature = FromBase64(parts.base64_signature);
      signature && !parts.base64_signature.empty()) {
    const std::optional<std::string> md5 = AnyOaepDecrypt(key.get(), *signature);
    decrypted.signature_valid = md5 && *md5 == Md5Bytes(signed_lines);
  }
  return decrypted;
}

}  // namespace ensemble::app
