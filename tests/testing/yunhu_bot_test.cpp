// FakeYunhuBot: the open API's token check and envelope, the state a bot leaves (messages sent,
// edited, recalled and listed; boards; uploads; muted members) and the events it makes for a test —
// through chatbind's own client, and through the raw HTTP requests another SDK would send.
#include "chatbind/testing/yunhu_bot.hpp"

#include "chatbind/core/json_dom.hpp"
#include "chatbind/yunhu_bot.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace yb = chatbind::yunhu_bot;
using chatbind::HttpRequest;
using chatbind::Json;
using chatbind::testing::FakeYunhuBot;

yb::MessageContent menu() {
  return {.text = "**choose**",
          .buttons = std::vector<std::vector<yb::Button>>{
              {{.text = "yes", .actionType = yb::ButtonActionType::report, .value = "v-yes"},
               {.text = "docs", .actionType = yb::ButtonActionType::url, .url = "https://www.yhchat.com"}}}};
}

TEST(FakeYunhuBot, KeepsWhatTheBotSentEditedAndRecalled) {
  FakeYunhuBot fake{"tok", [] { return std::int64_t{1761936492000}; }};
  yb::Client client{fake, fake.credentials()};
  auto sent = client.send_message(
      {.recvId = "307149245", .recvType = yb::RecvType::group, .contentType = yb::SendContentType::markdown, .content = menu()});
  ASSERT_TRUE(sent) << sent.error();
  const std::string id = sent->messageInfo.msgId;
  EXPECT_EQ(id.size(), 32u);
  ASSERT_TRUE(fake.message(id));
  EXPECT_EQ(fake.message(id)->content.text, "**choose**");

  auto edited = client.edit_message({.msgId = id, .recvId = "307149245", .recvType = yb::RecvType::group,
                                     .contentType = yb::SendContentType::text, .content = {.text = "done"}});
  ASSERT_TRUE(edited) << edited.error();
  EXPECT_EQ(edited->successCount, 1);
  EXPECT_TRUE(fake.message(id)->edited);

  auto listed = client.list_messages({.chat_id = "307149245", .chat_type = yb::RecvType::group, .before = 10});
  ASSERT_TRUE(listed) << listed.error();
  ASSERT_EQ(listed->list.size(), 1u);
  EXPECT_EQ(listed->list[0].content.text, "done");
  EXPECT_EQ(listed->list[0].sendTime, 1761936492000);

  ASSERT_TRUE(client.recall_message({.msgId = id, .chatId = "307149245", .chatType = yb::RecvType::group}));
  EXPECT_TRUE(fake.message(id)->recalled);
  auto again = client.recall_message({.msgId = id, .chatId = "307149245", .chatType = yb::RecvType::group});
  ASSERT_FALSE(again);
  EXPECT_EQ(yb::error_code(again.error()), yb::ResultCode::failed);
  EXPECT_EQ(client.list_messages({.chat_id = "307149245", .chat_type = yb::RecvType::group, .before = 10})->list.size(), 0u);
}

TEST(FakeYunhuBot, TheMessageListPagesAroundAMessage) {
  FakeYunhuBot fake;
  yb::Client client{fake, fake.credentials()};
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(client.send_message({.recvId = "u1", .recvType = yb::RecvType::user, .contentType = yb::SendContentType::text,
                                       .content = {.text = "m" + std::to_string(i)}})
                      ->messageInfo.msgId);
  auto around = client.list_messages(
      {.chat_id = "u1", .chat_type = yb::RecvType::user, .message_id = ids[2], .before = 1, .after = 1});
  ASSERT_TRUE(around) << around.error();
  ASSERT_EQ(around->list.size(), 3u);  // newest first: m3, m2 (itself), m1
  EXPECT_EQ(around->list[0].content.text, "m3");
  EXPECT_EQ(around->list[1].msgId, ids[2]);
  EXPECT_EQ(around->list[2].content.text, "m1");
  EXPECT_TRUE(client.list_messages({.chat_id = "u1", .chat_type = yb::RecvType::user})->list.empty())
      << "before = after = 0 lists nothing";
}

