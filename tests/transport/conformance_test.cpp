// One conformance suite, run against every transport adapter: what goes on the wire, what comes
// back, and how each kind of transport failure is reported.
#include "servers.hpp"

#include "common/body_stream.hpp"

#include "chatbind/transport/beast.hpp"
#include "chatbind/transport/curl.hpp"
#include "chatbind/transport/httplib.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using chatbind::ErrorKind;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using chatbind::Method;
using chatbind::Result;
using chatbind::test::LoopbackServer;
using chatbind::test::pieces_of;
using chatbind::test::RawServer;
using testing::HasSubstr;
using testing::Not;

struct Settings {
  std::chrono::milliseconds connect = 2000ms;
  std::chrono::milliseconds read = 2000ms;
  bool verify_tls = true;
  std::size_t max_response = chatbind::default_max_response_bytes;
};

// Each adapter gives the suite the same blocking `send`.
struct HttplibAdapter {
  explicit HttplibAdapter(Settings t) : transport{options(t)} {}
  static chatbind::transport::HttplibOptions options(Settings t) {
    chatbind::transport::HttplibOptions o;
    o.connect_timeout = t.connect;
    o.read_timeout = t.read;
    o.write_timeout = t.read;
    o.verify_tls = t.verify_tls;
    o.max_response_bytes = t.max_response;
    return o;
  }
  Result<HttpResponse> send(const HttpRequest& request) { return transport(request); }
  chatbind::transport::HttplibTransport transport;
};

struct CurlAdapter {
  explicit CurlAdapter(Settings t) : transport{options(t)} {}
  static chatbind::transport::CurlOptions options(Settings t) {
    chatbind::transport::CurlOptions o;
    o.connect_timeout = t.connect;
    o.timeout = t.read;
    o.verify_tls = t.verify_tls;
    o.max_response_bytes = t.max_response;
    return o;
  }
  Result<HttpResponse> send(const HttpRequest& request) { return transport(request); }
  chatbind::transport::CurlTransport transport;
};

// The asynchronous transport, made blocking: run the io_context until the operation completes.
struct BeastAdapter {
  explicit BeastAdapter(Settings t) : transport{io.get_executor(), options(t)} {}
  static chatbind::transport::BeastOptions options(Settings t) {
    chatbind::transport::BeastOptions o;
    o.connect_timeout = t.connect;
    o.request_timeout = t.read;
    o.verify_tls = t.verify_tls;
    o.max_response_bytes = t.max_response;
    return o;
  }
  Result<HttpResponse> send(const HttpRequest& request) {
    auto result = transport.async_send(request, boost::asio::use_future);
    io.restart();
    io.run();
    return result.get();
  }
  boost::asio::io_context io;
  chatbind::transport::BeastTransport transport;
};

template <class Adapter>
class TransportConformance : public testing::Test {
 protected:
  static HttpRequest request(Method method, const std::string& base_url, const std::string& path) {
    HttpRequest r;
    r.method = method;
    r.base_url = base_url;
    r.path = path;
    r.headers.push_back({"token", "s3cret-token", /*sensitive=*/true});
    return r;
  }

  /// A transport error that names what failed and never the credential.
  static void expect_transport_error(const Result<HttpResponse>& result, const std::string& what) {
    ASSERT_FALSE(result.has_value()) << "unexpected HTTP " << result->status;
    testing::Test::RecordProperty("error", result.error().describe());
    EXPECT_EQ(result.error().kind, ErrorKind::transport);
    EXPECT_THAT(result.error().message, HasSubstr(what));
    EXPECT_THAT(result.error().describe(), Not(HasSubstr("s3cret")));
  }
};

using Adapters = testing::Types<HttplibAdapter, CurlAdapter, BeastAdapter>;
class AdapterNames {
 public:
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, HttplibAdapter>) return "httplib";
    if constexpr (std::is_same_v<T, CurlAdapter>) return "curl";
    return "beast";
  }
};
TYPED_TEST_SUITE(TransportConformance, Adapters, AdapterNames);

