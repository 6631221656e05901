#include "http/client_address.h"

#include <gtest/gtest.h>

namespace ensemble::http {
namespace {

TEST(ClientAddress, IsThePeerUnlessBehindTheProxy) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "192.0.2.7", false), "192.0.2.7");
}

TEST(ClientAddress, IsTheEntryTheProxyAppendedLast) {
  EXPECT_EQ(ClientAddress("198.51.100.4, 203.0.113.9", "192.0.2.7", true), "203.0.113.9");
  EXPECT_EQ(ClientAddress("", "192.0.2.7", true), "192.0.2.7");
  EXPECT_EQ(ClientAddress("198.51.100.4, ", "192.0.2.7", true), "192.0.2.7");
}

// Found by the request_headers fuzz target: a tab is white space around a list entry too, and
// was kept as part of the address (or was the whole address).
TEST(ClientAddress, TrimsTabsAsWellAsSpaces) {
  EXPECT_EQ(ClientAddress("198.51.100.4,\t203.0.113.9\t", "192.0.2.7", true), "203.0.113.9");
  EXPECT_EQ(ClientAddress("198.51.100.4,\t", "192.0.2.7", true), "192.0.2.7");
}

}  // namespace
}  // namespace ensemble::http