TEST(FakeYunhuBot, RejectsWhatThePlatformRejects) {
  FakeYunhuBot fake{"tok"};
  yb::Client wrong{fake, yb::Credentials{.token = "other"}};
  auto r = wrong.send_message({.recvId = "1", .recvType = yb::RecvType::user, .contentType = yb::SendContentType::text,
                               .content = {.text = "hi"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(yb::error_code(r.error()), yb::ResultCode::invalid_parameter);
  EXPECT_EQ(r.error().platform_message, "token不存在");

  yb::Client client{fake, fake.credentials()};
  auto empty = client.send_message({.recvId = "1", .recvType = yb::RecvType::user, .contentType = yb::SendContentType::text});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().platform_message, "消息内容不能为空");
  auto board = client.set_board({.chatId = "1", .chatType = yb::RecvType::user, .contentType = yb::BoardContentType::text});
  ASSERT_FALSE(board);
  EXPECT_EQ(board.error().platform_message, "看板内容不能为空");
  EXPECT_TRUE(fake.messages().empty());

  // Raw requests, as another SDK sends them: a body that is not JSON, a missing field.
  HttpRequest raw{.method = chatbind::Method::post, .base_url = "http://fake", .path = "/open-apis/v1/bot/send",
                  .query = {{"token", "tok"}}, .headers = {{"Content-Type", "application/json"}}, .body = "recvId=1"};
  auto not_json = fake(raw);
  ASSERT_TRUE(not_json);
  EXPECT_EQ(Json::parse(not_json->body), Json::parse(R"({"code":1002,"msg":"请求参数应为json格式"})"));
  raw.body = R"({"recvType":"user","contentType":"text","content":{"text":"hi"},"extra":1})";
  auto missing = fake(raw);
  ASSERT_TRUE(missing);
  EXPECT_EQ(Json::parse(missing->body)["code"], 1002);
  EXPECT_NE(Json::parse(missing->body)["msg"].get<std::string>().find("recvId"), std::string::npos);
  raw.path = "/open-apis/v1/bot/nope";
  EXPECT_EQ(fake(raw)->status, 404);
}

TEST(FakeYunhuBot, TheWebLookupsNeedNoToken) {
  FakeYunhuBot fake;
  yb::Client anonymous{fake, yb::Credentials{}};
  auto bot = anonymous.get_bot_info({.botId = "37090343"});
  ASSERT_TRUE(bot) << bot.error();
  EXPECT_EQ(bot->bot.nickname, "小学云bot");
}

TEST(FakeYunhuBot, BoardsUploadsAndGroupModeration) {
  FakeYunhuBot fake;
  yb::Client client{fake, fake.credentials()};
  ASSERT_TRUE(client.set_board({.chatId = "u1", .chatType = yb::RecvType::user, .contentType = yb::BoardContentType::text, .content = "a"}));
  ASSERT_TRUE(client.set_board({.chatId = "u1", .chatType = yb::RecvType::user, .contentType = yb::BoardContentType::text, .content = "b"}));
  ASSERT_TRUE(client.set_board_all({.contentType = yb::BoardContentType::markdown, .content = "all"}));
  ASSERT_EQ(fake.boards().size(), 2u) << "a chat's board is replaced, the global one kept beside it";
  EXPECT_EQ(fake.boards()[0].content, "b");
  ASSERT_TRUE(client.dismiss_board_all({}));
  ASSERT_EQ(fake.boards().size(), 1u);

  auto image = client.upload_image({.image = {.filename = "a.png", .content_type = "image/png", .data = "PNG"}});
  ASSERT_TRUE(image) << image.error();
  ASSERT_EQ(fake.uploads().size(), 1u);
  EXPECT_EQ(fake.uploads()[0].key, image->imageKey);
  EXPECT_EQ(fake.uploads()[0].file.data, "PNG");

  ASSERT_TRUE(client.gag_group_member({.userId = "u1", .groupId = "g1", .gag = 600}));
  EXPECT_EQ(fake.gag("g1", "u1"), 600);
  ASSERT_TRUE(client.gag_group_member({.userId = "u1", .groupId = "g1", .gag = 0}));
  EXPECT_FALSE(fake.gag("g1", "u1")) << "0 lifts the gag";
}

TEST(FakeYunhuBot, MakesEventsForACommandAndAButtonClick) {
  FakeYunhuBot fake;
  std::vector<std::string> bodies;
  fake.subscribe([&](const yb::Event& e) { bodies.push_back(yb::encode_event(e)); });
  yb::Client client{fake, fake.credentials()};

  const yb::Event command = fake.command("7756242", 1508, "menu", "/menu", std::string{"307149245"});
  ASSERT_EQ(bodies.size(), 1u);
  auto decoded = yb::decode_event(bodies[0]);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(*decoded, command);
  const auto* c = decoded->get<yb::MessageReceiveInstructionEvent>();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->message.commandId, 1508);
  EXPECT_EQ(yb::reply_target(*c), (yb::ReplyTarget{"307149245", yb::RecvType::group}));

  auto sent = client.send_message({.recvId = "307149245", .recvType = yb::RecvType::group,
                                   .contentType = yb::SendContentType::markdown, .content = menu()});
  ASSERT_TRUE(sent);
  EXPECT_FALSE(fake.click(sent->messageInfo.msgId, "7756242", "nope")) << "only a report button can be clicked";
  auto click = fake.click(sent->messageInfo.msgId, "7756242", "v-yes");
  ASSERT_TRUE(click) << click.error();
  ASSERT_EQ(bodies.size(), 2u);
  auto clicked = yb::decode_event(bodies[1]);
  ASSERT_TRUE(clicked) << clicked.error();
  const auto* b = clicked->get<yb::ButtonReportInlineEvent>();
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->value, "v-yes");
  EXPECT_EQ(b->msgId, sent->messageInfo.msgId);
  EXPECT_EQ(yb::reply_target(*b), (yb::ReplyTarget{"307149245", yb::RecvType::group}));
  EXPECT_NE(decoded->header.eventId, clicked->header.eventId);
}

}  // namespace