TYPED_TEST(TransportConformance, QueryIsPercentEncodedAndArrivesDecoded) {
  httplib::Params seen;
  std::string raw_target;
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/search", [&](const httplib::Request& req, httplib::Response& res) {
      seen = req.params;
      raw_target = req.target;
      res.set_content("ok", "text/plain");
    });
  }};
  TypeParam adapter{{}};
  HttpRequest r = this->request(Method::get, server.base_url(), "/search");
  r.query = {{"q", "héllo wörld & more=1/2?#+%"}, {"名字", "值"}, {"empty", ""}};
  auto result = adapter.send(r);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "ok");
  EXPECT_EQ(raw_target, r.target());  // sent exactly as encoded, not re-encoded
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen.find("q")->second, "héllo wörld & more=1/2?#+%");
  EXPECT_EQ(seen.find("名字")->second, "值");
  EXPECT_EQ(seen.find("empty")->second, "");
}

TYPED_TEST(TransportConformance, PostsJsonBodyAndRequestHeaders) {
  std::string body, content_type, token, custom;
  LoopbackServer server{[&](httplib::Server& s) {
    s.Post("/send", [&](const httplib::Request& req, httplib::Response& res) {
      body = req.body;
      content_type = req.get_header_value("Content-Type");
      token = req.get_header_value("token");
      custom = req.get_header_value("X-Custom");
      res.set_content(R"({"status":"ok"})", "application/json");
    });
  }};
  TypeParam adapter{{}};
  HttpRequest r = this->request(Method::post, server.base_url(), "/send");
  r.headers.push_back({"Content-Type", "application/json;charset=UTF-8"});
  r.headers.push_back({"X-Custom", "a value, with: punctuation"});
  r.body = R"({"msg":"héllo","n":1})";
  auto result = adapter.send(r);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->body, R"({"status":"ok"})");
  EXPECT_EQ(body, r.body);
  EXPECT_EQ(content_type, "application/json;charset=UTF-8");
  EXPECT_EQ(token, "s3cret-token");
  EXPECT_EQ(custom, "a value, with: punctuation");
}

/// Sends `r` as send_streamed() would through this adapter: the asynchronous Beast transport is not a
/// blocking callable, so it goes through one (which gathers the pieces: Beast does not stream them).
template <class Adapter>
Result<HttpResponse> send_streamed(Adapter& adapter, HttpRequest r) {
  if constexpr (chatbind::streams_request_bodies<decltype(adapter.transport)>) {
    return chatbind::send_streamed(adapter.transport, std::move(r));
  } else {
    auto blocking = [&adapter](const HttpRequest& request) { return adapter.send(request); };
    return chatbind::send_streamed(blocking, std::move(r));
  }
}

