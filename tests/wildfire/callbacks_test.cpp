// Wildfire event callbacks without a socket (wildfire/callbacks.hpp): every callback's spec example
// (constructed from im-server's pojos, spec/wildfire.yaml webhooks) decodes on its path and reaches
// its handler; bad bodies, methods and paths get the answers the handler documents; the censor's
// verdicts become the answers im-server reads (200 empty, 200 with a payload, 403).
#include "chatbind/wildfire/callbacks.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace wf = chatbind::wildfire;

TEST(WildfireCallbacks, EveryExampleDecodesOnItsDefaultPathAndReachesOnlyItsHandler) {
  std::size_t hooks = 0;
  boost::mp11::mp_for_each<wf::all_callbacks>([&](auto w) {
    using W = decltype(w);
    SCOPED_TRACE(std::string{W::name});
    ++hooks;
    ASSERT_FALSE(wf::webhook_example<W>.empty()) << "every callback has an example in the spec";
    int mine = 0, others = 0;
    wf::CallbackDispatcher d;
    boost::mp11::mp_for_each<wf::all_callbacks>([&](auto other) {
      using O = decltype(other);
      d.on<O>([&](const typename O::payload&) { ++(std::is_same_v<O, W> ? mine : others); });
    });
    std::vector<chatbind::Error> errors;
    wf::CallbackHandler handler{std::move(d), [&](const chatbind::Error& e) { errors.push_back(e); }};
    const auto reply = handler.handle("POST", wf::default_callback_path<W>(), wf::webhook_example<W>);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(mine, 1);
    EXPECT_EQ(others, 0);
    EXPECT_TRUE(errors.empty());
    // What the handler saw is what the example says, not a default: it re-encodes to the same members.
    auto decoded = chatbind::json::parse_as<typename W::payload>(wf::webhook_example<W>);
    ASSERT_TRUE(decoded) << decoded.error();
    EXPECT_NE(*decoded, typename W::payload{});
  });
  EXPECT_GE(hooks, 16u) << "the community server's callbacks at least";
}

TEST(WildfireCallbacks, AMessageCallbackKeepsItsValues) {
  std::vector<wf::MessageData> seen;
  wf::CallbackDispatcher d;
  d.on<wf::MessageWebhook>([&](const wf::MessageData& m) { seen.push_back(m); });
  wf::CallbackHandler handler{std::move(d)};
  const auto reply = handler.handle("POST", "/wildfire/message", wf::webhook_example<wf::MessageWebhook>);
  EXPECT_EQ(reply, (chatbind::receiver::Reply{200, "text/plain; charset=utf-8", "ok"}));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].messageId, 1790123456789012345) << "a 64-bit uid past 2^53, exact";
  EXPECT_EQ(seen[0].sender, "user1");
  EXPECT_EQ(seen[0].conv.target, "group1");
  EXPECT_EQ(seen[0].payload.searchableContent, "你好");
  EXPECT_EQ(seen[0].timestamp, 1711353600000);
}

