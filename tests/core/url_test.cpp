// parse_origin: the host, port and TLS flag a socket-owning transport (Beast HTTP, websocket) needs.
#include "chatbind/core/url.hpp"

#include <gtest/gtest.h>

namespace {

using chatbind::parse_origin;

TEST(ParseOrigin, DefaultPortsFollowTheScheme) {
  auto plain = parse_origin("http://chat.example");
  ASSERT_TRUE(plain) << plain.error();
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->host, "chat.example");
  EXPECT_EQ(plain->port, "80");
  EXPECT_EQ(plain->host_header, "chat.example");

  auto secure = parse_origin("wss://chat.xiaoheihe.cn/chatroom/ws/connect", "ws", "wss");
  ASSERT_TRUE(secure) << secure.error();
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->host, "chat.xiaoheihe.cn");
  EXPECT_EQ(secure->port, "443");
}

TEST(ParseOrigin, ExplicitPortsAndIpv6Literals) {
  auto v4 = parse_origin("http://127.0.0.1:18080/admin");
  ASSERT_TRUE(v4) << v4.error();
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, "18080");
  EXPECT_EQ(v4->host_header, "127.0.0.1:18080");

  auto v6 = parse_origin("https://[::1]:8443");
  ASSERT_TRUE(v6) << v6.error();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, "8443");
  EXPECT_EQ(v6->host_header, "[::1]:8443");

  auto v6_default = parse_origin("http://[::1]");
  ASSERT_TRUE(v6_default) << v6_default.error();
  EXPECT_EQ(v6_default->port, "80");
}

TEST(ParseOrigin, OtherSchemesAndMalformedHostsAreTransportErrors) {
  for (const char* url : {"ftp://host", "https://host", "ws//host", "httpx://host", "http://", "http://host:", "http://[::1",
                          "http://[::1]x", ":80"}) {
    auto r = parse_origin(url, "http", url == std::string_view{"https://host"} ? "shttp" : "https");
    ASSERT_FALSE(r) << url;
    EXPECT_EQ(r.error().kind, chatbind::ErrorKind::transport) << url;
    EXPECT_NE(r.error().message.find(url), std::string::npos) << r.error();
  }
}

}  // namespace