TYPED_TEST(TransportConformance, AStreamedBodyArrivesWholeChunkedWhereTheTransportStreams) {
  std::string body, transfer_encoding, content_length;
  LoopbackServer server{[&](httplib::Server& s) {
    s.Post("/send-stream", [&](const httplib::Request& req, httplib::Response& res) {
      body = req.body;
      transfer_encoding = req.get_header_value("Transfer-Encoding");
      content_length = req.get_header_value("Content-Length");
      res.set_content(R"({"code":1})", "application/json");
    });
  }};
  TypeParam adapter{{}};
  HttpRequest r = this->request(Method::post, server.base_url(), "/send-stream");
  r.headers.push_back({"Content-Type", "text/plain"});
  r.body_stream = pieces_of({"Hello", "", ", 世界", std::string(70'000, 'x'), "!"});
  auto result = send_streamed(adapter, r);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->body, R"({"code":1})");
  EXPECT_EQ(body, "Hello, 世界" + std::string(70'000, 'x') + "!");
  if constexpr (chatbind::streams_request_bodies<decltype(adapter.transport)>) {
    EXPECT_EQ(transfer_encoding, "chunked");
    EXPECT_EQ(content_length, "");
  } else {
    EXPECT_EQ(transfer_encoding, "") << "gathered first: sent with its length";
    EXPECT_EQ(content_length, std::to_string(body.size()));
  }
}

TYPED_TEST(TransportConformance, AStreamThatFailsAbandonsTheRequestWithItsError) {
  bool handled = false;
  LoopbackServer server{[&](httplib::Server& s) {
    s.Post("/send-stream", [&](const httplib::Request&, httplib::Response& res) {
      handled = true;
      res.set_content("{}", "application/json");
    });
  }};
  TypeParam adapter{{}};
  HttpRequest r = this->request(Method::post, server.base_url(), "/send-stream");
  r.body_stream = pieces_of({"partial "}, chatbind::Error::make(ErrorKind::invalid_request, "the generator stopped"));
  auto result = send_streamed(adapter, r);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::invalid_request);
  EXPECT_EQ(result.error().message, "the generator stopped");
  EXPECT_FALSE(handled) << "an unfinished body never reaches the handler";
}

TYPED_TEST(TransportConformance, BinaryBodiesKeepTheirNulBytesBothWays) {
  std::string received;
  const std::string protobuf{
      "\x08\x96\x01\x12\x00\x1a\x03"
      "a\0b\0\xff",
      12};
  LoopbackServer server{[&](httplib::Server& s) {
    s.Post("/v1/msg", [&](const httplib::Request& req, httplib::Response& res) {
      received = req.body;
      res.set_content(std::string{req.body.rbegin(), req.body.rend()}, "application/x-protobuf");
    });
  }};
  TypeParam adapter{{}};
  HttpRequest r = this->request(Method::post, server.base_url(), "/v1/msg");
  r.headers.push_back({"Content-Type", "application/x-protobuf"});
  r.body = protobuf;
  auto result = adapter.send(r);
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(received, protobuf);
  EXPECT_EQ(result->body, std::string(protobuf.rbegin(), protobuf.rend()));
  EXPECT_EQ(result->header("content-type"), "application/x-protobuf");
}

TYPED_TEST(TransportConformance, OtherMethodsAreSentAsSuch) {
  std::string seen;
  LoopbackServer server{[&](httplib::Server& s) {
    auto record = [&](const httplib::Request& req, httplib::Response& res) {
      seen += req.method + ":" + req.body + " ";
      res.status = 204;
    };
    s.Put("/x", record);
    s.Patch("/x", record);
    s.Delete("/x", record);
  }};
  TypeParam adapter{{}};
  for (Method m : {Method::put, Method::patch, Method::delete_}) {
    HttpRequest r = this->request(m, server.base_url(), "/x");
    r.body = m == Method::delete_ ? "" : "b";
    auto result = adapter.send(r);
    ASSERT_TRUE(result.has_value()) << result.error();
    EXPECT_EQ(result->status, 204);
  }
  EXPECT_EQ(seen, "PUT:b PATCH:b DELETE: ");
}

TYPED_TEST(TransportConformance, ResponseStatusHeadersAndBodyMapBack) {
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/created", [&](const httplib::Request&, httplib::Response& res) {
      res.status = 201;
      res.set_header("X-Reply", "yes");
      res.set_content("made", "text/plain");
    });
  }};
  TypeParam adapter{{}};
  auto result = adapter.send(this->request(Method::get, server.base_url(), "/created"));
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->header("x-reply"), "yes");
  EXPECT_EQ(result->header("Content-Type"), "text/plain");
  EXPECT_EQ(result->body, "made");
}