TEST(WildfireCallbacks, ABadBodyIs400NamingTheFieldAndReachesNoHandler) {
  int called = 0;
  std::vector<chatbind::Error> errors;
  wf::CallbackDispatcher d;
  d.on<wf::MessageWebhook>([&](const wf::MessageData&) { ++called; });
  wf::CallbackHandler handler{std::move(d), [&](const chatbind::Error& e) { errors.push_back(e); }};
  const std::string wrong_type = R"({"messageId":"x","sender":"u","conv":{"type":0,"target":"t","line":0},"payload":{"type":1},"toUsers":[],"timestamp":1})";
  for (const std::string& body : {wrong_type, std::string{"{\"sender\":"}, std::string{"[]"}, std::string{}}) {
    const auto reply = handler.handle("POST", "/wildfire/message", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_NE(reply.body.find("message"), std::string::npos) << reply.body;
  }
  EXPECT_NE(handler.handle("POST", "/wildfire/message", wrong_type).body.find("message.messageId"), std::string::npos)
      << "the path of the bad field";
  EXPECT_EQ(called, 0);
  EXPECT_EQ(errors.size(), 5u);
}

TEST(WildfireCallbacks, OnlyPostOnARoutedPath) {
  wf::CallbackHandler handler;
  EXPECT_EQ(handler.handle("GET", "/wildfire/message", "").status, 405);
  EXPECT_EQ(handler.handle("POST", "/elsewhere", wf::webhook_example<wf::MessageWebhook>).status, 404);
  EXPECT_EQ(handler.handle("POST", "/wildfire/message/", wf::webhook_example<wf::MessageWebhook>).status, 404)
      << "paths match exactly";
}

TEST(WildfireCallbacks, ARouteMovesACallbackToTheConfiguredPath) {
  int called = 0;
  wf::CallbackDispatcher d;
  d.on<wf::UserOnlineStatusWebhook>([&](const wf::UserOnlineEvent& e) { called += e.userId.empty() ? 0 : 1; });
  wf::CallbackHandler handler{std::move(d)};
  handler.route<wf::UserOnlineStatusWebhook>("/im_event/user/online");
  EXPECT_EQ(handler.handle("POST", "/wildfire/userOnlineStatus", wf::webhook_example<wf::UserOnlineStatusWebhook>).status, 404);
  EXPECT_EQ(handler.handle("POST", "/im_event/user/online", wf::webhook_example<wf::UserOnlineStatusWebhook>).status, 200);
  EXPECT_EQ(called, 1);
  std::size_t online_routes = 0;
  for (const auto& [path, name] : handler.routes()) online_routes += name == "userOnlineStatus" ? 1 : 0;
  EXPECT_EQ(online_routes, 1u);
}

TEST(WildfireCallbacks, TheCensorsVerdictIsTheAnswerTheServerReads) {
  const auto example = wf::webhook_example<wf::MessageCensorWebhook>;
  const auto censored = [&](wf::Censorship verdict, std::vector<chatbind::Error>* errors = nullptr) {
    wf::CallbackDispatcher d;
    d.censor([verdict](const wf::MessageData& m) {
      EXPECT_FALSE(m.sender.empty());
      return verdict;
    });
    wf::CallbackHandler handler{std::move(d), [errors](const chatbind::Error& e) { if (errors) errors->push_back(e); }};
    return handler.handle("POST", wf::default_callback_path<wf::MessageCensorWebhook>(), example);
  };
  {
    wf::CallbackHandler nobody;
    const auto reply = nobody.handle("POST", "/wildfire/messageCensor", example);
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "") << "no body: the original is sent";
  }
  EXPECT_EQ(censored(wf::Censorship::pass()).body, "");
  EXPECT_EQ(censored(wf::Censorship::drop()).status, 403);
  wf::MessagePayload replacement;
  replacement.type = 1;
  replacement.searchableContent = "***";
  const auto replaced = censored(wf::Censorship::replace(replacement));
  EXPECT_EQ(replaced.status, 200);
  auto back = chatbind::json::parse_as<wf::MessagePayload>(replaced.body);
  ASSERT_TRUE(back) << replaced.body;
  EXPECT_EQ(*back, replacement);
  std::vector<chatbind::Error> errors;
  replacement.type = 0;  // the server ignores a payload of type 0: passing it would mislead
  const auto ignored = censored(wf::Censorship::replace(replacement), &errors);
  EXPECT_EQ(ignored.status, 200);
  EXPECT_EQ(ignored.body, "");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("type > 0"), std::string::npos);
}

TEST(WildfireCallbacks, ABodyOverTheLimitIsRefusedBeforeDecoding) {
  int called = 0;
  wf::CallbackDispatcher d;
  d.on<wf::MessageWebhook>([&](const wf::MessageData&) { ++called; });
  wf::CallbackHandler handler{std::move(d)};
  handler.limits().max_input_bytes = 64;
  const auto reply = handler.handle("POST", "/wildfire/message", wf::webhook_example<wf::MessageWebhook>);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(called, 0);
}

}  // namespace
