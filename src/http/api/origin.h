// Where a request comes from, for the requests that carry no session (sign-in): what the
// browser says (Sec-Fetch-Site, Origin) must be this site, scheme, host and port.
#pragma once

#include "core/error.h"
#include "http/message.h"

namespace ensemble::http {

// Ok, or kCsrfFailed: Sec-Fetch-Site other than same-origin or none, or an Origin whose
// scheme (https behind TLS, http otherwise), host and port are not the Host header's, or no
// Origin at all unless Sec-Fetch-Site says same-origin. Scripts and other clients send the
// Origin a browser would (curl -H "Origin: http://host:port").
Status CheckSameOrigin(const Request& request, bool served_over_tls);

}  // namespace ensemble::http