TYPED_TEST(TransportConformance, NonSuccessStatusesAreResponsesNotErrors) {
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/boom", [&](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_content(R"({"msg":"busy"})", "application/json");
    });
  }};
  TypeParam adapter{{}};
  auto boom = adapter.send(this->request(Method::get, server.base_url(), "/boom"));
  ASSERT_TRUE(boom.has_value()) << boom.error();
  EXPECT_EQ(boom->status, 503);
  EXPECT_EQ(boom->body, R"({"msg":"busy"})");
  auto missing = adapter.send(this->request(Method::get, server.base_url(), "/nowhere"));
  ASSERT_TRUE(missing.has_value()) << missing.error();
  EXPECT_EQ(missing->status, 404);
}

// A body past max_response_bytes is a transport error before it is held in memory, whether the
// server announces its length or streams it in chunks.
TYPED_TEST(TransportConformance, AResponsePastTheSizeLimitIsATransportError) {
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/big", [&](const httplib::Request&, httplib::Response& res) { res.set_content(std::string(5000, 'x'), "text/plain"); });
    s.Get("/chunked", [&](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [](std::size_t offset, httplib::DataSink& sink) {
        if (offset >= 50000) {
          sink.done();
          return true;
        }
        const std::string chunk(1000, 'y');
        return sink.write(chunk.data(), chunk.size());
      });
    });
    s.Get("/fits", [&](const httplib::Request&, httplib::Response& res) { res.set_content(std::string(1000, 'z'), "text/plain"); });
  }};
  Settings settings;
  settings.max_response = 4096;
  TypeParam adapter{settings};
  this->expect_transport_error(adapter.send(this->request(Method::get, server.base_url(), "/big")), "exceeds the limit of 4096");
  this->expect_transport_error(adapter.send(this->request(Method::get, server.base_url(), "/chunked")),
                               "exceeds the limit of 4096");
  auto fits = adapter.send(this->request(Method::get, server.base_url(), "/fits"));
  ASSERT_TRUE(fits.has_value()) << fits.error();
  EXPECT_EQ(fits->body.size(), 1000u);
}

TYPED_TEST(TransportConformance, ConnectionRefusedIsATransportError) {
  const std::string base_url = chatbind::test::refused_base_url();
  TypeParam adapter{{}};
  auto result = adapter.send(this->request(Method::get, base_url, "/x"));
  this->expect_transport_error(result, "connect to " + base_url + " failed");
}

TYPED_TEST(TransportConformance, OnlyHttpAndHttpsBaseUrlsAreUsed) {
  const std::string base_url = "ftp" + chatbind::test::refused_base_url().substr(4);
  TypeParam adapter{{}};
  auto result = adapter.send(this->request(Method::get, base_url, "/etc/passwd"));
  this->expect_transport_error(result, base_url);
}

TYPED_TEST(TransportConformance, HeadersThatWouldInjectOthersAreRefused) {
  int requests = 0;
  LoopbackServer server{
      [&](httplib::Server& s) { s.Get("/x", [&](const httplib::Request&, httplib::Response&) { ++requests; }); }};
  TypeParam adapter{{}};
  for (auto [name, value] : {std::pair{"X-Note", "a\r\nX-Injected: 1"}, std::pair{"X-Note", "a\nb"},
                             std::pair{"X Note", "spaces are not allowed in names"}, std::pair{"", "no name"}}) {
    HttpRequest r = this->request(Method::get, server.base_url(), "/x");
    r.headers.push_back({name, value});
    auto result = adapter.send(r);
    ASSERT_FALSE(result.has_value()) << name << ": " << value;
    EXPECT_EQ(result.error().kind, ErrorKind::invalid_request);
  }
  EXPECT_EQ(requests, 0);
}

TYPED_TEST(TransportConformance, ReadTimeoutIsATransportError) {
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(400ms);
      res.set_content("late", "text/plain");
    });
  }};
  TypeParam adapter{{2000ms, 100ms, true}};
  const auto start = std::chrono::steady_clock::now();
  auto result = adapter.send(this->request(Method::get, server.base_url(), "/slow"));
  this->expect_transport_error(result, "timed out after 100 ms");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 380ms);
}

