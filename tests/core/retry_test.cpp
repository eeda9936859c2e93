// Retries, proved with a scripted transport and a recording sleep: which failures are retried, how
// long each wait is (backoff, the server's Retry-After, clamped), and that a send is retried only with
// the same de-duplication key — a call that could create something twice is not retried at all.
#include "chatbind/core/retry.hpp"
#include "chatbind/heychat.hpp"
#include "chatbind/yunhu.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using chatbind::Error;
using chatbind::ErrorKind;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using chatbind::Result;
namespace hc = chatbind::heychat;
namespace yh = chatbind::yunhu;

/// Answers each request with the next scripted outcome and keeps every request it saw.
struct ScriptedTransport {
  std::deque<Result<HttpResponse>> script;
  std::vector<HttpRequest> seen;
  Result<HttpResponse> operator()(const HttpRequest& request) {
    seen.push_back(request);
    if (script.empty()) return Error::make(ErrorKind::transport, "script exhausted");
    Result<HttpResponse> next = std::move(script.front());
    script.pop_front();
    return next;
  }
};

struct RecordingSleep {
  std::vector<std::chrono::milliseconds>* waits;
  void operator()(std::chrono::milliseconds d) const { waits->push_back(d); }
};

chatbind::RetryPolicy deterministic() {
  chatbind::RetryPolicy p;
  p.jitter = false;
  return p;
}

HttpResponse status(int code, std::vector<chatbind::Header> headers = {}) {
  return HttpResponse{.status = code, .headers = std::move(headers), .body = ""};
}
const HttpResponse roles_ok{.status = 200, .headers = {}, .body = R"({"status":"ok","msg":"","result":{"roles":[]}})"};

TEST(Retry, AGetIsRetriedOn5xxAnd429WithBackoffAndTheServersWait) {
  ScriptedTransport t;
  t.script = {status(503), status(429, {{"Retry-After", "2"}}), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(t.seen.size(), 3u);
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{200ms, 2000ms})) << "backoff, then Retry-After";
}

TEST(Retry, ATransportFailureIsRetried) {
  ScriptedTransport t;
  t.script = {Error::make(ErrorKind::transport, "connection reset"), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(t.seen.size(), 2u);
}

TEST(Retry, AttemptsAreCappedAndTheLastErrorCarriesItsResponse) {
  ScriptedTransport t;
  t.script = {status(500), status(502), status(504, {{"X-Trace", "abc"}}), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_FALSE(r);
  EXPECT_EQ(t.seen.size(), 3u) << "max_attempts = 3";
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{200ms, 400ms})) << "doubling";
  EXPECT_EQ(r.error().http_status, 504);
  ASSERT_EQ(r.error().response_headers.size(), 1u);
  EXPECT_EQ(r.error().response_headers[0].second, "abc");
}

TEST(Retry, OtherFailuresAreNotRetried) {
  ScriptedTransport t;
  t.script = {status(400), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_FALSE(r);
  EXPECT_EQ(t.seen.size(), 1u);
  ScriptedTransport platform;
  platform.script = {HttpResponse{.status = 200, .headers = {}, .body = R"({"status":"failed","msg":"no"})"}, roles_ok};
  EXPECT_FALSE(chatbind::call_with_retry<hc::ListRoomRoles>(platform, {}, hc::Credentials{}, deterministic(),
                                                            RecordingSleep{&waits}));
  EXPECT_EQ(platform.seen.size(), 1u) << "a platform's own failure is an answer, not a lost one";
}

TEST(Retry, AHugeOrNonFiniteServerWaitIsClampedToTheBudget) {
  for (const char* value : {"1e300", "inf"}) {
    ScriptedTransport t;
    t.script = {status(429, {{"X-RateLimit-Reset-After", value}}), roles_ok};
    std::vector<std::chrono::milliseconds> waits;
    auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
    ASSERT_TRUE(r) << value;
    EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{30s})) << value << ": max_total_wait";
  }
  ScriptedTransport t;
  t.script = {status(429, {{"Retry-After", "nan"}}), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  ASSERT_TRUE(chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits}));
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{200ms})) << "NaN is ignored: the backoff applies";
}

TEST(Retry, TheWaitingBudgetEndsTheRetries) {
  ScriptedTransport t;
  t.script = {status(503, {{"Retry-After", "20"}}), status(503, {{"Retry-After", "20"}}), roles_ok};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::ListRoomRoles>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_FALSE(r) << "20 s + 20 s exceeds the 30 s budget";
  EXPECT_EQ(t.seen.size(), 2u);
  EXPECT_EQ(waits.size(), 1u);
}

TEST(Retry, JitterStaysWithinTheBackoff) {
  chatbind::RetryPolicy p;
  const Error e = Error::make(ErrorKind::transport, "x");
  for (int i = 0; i < 200; ++i) {
    const auto d = chatbind::retry_delay(p, 3, e);
    EXPECT_GE(d, 0ms);
    EXPECT_LE(d, 800ms);
  }
}

TEST(Retry, ASendIsRetriedWithTheSameDeduplicationKey) {
  static_assert(chatbind::retry_safe<yh::SendMessage>, "msg_id is the de-duplication key");
  yh::StatusResponse ok;
  ok.status.emplace();
  ok.status->code = yh::success_code;
  ScriptedTransport t;
  t.script = {Error::make(ErrorKind::transport, "timed out"),
              HttpResponse{.status = 200, .headers = {{"Content-Type", "application/x-protobuf"}},
                           .body = chatbind::protobuf::encode(ok)}};
  std::vector<std::chrono::milliseconds> waits;
  yh::SendMessageRequest request;  // msg_id left empty: chatbind fills it, once
  request.chat_id = "g1";
  auto r = chatbind::call_with_retry<yh::SendMessage>(t, request, yh::Credentials{.token = "t"}, deterministic(),
                                                      RecordingSleep{&waits});
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(t.seen.size(), 2u);
  auto first = chatbind::protobuf::decode<yh::SendMessageRequest>(t.seen[0].body);
  auto second = chatbind::protobuf::decode<yh::SendMessageRequest>(t.seen[1].body);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->msg_id.size(), 32u);
  EXPECT_EQ(first->msg_id, second->msg_id) << "both attempts carry the same msg_id";
}

TEST(Retry, ASendWithoutADeduplicationKeyIsNotRetried) {
  static_assert(!chatbind::retry_safe<hc::SendChannelMessage>, "a POST without a de-duplication key");
  ScriptedTransport t;
  t.script = {status(503, {{"Retry-After", "1"}}), HttpResponse{}};
  std::vector<std::chrono::milliseconds> waits;
  auto r = chatbind::call_with_retry<hc::SendChannelMessage>(t, {}, hc::Credentials{}, deterministic(), RecordingSleep{&waits});
  ASSERT_FALSE(r);
  EXPECT_EQ(t.seen.size(), 1u) << "the message may have been sent: never twice";
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_TRUE(waits.empty());
}

TEST(Retry, TheClientRetriesWhenAskedTo) {
  ScriptedTransport t;
  t.script = {status(503), roles_ok};
  auto through = [&t](const HttpRequest& request) { return t(request); };
  hc::Client client{through, hc::Credentials{}};
  std::vector<std::chrono::milliseconds> waits;
  client.set_sleep(RecordingSleep{&waits});
  EXPECT_FALSE(client.list_room_roles({})) << "no retries by default";
  t.script = {status(503), roles_ok};
  client.retry_policy() = deterministic();
  EXPECT_TRUE(client.list_room_roles({}));
  EXPECT_EQ(waits.size(), 1u);
}

}  // namespace
