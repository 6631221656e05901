// The decryption of what a client posts as an encrypted submission (the wrapped key, the
// signature, the encrypted files: all outside bytes) with a structure's key, and the reading of a
// typed recovery code. Beside not crashing: a decryption that succeeds returns one
// plain file per encrypted one, under its name without ".enc", submission.xml's bytes last; a
// refusal is one of the surveys.key.* messages on its field; a recovery code as typed normalises
// to no dash, space or small letter.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/surveys/odk_encryption.h"
#include "fuzz/fuzz_target.h"

namespace ensemble::fuzz {
namespace {

// A key made for this target alone (openssl genrsa 2048), so that the seeds can hold real
// encrypted submissions (made by tests/surveys/odk_encrypt.py with its public half).
constexpr const char* kPrivateKeyPem = R"PEM(-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCmnKLSZejsUqLp
aJwsNgMk2sAigroim4pZzx+1R/nrLeIVMZe8v8bOm8neno0In74ii1ZjtIJDRD4/
3mHHECZgKkrlsBABrBbaisWMqCBXda21S+ZccQC74cjJgjdgumSM1UykjG2IonlY
FTSlXDqAtf9B4RmIKOABeC7qmMKYc8nTEHKvU42Axm1rKLh+HB/AsuRyecT6bKHl
o90JCSt+y6G/gp629yFqRsWxZ1jxXX3vIENijlHZyias9NphKsAxaeVnNYUBArMP
mCVGag0+Gz7kUrb3hSN8uj2JIdVGnJisdX7HoF8D5OEpw+8oUmj3ddvIwz5oLSSM
Aa7uGdlLAgMBAAECggEAHRlCPqjZ01xjY4yHqhkM14T1BZH7XEv6D9Fi4lBdz7tF
vxnYPHjqCe+fhCgAzb7IgFQBlIxUK9dhX9pBDXk+mpEIX7EuOnyJyUVvVy+N5niB
DCbjZsW9sRKv9LGvZk9nfElMh3iXMMPfmYiqly7ScORYXnMn+GXbKaaJ2yMu6V0W
5AYqekyBnTlLnEG/bndCmtwATG/LTnIdFvF9FcH0XuKElY/Aj+eNYZswB4RzT08g
wAKXbJot8FKtkdDl9yiyEo48uTP7IbDSA8ouLtowlp+TIhvaH3t2ghI+MQvqeEtm
J420vmdDgFZKJB2HK9rIUk7n9VyFmu/4auSUSmeIgQKBgQDrPxCAQZIBWy6+uYY9
kFRYKpH6m8546G+2ebMv6bEzVvyvN4xWJ+4/wlKDXoV9oWYLmXBatFP7T3pCL104
ZMU2Gb0BTlDmsr3UCZzTCN+aq6jjSP+en0PVNvgZ65w+a8Ytge+QXMgDA3HsxoW5
wxd4H6Ys68tIBiTjteMmTGVpqwKBgQC1T33mhQoPQwF0VDRQEi01FlD5ZTotHEoM
L7fdw0MqjKifxojG+npWVdvMh3nhq27shDkRt7hKaB+KNfddGQKcItnzuJ1O9Xo+
J3tBOB6zgSHBsRZBMyMROVnRl9anchQjcJOF6+VsVnkSe6yIeeW5Cb/MHJx23V4E
vggB1THu4QKBgQDljpS7k0C2shPbaY7lZIHpxyDMPF4u/iKFHh0NFC4muyu4j6wS
JsUG0slSCFqbTXQWvZQ17uJEyjmzfCSrcyo+sL8PFy068hDraLXv+Si59ejIYeOP
FjtLRGi2YoQFJYYtwi3T4bYLusDhHJhBvW6Zecje7PlhPx2gV01hggs0IQKBgCxK
G74Y14k82/kXrKO2nPZv2h3h3WExnOD3Mxnn3dth+rr022qHuySl2ohOu7Ylk3YR
IoOydkEuyC2R2zgRqPKNDOKdQUgNbOwL5u7aj51XuPBAmugYXsORV+B8D8Jdeo/h
qxe2tRdO1EpwjYfVBwm5WPG6N3pNvu63oOsZshXhAoGAaTt+fqG3aowP6wOfNxb/
9DmyugNo2xoP9xdYsrPY/tBm91F6Ngex/r69hb0MJXquPPcEjzFme23+fH9oBJR0
ftUEUrz9C7FFnwF2LL7wlrLJm9NNQPV6DhiPA/u30Lz/PIMMlMXpFmqMtS774Jes
eRGXBhmeGfpyxETBQELMN3o=
-----END PRIVATE KEY-----
)PEM";

const std::string& TheKey() {
  static const std::string key = *app::PrivateKeyFromPem(kPrivateKeyPem);
  return key;
}

// The input as pieces, each a 2-byte big-endian length and its bytes (the last one clipped):
// the wrapped key, the signature, then the files. Encrypted bytes hold any byte, NUL included.
std::vector<std::string> Pieces(std::string_view input) {
  std::vector<std::string> pieces;
  while (input.size() >= 2) {
    const std::size_t length = std::size_t{static_cast<unsigned char>(input[0])} * 256 +
                               std::size_t{static_cast<unsigned char>(input[1])};
    input.remove_prefix(2);
    pieces.emplace_back(input.substr(0, length));
    input.remove_prefix(std::min(length, input.size()));
  }
  if (pieces.empty()) pieces.emplace_back();
  return pieces;
}

}  // namespace

void FuzzOdkEncryption(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> pieces = Pieces(input);
  app::EncryptedParts parts;
  parts.form_id = "seniors";
  parts.version = "2026-12";
  parts.instance_id = "uuid:6f1c5c2e-8a4b-4e0b-9a57-3f0c2d9e7a10";
  parts.base64_encrypted_key = pieces[0];
  if (pieces.size() > 1) parts.base64_signature = pieces[1];
  for (std::size_t i = 2; i < pieces.size() && i < 8; ++i) {
    parts.files.emplace_back("file" + std::to_string(i) + ".enc", pieces[i]);
  }
  if (!parts.files.empty()) parts.files.back().first = "submission.xml.enc";
  const auto decrypted = app::DecryptSubmission(TheKey(), parts);
  if (decrypted) {
    ENSEMBLE_FUZZ_CHECK(decrypted->files.size() == parts.files.size());
    for (std::size_t i = 0; i < parts.files.size(); ++i) {
      ENSEMBLE_FUZZ_CHECK(decrypted->files[i].first + ".enc" == parts.files[i].first);
    }
    ENSEMBLE_FUZZ_CHECK(parts.files.empty() || decrypted->xml == decrypted->files.back().second);
  } else {
    const std::string& id = decrypted.error().message.id;
    ENSEMBLE_FUZZ_CHECK(id.starts_with("surveys.key."));
    ENSEMBLE_FUZZ_CHECK(!decrypted.error().field.empty());
  }

  for (const char c : app::NormalizedRecoveryCode(input)) {
    ENSEMBLE_FUZZ_CHECK(c != '-' && c != ' ' && !(c >= 'a' && c <= 'z'));
  }
}

}  // namespace ensemble::fuzz
