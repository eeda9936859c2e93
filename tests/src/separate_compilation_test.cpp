// Separate compilation (src/<platform>.cpp, CHATBIND_SEPARATE_COMPILATION): this translation unit only
// declares the codecs (extern templates); it links because chatbind::<platform>_separate instantiates
// them, and the instantiations behave as the header-only ones do (Yunhu's msg_id filled, Heychat's
// envelope unwrapped, Wildfire signed, the Yunhu bot's token in the query and its code envelope read).
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "chatbind/wildfire.hpp"
#include "chatbind/yunhu.hpp"
#include "chatbind/yunhu_bot.hpp"

#include <gtest/gtest.h>

#ifndef CHATBIND_SEPARATE_COMPILATION
#error "this test is built against chatbind::<platform>_separate, which defines CHATBIND_SEPARATE_COMPILATION"
#endif

namespace {

TEST(SeparateCompilation, HeychatDecodesFromTheLibrarysInstantiation) {
  chatbind::HttpResponse response;
  response.body = std::string{chatbind::heychat::response_example<chatbind::heychat::ListRoomRoles>};
  ASSERT_FALSE(response.body.empty());
  auto roles = chatbind::decode_response<chatbind::heychat::ListRoomRoles>(response);
  ASSERT_TRUE(roles) << roles.error();
  EXPECT_FALSE(roles->roles.empty());
  response.body = R"({"status":"failed","msg":"没有权限","result":{}})";
  auto failed = chatbind::decode_response<chatbind::heychat::ListRoomRoles>(response);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, chatbind::ErrorKind::platform);
}

TEST(SeparateCompilation, YunhuFillsTheMessageIdInTheLibrarysInstantiation) {
  auto request = chatbind::encode_request<chatbind::yunhu::SendMessage>(
      {.chat_id = "g", .chat_type = chatbind::yunhu::ChatType::group}, {.token = "t"});
  ASSERT_TRUE(request) << request.error();
  auto decoded = chatbind::protobuf::decode<chatbind::yunhu::SendMessageRequest>(request->body);
  ASSERT_TRUE(decoded) << decoded.error();
  EXPECT_EQ(decoded->msg_id.size(), 32u) << "x-chatbind-fill gave it a fresh UUID";
}

TEST(SeparateCompilation, WildfireSignsInTheLibrarysInstantiation) {
  chatbind::wildfire::Credentials credentials{.secret = "s"};
  credentials.clock_ms = [] { return std::int64_t{1'700'000'000'000}; };
  credentials.nonce = [] { return std::string{"n"}; };
  auto request = chatbind::encode_request<chatbind::wildfire::GetChatroomInfo>({.chatroomId = "c"}, credentials);
  ASSERT_TRUE(request) << request.error();
  EXPECT_EQ(request->header("sign"), chatbind::wildfire::sign("n", "s", 1'700'000'000'000));
}

TEST(SeparateCompilation, YunhuBotPutsTheTokenInTheQueryAndReadsTheEnvelopeInTheLibrarysInstantiation) {
  namespace yb = chatbind::yunhu_bot;
  auto request = chatbind::encode_request<yb::RecallMessage>({.msgId = "m", .chatId = "c", .chatType = yb::RecvType::user},
                                                              {.token = "t"});
  ASSERT_TRUE(request) << request.error();
  ASSERT_EQ(request->query.size(), 1u);
  EXPECT_EQ(request->query[0], (std::pair<std::string, std::string>{"token", "t"}));
  chatbind::HttpResponse response;
  response.body = R"({"code":1002,"msg":"token不存在"})";
  auto failed = chatbind::decode_response<yb::RecallMessage>(response);
  ASSERT_FALSE(failed);
  EXPECT_EQ(yb::error_code(failed.error()), yb::ResultCode::invalid_parameter);
}

}  // namespace