TYPED_TEST(TransportConformance, ServerClosingMidResponseIsATransportError) {
  RawServer server{[](RawServer::tcp::socket& socket, int) {
    RawServer::read_head(socket);
    const std::string partial = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly part";
    boost::system::error_code ec;
    boost::asio::write(socket, boost::asio::buffer(partial), ec);
    socket.shutdown(RawServer::tcp::socket::shutdown_both, ec);
  }};
  TypeParam adapter{{}};
  auto result = adapter.send(this->request(Method::get, server.base_url(), "/x"));
  this->expect_transport_error(result, "reading the response from " + server.base_url());
}

TYPED_TEST(TransportConformance, ConsecutiveCallsReuseTheConnection) {
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/port", [&](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::to_string(req.remote_port), "text/plain");
    });
  }};
  TypeParam adapter{{}};
  auto first = adapter.send(this->request(Method::get, server.base_url(), "/port"));
  auto second = adapter.send(this->request(Method::get, server.base_url(), "/port"));
  ASSERT_TRUE(first.has_value()) << first.error();
  ASSERT_TRUE(second.has_value()) << second.error();
  EXPECT_EQ(first->body, second->body) << "the second call used a new connection";
}

// A kept-alive connection that the server has closed meanwhile must not fail the next call.
TYPED_TEST(TransportConformance, AConnectionClosedWhileIdleIsReplaced) {
  std::promise<void> first_closed;
  RawServer server{[&](RawServer::tcp::socket& socket, int index) {
                     RawServer::read_head(socket);
                     const std::string body = index == 0 ? "first" : "second";
                     const std::string reply =
                         "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
                     boost::system::error_code ec;
                     boost::asio::write(socket, boost::asio::buffer(reply), ec);
                     socket.shutdown(RawServer::tcp::socket::shutdown_both, ec);
                     socket.close(ec);
                     if (index == 0) first_closed.set_value();
                   },
                   2};
  TypeParam adapter{{}};
  auto first = adapter.send(this->request(Method::get, server.base_url(), "/x"));
  ASSERT_TRUE(first.has_value()) << first.error();
  EXPECT_EQ(first->body, "first");
  ASSERT_EQ(first_closed.get_future().wait_for(2s), std::future_status::ready);
  auto second = adapter.send(this->request(Method::get, server.base_url(), "/x"));
  ASSERT_TRUE(second.has_value()) << second.error();
  EXPECT_EQ(second->body, "second");
}

#ifdef CHATBIND_TEST_TLS_DIR
TYPED_TEST(TransportConformance, HttpsVerifiesTheServerCertificateByDefault) {
  LoopbackServer server{
      [](httplib::Server& s) {
        s.Get("/x", [](const httplib::Request&, httplib::Response& res) { res.set_content("x", "text/plain"); });
      },
      chatbind::test::self_signed_tls_server(), "https"};
  TypeParam adapter{{}};
  auto result = adapter.send(this->request(Method::get, server.base_url(), "/x"));
  this->expect_transport_error(result, "TLS");
  EXPECT_THAT(result.error().message, HasSubstr(server.base_url()));
}

TYPED_TEST(TransportConformance, HttpsWithoutVerificationReachesTheServer) {
  std::string token;
  LoopbackServer server{[&](httplib::Server& s) {
                          s.Get("/x", [&](const httplib::Request& req, httplib::Response& res) {
                            token = req.get_header_value("token");
                            res.set_content("over TLS", "text/plain");
                          });
                        },
                        chatbind::test::self_signed_tls_server(), "https"};
  TypeParam adapter{{2000ms, 2000ms, false}};
  auto result = adapter.send(this->request(Method::get, server.base_url(), "/x"));
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->body, "over TLS");
  EXPECT_EQ(token, "s3cret-token");
}
#endif

}  // namespace
