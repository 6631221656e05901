// The list of the most common passwords that a new password may not be: zxcvbn-ts's list
// (@zxcvbn-ts/language-common, pinned in web/package-lock.json), embedded in the program by the
// build (cmake/embed_text.cmake) so that a server needs no file of its own at run time.
#pragma once

#include "domain/tenancy/password_policy.h"

namespace ensemble::app {

// Parsed once, on first use; thread-safe.
const tenancy::CommonPasswords& CommonPasswordList();

}  // namespace ensemble::app
