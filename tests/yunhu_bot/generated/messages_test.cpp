// The Yunhu bot operations tagged `messages` in spec/yunhu_bot.yaml: request encoding as the official
// doc's examples send it (机器人发送消息 document/400-410, 批量发送 400-421, 编辑 400-437, 撤回 400-451,
// 消息列表 400-450, 流式消息 400-455), the token in the query, and response decoding.
#include "yunhu_bot/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace yb = chatbind::yunhu_bot;
using chatbind::ErrorKind;
using chatbind::HttpResponse;
using namespace chatbind::test::yunhu_bot_endpoints;

yb::MessageContent text_with_buttons() {
  return {.text = "这里是消息内容",
          .buttons = std::vector<std::vector<yb::Button>>{
              {{.text = "复制", .actionType = yb::ButtonActionType::copy, .value = "xxxx"},
               {.text = "点击跳转", .actionType = yb::ButtonActionType::url, .url = "http://www.baidu.com"}}}};
}

TEST(YunhuBotMessagesRequest, SendWithARowOfButtonsIsTheOfficialExample) {
  const auto r = encode<yb::SendMessage>({.recvId = "307149245",
                                          .recvType = yb::RecvType::group,
                                          .contentType = yb::SendContentType::text,
                                          .content = text_with_buttons()});
  expect_open_api_post(r, "/bot/send", yb::request_example<yb::SendMessage>);
}

TEST(YunhuBotMessagesRequest, MentionsTravelAsAnArrayOfUserIds) {
  const auto r = encode<yb::SendMessage>({.recvId = "307149245",
                                          .recvType = yb::RecvType::group,
                                          .contentType = yb::SendContentType::text,
                                          .content = {.text = "@小学不在这里哦\u200B 你好啊！我at你了", .at = std::vector<std::string>{"7756242"}}});
  expect_open_api_post(r, "/bot/send",
                       R"({"recvId":"307149245","recvType":"group","contentType":"text",
                           "content":{"text":"@小学不在这里哦\u200B 你好啊！我at你了","at":["7756242"]}})");
}

TEST(YunhuBotMessagesRequest, BatchSendEditAndRecall) {
  expect_open_api_post(encode<yb::BatchSendMessage>({.recvIds = {"307149245", "665344168"},
                                                     .recvType = yb::RecvType::group,
                                                     .contentType = yb::SendContentType::text,
                                                     .content = text_with_buttons()}),
                       "/bot/batch_send", yb::request_example<yb::BatchSendMessage>);
  expect_open_api_post(encode<yb::EditMessage>({.msgId = "a54ec67c089044dfa4241b9dd0a57f8d",
                                                .recvId = "307149245",
                                                .recvType = yb::RecvType::group,
                                                .contentType = yb::SendContentType::text,
                                                .content = {.text = "这里是消息内容"}}),
                       "/bot/edit", yb::request_example<yb::EditMessage>);
  expect_open_api_post(encode<yb::RecallMessage>(
                           {.msgId = "a54ec67c089044dfa4241b9dd0a57f8d", .chatId = "307149245", .chatType = yb::RecvType::group}),
                       "/bot/recall", yb::request_example<yb::RecallMessage>);
}

