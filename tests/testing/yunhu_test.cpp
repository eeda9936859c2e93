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

// A sticker, a video, a voice message and a text with mentions keep what they carried: the list calls
// show every content field (under the listed message's names), the request keeps the mentioned ids.
TEST_F(FakeYunhuTest, SentMessagesKeepEveryContentField) {
  ASSERT_TRUE(client.send_message({.msg_id = "s", .chat_id = "g1", .chat_type = yh::ChatType::group,
                                   .data = yh::SendContent{.image = "expression/abcdef.jpg", .expression_id = "42",
                                                           .sticker_item_id = 7, .sticker_pack_id = 3},
                                   .content_type = yh::ContentType::sticker}));
  ASSERT_TRUE(client.send_message({.msg_id = "v", .chat_id = "g1", .chat_type = yh::ChatType::group,
                                   .data = yh::SendContent{.quote_image_url = "https://x/q.png", .video = "123.mp4"},
                                   .content_type = yh::ContentType::text,
                                   .media = yh::SendMedia{.file_key = "123.mp4", .image_height = 720, .image_width = 1280,
                                                          .file_size = 4096}}));
  ASSERT_TRUE(client.send_message({.msg_id = "a", .chat_id = "g1", .chat_type = yh::ChatType::group,
                                   .data = yh::SendContent{.audio = "123.m4a", .audio_time = 9},
                                   .content_type = yh::ContentType::audio}));
  ASSERT_TRUE(client.send_message({.msg_id = "m", .chat_id = "g1", .chat_type = yh::ChatType::group,
                                   .data = yh::SendContent{.text = "@a @b hi", .mentioned_id = {"u-a", "u-b"}},
                                   .content_type = yh::ContentType::text}));

  auto listed = client.list_message({.msg_count = 10, .chat_type = yh::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(listed) << listed.error();
  ASSERT_EQ(listed->msg.size(), 4u);
  const yh::MessageContent sticker = listed->msg[0].content.value();
  EXPECT_EQ(sticker.sticker_url, "expression/abcdef.jpg");
  EXPECT_EQ(sticker.expression_id, "42");
  EXPECT_EQ(sticker.sticker_item_id, 7u);
  EXPECT_EQ(sticker.sticker_pack_id, 3u);
  const yh::MessageContent video = listed->msg[1].content.value();
  EXPECT_EQ(video.video_url, "123.mp4");
  EXPECT_EQ(video.quote_image_url, "https://x/q.png");
  EXPECT_EQ(video.width, 1280u);
  EXPECT_EQ(video.height, 720u);
  EXPECT_EQ(video.file_size, 4096u);
  const yh::MessageContent voice = listed->msg[2].content.value();
  EXPECT_EQ(voice.audio_url, "123.m4a");
  EXPECT_EQ(voice.audio_time, 9u);
  EXPECT_EQ(listed->msg[2].content_type, yh::ContentType::audio);

  const auto sent = fake.requests<yh::SendMessage>();
  ASSERT_EQ(sent.size(), 4u);
  ASSERT_TRUE(sent[3].data);
  EXPECT_EQ(sent[3].data->mentioned_id, (std::vector<std::string>{"u-a", "u-b"})) << "the mentioned ids, as the wire carried them";
}

// A long-running chatbind-fake must not grow without bound: a chat keeps its newest max_kept
// messages (the list calls see those), and reading a chat nobody wrote to adds none.
TEST_F(FakeYunhuTest, AChatKeepsItsNewestMessagesAndAReadAddsNoChat) {
  const std::size_t n = ct::yunhu_fake::max_kept + 2;
  for (std::size_t i = 0; i < n; ++i) ASSERT_TRUE(client.send_message(text("m" + std::to_string(i), std::to_string(i))));
  const auto kept = fake.messages(yh::ChatType::group, "g1");
  ASSERT_EQ(kept.size(), ct::yunhu_fake::max_kept);
  EXPECT_EQ(kept.front().msg_id, "m2");
  auto newest = client.list_message({.msg_count = 1, .chat_type = yh::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->total, ct::yunhu_fake::max_kept);
  EXPECT_EQ(newest->msg.at(0).msg_id, "m" + std::to_string(n - 1));

  auto none = client.list_message({.msg_count = 5, .chat_type = yh::ChatType::user, .chat_id = "nobody"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->msg.empty());
  EXPECT_EQ(none->total, 0u);
  auto recall = client.recall_message({.msg_id = "m5", .chat_id = "nobody", .chat_type = yh::ChatType::user});
  EXPECT_FALSE(recall) << "no such message in a chat nobody wrote to";
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
