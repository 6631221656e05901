#include "domain/audit/audit_line.h"

#include <algorithm>

namespace ensemble::audit {

bool IsAuditAction(std::string_view code) {
  return std::find(kAuditActions.begin(), kAuditActions.end(), code) != kAuditActions.end();
}

bool IsAccountAction(std::string_view code) {
  return std::find(kAccountActions.begin(), kAccountActions.end(), code) != kAccountActions.end();
}

}  // namespace ensemble::audit
