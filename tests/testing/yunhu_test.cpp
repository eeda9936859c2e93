// FakeYunhu: the token checked as Yunhu does (a JSON -101 on a protobuf route), Status.code for a
// bad body, and sent messages listed, edited and recalled.
#include "chatbind/testing/yunhu.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace yh = chatbind::yunhu;
namespace ct = chatbind::testing;

yh::SendMessageRequest text(std::string id, std::string body) {
  return {.msg_id = std::move(id), .chat_id = "g1", .chat_type = yh::ChatType::group,
          .data = yh::SendContent{.text = std::move(body)}, .content_type = yh::ContentType::text};
}

struct FakeYunhuTest : ::testing::Test {
  std::int64_t now = 1'700'000'000'000;
  ct::FakeYunhu fake{"login-token", [this] { return now; }};
  yh::Client<ct::FakeYunhu> client{fake, fake.credentials()};
};

TEST_F(FakeYunhuTest, SentMessagesAreListed) {
  ASSERT_TRUE(client.send_message(text("a", "first")));
  now += 1000;
  ASSERT_TRUE(client.send_message(text("b", "second")));
  ASSERT_TRUE(client.send_message(text("c", "third")));
  ASSERT_TRUE(client.send_message({.chat_id = "elsewhere", .chat_type = yh::ChatType::user}));  // a generated msg_id

  auto newest = client.list_message({.msg_count = 2, .chat_type = yh::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(newest) << newest.error();
  ASSERT_EQ(newest->msg.size(), 2u);
  EXPECT_EQ(newest->msg[0].msg_id, "b");
  EXPECT_EQ(newest->msg[1].msg_id, "c");
  EXPECT_EQ(newest->total, 3u);
  ASSERT_TRUE(newest->msg[1].content);
  EXPECT_EQ(newest->msg[1].content->text, "third");
  EXPECT_EQ(newest->msg[1].send_time, 1'700'000'001'000u);

  auto before_c = client.list_message({.msg_count = 5, .msg_id = "c", .chat_type = yh::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(before_c);
  ASSERT_EQ(before_c->msg.size(), 2u);
  EXPECT_EQ(before_c->msg[0].msg_id, "a");

  auto after_first = client.list_message_by_seq({.msg_start = newest->msg[0].msg_seq - 1, .chat_type = yh::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(after_first);
  ASSERT_EQ(after_first->msg.size(), 2u);
  EXPECT_EQ(after_first->msg[0].msg_id, "b");

  auto around = client.list_message_by_mid_seq({.chat_type = yh::ChatType::group, .chat_id = "g1", .msg_count = 1, .msg_id = "b"});
  ASSERT_TRUE(around);
  ASSERT_EQ(around->msg.size(), 2u) << "msg_count + 1 messages, that message included";
  EXPECT_EQ(around->msg[1].msg_id, "b");

  const auto other = fake.messages(yh::ChatType::user, "elsewhere");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].msg_id.size(), 32u) << "encode_request filled a fresh id";
}

TEST_F(FakeYunhuTest, EditsAreApplidAndRecorded) {
  ASSERT_TRUE(client.send_message(text("a", "before")));
  now += 5000;
  auto edited = client.edit_message({.msg_id = "a", .chat_id = "g1", .chat_type = yh::ChatType::group,
                                     .content = yh::EditContent{.text = "after"}, .content_type = yh::ContentType::text});
  ASSERT_TRUE(edited) << edited.error();
  const auto messages = fake.messages(yh::ChatType::group, "g1");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].content->text, "after");
  EXPECT_EQ(messages[0].edit_time, static_cast<std::uint64_t>(now));

  auto records = client.list_message_edit_record({.msgId = "a", .size = 10, .page = 1});
  ASSERT_TRUE(records) << records.error();
  ASSERT_EQ(records->list.size(), 1u);
  EXPECT_EQ(records->total, 1);
  EXPECT_EQ(records->list[0].contentOld, R"({"text":"before"})");

  auto missing = client.edit_message({.msg_id = "nope", .chat_id = "g1", .chat_type = yh::ChatType::group});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, chatbind::ErrorKind::platform);
  EXPECT_NE(missing.error().platform_code, yh::success_code);
}

TEST_F(FakeYunhuTest, RecallAndBatchRecall) {
  for (const char* id : {"a", "b", "c"}) ASSERT_TRUE(client.send_message(text(id, id)));
  now += 1;
  ASSERT_TRUE(client.recall_message({.msg_id = "a", .chat_id = "g1", .chat_type = yh::ChatType::group}));
  ASSERT_TRUE(client.recall_messages({.msg_id = {"b", "c"}, .chat_id = "g1", .chat_type = yh::ChatType::group}));
  for (const auto& m : fake.messages(yh::ChatType::group, "g1")) EXPECT_EQ(m.msg_delete_time, static_cast<std::uint64_t>(now)) << m.msg_id;
  auto unknown = client.recall_messages({.msg_id = {"a", "zzz"}, .chat_id = "g1", .chat_type = yh::ChatType::group});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().platform_message.find("zzz"), std::string::npos);
}

