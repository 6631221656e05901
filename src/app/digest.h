// Digests of bytes in hexadecimal, as the modules give them to people and to clients: SHA-256
// for what is signed or stored (an agreement's PDF, a submission's files), MD5 where a protocol
// asks for it (OpenRosa's form list and manifests), never as a protection.
#pragma once

#include <string>
#include <string_view>

namespace ensemble::app {

std::string Sha256Hex(std::string_view bytes);
std::string Md5Hex(std::string_view bytes);

}  // namespace ensemble::app