TEST(YunhuBotMessagesRequest, TheMessageListTakesHyphenatedQueryNames) {
  const auto r = encode<yb::ListMessages>(
      {.chat_id = "307149245", .chat_type = yb::RecvType::group, .message_id = "a54ec67c", .before = 10, .after = 0});
  EXPECT_EQ(r.method, chatbind::Method::get);
  EXPECT_EQ(r.url(), "https://chat-go.jwzhd.com/open-apis/v1/bot/messages?chat-id=307149245&chat-type=group"
                     "&message-id=a54ec67c&before=10&after=0&token=bot-token-1234");
  EXPECT_TRUE(r.body.empty());
  // The fake reads the query back under the same wire names.
  auto back = chatbind::query::decode<yb::ListMessagesRequest>(r.query);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->chat_id, "307149245");
  EXPECT_EQ(back->message_id, "a54ec67c");
  EXPECT_EQ(back->before, 10);
  auto missing = chatbind::query::decode<yb::ListMessagesRequest>({{"chat_id", "1"}, {"chat-type", "user"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "chat-id") << "errors name the wire name";
}

TEST(YunhuBotMessagesRequest, AStreamedMessageSendsItsTextAsThePlainBody) {
  const auto r = encode<yb::SendStreamMessage>(
      {.query = {.recvId = "307149245", .recvType = yb::RecvType::group, .contentType = yb::StreamContentType::markdown},
       .body = "## 测试流式消息"});
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_EQ(r.url(), "https://chat-go.jwzhd.com/open-apis/v1/bot/send-stream?recvId=307149245&recvType=group"
                     "&contentType=markdown&token=bot-token-1234");
  EXPECT_EQ(r.header("Content-Type"), "text/plain;charset=UTF-8");
  EXPECT_EQ(r.body, "## 测试流式消息");
}

TEST(YunhuBotMessagesRequest, ACredentialWithALineBreakCannotInjectAQueryOrHeader) {
  // The token is percent-encoded in the query: a CR/LF cannot end the request line.
  auto r = chatbind::encode_request<yb::RecallMessage>({.msgId = "m", .chatId = "c", .chatType = yb::RecvType::user},
                                                      yb::Credentials{.token = "a\r\nX-Injected: 1"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->target(), "/open-apis/v1/bot/recall?token=a%0D%0AX-Injected%3A%201");
}

// --------------------------------------------------------------------------- response decoding

TEST(YunhuBotMessagesResponse, SendAndBatchSendAnswerWithTheMessageIds) {
  const auto sent = decode_example<yb::SendMessage>();
  EXPECT_EQ(sent.messageInfo.msgId, "a54ec67c089044dfa4241b9dd0a57f8d");
  EXPECT_EQ(sent.messageInfo.recvType, yb::RecvType::group);
  const auto batch = decode_example<yb::BatchSendMessage>();
  EXPECT_EQ(batch.successCount, 2);
  ASSERT_TRUE(batch.successList);
  EXPECT_EQ(batch.successList->at(1).recvId, "665344168");
  EXPECT_EQ(decode_example<yb::EditMessage>().successCount, 1);
}

TEST(YunhuBotMessagesResponse, TheMessageListKeepsButtonsAndTheAiTip) {
  const auto list = decode_example<yb::ListMessages>();
  ASSERT_EQ(list.list.size(), 2u);
  EXPECT_EQ(list.total, 2);
  EXPECT_EQ(list.list[0].senderType, yb::MessageSenderType::bot);
  EXPECT_EQ(list.list[0].content.tip, "本内容由AI生成，仅供参考");
  ASSERT_TRUE(list.list[1].content.buttons);
  auto rows = chatbind::json::parse_as<std::vector<std::vector<yb::Button>>>(list.list[1].content.buttons->text());
  ASSERT_TRUE(rows) << rows.error();
  EXPECT_EQ(rows->at(0).at(1).url, "http://www.baidu.com");
}

TEST(YunhuBotMessagesResponse, AFailureIsAPlatformErrorWithItsCodeAndMessage) {
  // yh-Tpdev/yhchatAPI src/api/bot/README.md, collected error answers.
  auto r = chatbind::decode_response<yb::SendMessage>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":-1,"msg":"群(ID:xxx)中未添加当前机器人(ID: xxxxxxxx)。"})"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::platform);
  EXPECT_EQ(yb::error_code(r.error()), yb::ResultCode::failed);
  EXPECT_EQ(r.error().platform_message, "群(ID:xxx)中未添加当前机器人(ID: xxxxxxxx)。");

  auto unauthorized = chatbind::decode_response<yb::SendMessage>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":1003,"msg":"非法token"})"});
  ASSERT_FALSE(unauthorized);
  EXPECT_EQ(yb::error_code(unauthorized.error()), yb::ResultCode::unauthorized);
  EXPECT_NE(unauthorized.error().message.find("unauthorized"), std::string::npos) << unauthorized.error().message;

  auto limited = chatbind::decode_response<yb::RecallMessage>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":1007,"msg":"触发频次限制"})"});
  ASSERT_FALSE(limited);
  EXPECT_EQ(yb::error_code(limited.error()), yb::ResultCode::frequency_limit);
}

TEST(YunhuBotMessagesResponse, MalformedBodiesAreTypedErrorsNamingThePath) {
  auto wrong = chatbind::decode_response<yb::SendMessage>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":1,"msg":"success","data":{"messageInfo":{"msgId":7}}})"});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::schema);
  EXPECT_EQ(wrong.error().path, "data.messageInfo.msgId");

  auto missing = chatbind::decode_response<yb::ListMessages>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":1,"msg":"success","data":{"total":0}})"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().path, "data.list");

  auto code = chatbind::decode_response<yb::RecallMessage>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":"1","msg":"success"})"});
  ASSERT_FALSE(code);
  EXPECT_EQ(code.error().path, "code");

  auto html = chatbind::decode_response<yb::RecallMessage>(HttpResponse{.status = 502, .headers = {}, .body = "<html>"});
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().kind, ErrorKind::http_status);
  EXPECT_EQ(html.error().http_status, 502);
}

}  // namespace