TEST_F(FakeYunhuTest, AMissingOrWrongTokenIsTheJsonNotLoggedInAnswer) {
  auto credentials = fake.credentials();
  credentials.token = "stolen-token-value";
  yh::Client other{fake, credentials};
  auto r = other.send_message(text("a", "x"));  // a protobuf route
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().platform_code, -101);
  EXPECT_EQ(r.error().platform_message, "未登录");
  EXPECT_EQ(r.error().describe().find("token-value"), std::string::npos);
  auto json_route = other.list_message_edit_record({.msgId = "a"});
  ASSERT_FALSE(json_route);
  EXPECT_EQ(json_route.error().platform_code, -101);

  auto http = chatbind::encode_request<yh::SendMessage>(text("a", "x"), fake.credentials());
  ASSERT_TRUE(http);
  http->headers.clear();
  auto raw = fake(*http);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->body, R"({"code":-101,"msg":"未登录"})");
  EXPECT_TRUE(fake.calls().empty());
}

TEST_F(FakeYunhuTest, ABadBodyIsAStatusCodeOtherThanOne) {
  auto http = chatbind::encode_request<yh::SendMessage>(text("a", "x"), fake.credentials());
  ASSERT_TRUE(http);
  http->body = "\x0a\xff";  // field 1, length 255: truncated
  auto raw = fake(*http);
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 200);
  EXPECT_EQ(raw->header("Content-Type"), chatbind::protobuf_content_type);
  auto r = chatbind::decode_response<yh::SendMessage>(*raw);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::platform);
  EXPECT_EQ(r.error().platform_code, ct::yunhu_fake::invalid_request);

  auto json = chatbind::encode_request<yh::ListMessageEditRecord>({.msgId = "a"}, fake.credentials());
  ASSERT_TRUE(json);
  json->body = R"({"msgId":5})";
  auto jr = chatbind::decode_response<yh::ListMessageEditRecord>(*fake(*json));
  ASSERT_FALSE(jr);
  EXPECT_NE(jr.error().platform_message.find("msgId"), std::string::npos) << jr.error();
  EXPECT_TRUE(fake.calls().empty());
}

TEST_F(FakeYunhuTest, ScriptedFailureOnAProtobufRoute) {
  fake.on<yh::ButtonReport>([](const yh::ButtonReportRequest& r) -> ct::Reply<yh::ButtonReport> {
    return ct::Failure{.code = 403, .msg = "no button " + r.button_value};
  });
  auto r = client.button_report({.msg_id = "a", .button_value = "ok"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().platform_code, 403);
  EXPECT_EQ(r.error().platform_message, "no button ok");
  ASSERT_EQ(fake.requests<yh::ButtonReport>().size(), 1u);
  EXPECT_EQ(fake.requests<yh::ButtonReport>()[0].button_value, "ok");
}

}  // namespace
