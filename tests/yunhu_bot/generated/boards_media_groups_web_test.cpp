// The Yunhu bot operations tagged `boards`, `media`, `groups` and `web` in spec/yunhu_bot.yaml:
// request encoding from the official doc's examples (看板 document/449-44x, 上传 400-452..454,
// 群管理 456-457..465) and the web lookups from yh-Tpdev/yhchatAPI (src/api/web/v1), response decoding
// from the same pages.
#include "yunhu_bot/endpoint_test_support.hpp"

#include "chatbind/core/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace yb = chatbind::yunhu_bot;
using chatbind::HttpResponse;
using namespace chatbind::test::yunhu_bot_endpoints;

TEST(YunhuBotBoardsRequest, EveryBoardOperationSendsTheDocumentedBody) {
  expect_open_api_post(encode<yb::SetBoard>({.chatId = "7756242",
                                             .chatType = yb::RecvType::user,
                                             .contentType = yb::BoardContentType::text,
                                             .content = "你好"}),
                       "/bot/board", yb::request_example<yb::SetBoard>);
  expect_open_api_post(encode<yb::SetBoardAll>({.contentType = yb::BoardContentType::text, .content = "这是全局看板。"}),
                       "/bot/board-all", yb::request_example<yb::SetBoardAll>);
  expect_open_api_post(encode<yb::DismissBoard>({.chatId = "7756242", .chatType = yb::RecvType::user}),
                       "/bot/board-dismiss", yb::request_example<yb::DismissBoard>);
  // The Python SDK and koishi post an empty object.
  expect_open_api_post(encode<yb::DismissBoardAll>({}), "/bot/board-all-dismiss", "{}");
}

TEST(YunhuBotBoardsRequest, AGroupMemberBoardWithAnExpiry) {
  expect_open_api_post(encode<yb::SetBoard>({.chatId = "307149245",
                                             .chatType = yb::RecvType::group,
                                             .memberId = "7756242",
                                             .contentType = yb::BoardContentType::markdown,
                                             .content = "**hi**",
                                             .expireTime = 1761936492}),
                       "/bot/board",
                       R"({"chatId":"307149245","chatType":"group","memberId":"7756242","contentType":"markdown",
                           "content":"**hi**","expireTime":1761936492})");
}

TEST(YunhuBotBoardsResponse, BoardUpdatesCountTheChatsChanged) {
  EXPECT_EQ(decode_example<yb::SetBoard>().successCount, 1);
  EXPECT_EQ(decode_example<yb::SetBoardAll>().successCount, 3);
}

TEST(YunhuBotMediaRequest, UploadsAreMultipartWithTheDocumentedPartName) {
  struct Case {
    chatbind::HttpRequest request;
    std::string_view path, part;
  };
  const chatbind::multipart::File png{.filename = "cat.png", .content_type = "image/png", .data = std::string{"\x89PNG\r\n", 6}};
  const Case cases[] = {
      {encode<yb::UploadImage>({.image = png}), "/image/upload", "image"},
      {encode<yb::UploadVideo>({.video = {.filename = "a.mp4", .content_type = "video/mp4", .data = "mp4"}}), "/video/upload", "video"},
      {encode<yb::UploadFile>({.file = {.filename = "a.txt", .content_type = "text/plain", .data = "text"}}), "/file/upload", "file"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string{c.path});
    EXPECT_EQ(c.request.url(), "https://chat-go.jwzhd.com/open-apis/v1" + std::string{c.path} + "?token=bot-token-1234");
    auto parts = chatbind::multipart::parse(c.request.header("Content-Type"), c.request.body);
    ASSERT_TRUE(parts) << parts.error();
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ(parts->at(0).name, c.part);
    EXPECT_TRUE(parts->at(0).filename.has_value());
  }
  auto image = chatbind::multipart::decode<yb::ImageUpload>(cases[0].request.header("Content-Type"), cases[0].request.body);
  ASSERT_TRUE(image) << image.error();
  EXPECT_EQ(image->image, png);
}

TEST(YunhuBotMediaResponse, UploadsAnswerWithTheKeyToSend) {
  EXPECT_EQ(decode_example<yb::UploadImage>().imageKey, "FkaP4yunD3qbwZG2YEQQtwWog7ai");
  EXPECT_EQ(decode_example<yb::UploadVideo>().videoKey, "016ec8e4d17a4fbda3ccb0e99b44aca0xx");
  EXPECT_EQ(decode_example<yb::UploadFile>().fileKey, "016ec8e4d17a4fbda3ccb0e99b44aca0xx");
}

TEST(YunhuBotGroupsRequest, EveryGroupOperationSendsTheDocumentedBody) {
  expect_open_api_post(encode<yb::RemoveGroupMember>({.userId = "7756242", .groupId = "307149245"}),
                       "/group/remove-member", yb::request_example<yb::RemoveGroupMember>);
  expect_open_api_post(encode<yb::GagGroupMember>({.userId = "7756242", .groupId = "307149245", .gag = 600}),
                       "/group/gag-member", yb::request_example<yb::GagGroupMember>);
  expect_open_api_post(encode<yb::SetGroupMessageTypeLimit>({.groupId = "307149245", .type = "text,image,video"}),
                       "/group/msg-type-limit", yb::request_example<yb::SetGroupMessageTypeLimit>);
  expect_open_api_post(encode<yb::ListGroupTags>({.groupId = "307149245"}), "/group/tag/list",
                       yb::request_example<yb::ListGroupTags>);
  expect_open_api_post(encode<yb::CreateGroupTag>(
                           {.groupId = "307149245", .tag = "koishi测试群", .color = "#FF5733", .desc = "测试用户标签", .sort = 1}),
                       "/group/tag/create", yb::request_example<yb::CreateGroupTag>);
  expect_open_api_post(encode<yb::EditGroupTag>({.groupId = "307149245",
                                                 .tag = "VIP用户",
                                                 .newTag = "SVIP用户",
                                                 .color = "#FF5733",
                                                 .desc = "VIP会员用户标签（已更新）",
                                                 .sort = 2}),
                       "/group/tag/edit", yb::request_example<yb::EditGroupTag>);
  expect_open_api_post(encode<yb::DeleteGroupTag>({.tag = "koishi测试2", .groupId = "307149245"}), "/group/tag/delete",
                       yb::request_example<yb::DeleteGroupTag>);
  expect_open_api_post(encode<yb::AddGroupTagToUser>({.userId = "7756242", .tag = "koishi测试2", .groupId = "307149245"}),
                       "/group/tag/user-relate", yb::request_example<yb::AddGroupTagToUser>);
  expect_open_api_post(encode<yb::RemoveGroupTagFromUser>({.userId = "7756242", .tag = "koishi测试2", .groupId = "307149245"}),
                       "/group/tag/user-relate-cancel", yb::request_example<yb::RemoveGroupTagFromUser>);
}

TEST(YunhuBotGroupsResponse, TagsListAndCreate) {
  const auto tags = decode_example<yb::ListGroupTags>();
  ASSERT_EQ(tags.list.size(), 2u);
  EXPECT_EQ(tags.list[0].tag, "koishi测试群");
  EXPECT_EQ(tags.list[0].color, "#FF5733");
  EXPECT_EQ(decode_example<yb::CreateGroupTag>().tagId, 4093);
}

TEST(YunhuBotWebRequest, TheLookupsGoToTheWebHostWithoutTheToken) {
  const auto bot = encode<yb::GetBotInfo>({.botId = "37090343"});
  EXPECT_EQ(bot.url(), "https://chat-web-go.jwzhd.com/v1/bot/bot-info");
  EXPECT_EQ(chatbind::Json::parse(bot.body), chatbind::Json::parse(yb::request_example<yb::GetBotInfo>));
  const auto group = encode<yb::GetGroupInfo>({.groupId = "big"});
  EXPECT_EQ(group.url(), "https://chat-web-go.jwzhd.com/v1/group/group-info");
  const auto user = encode<yb::GetUserHomepage>({.userId = "7756242"});
  EXPECT_EQ(user.method, chatbind::Method::get);
  EXPECT_EQ(user.url(), "https://chat-web-go.jwzhd.com/v1/user/homepage?userId=7756242");
  for (const auto* r : {&bot, &group, &user}) EXPECT_TRUE(r->secret_query.empty());

  // web_base_url points the lookups elsewhere (a fake), base_url the open API.
  auto faked = chatbind::encode_request<yb::GetBotInfo>(
      {.botId = "1"}, yb::Credentials{.token = "t", .base_url = "http://127.0.0.1:1", .web_base_url = "http://127.0.0.1:2"});
  ASSERT_TRUE(faked) << faked.error();
  EXPECT_EQ(faked->url(), "http://127.0.0.1:2/v1/bot/bot-info");
}

TEST(YunhuBotWebResponse, ProfilesDecode) {
  const auto bot = decode_example<yb::GetBotInfo>();
  EXPECT_EQ(bot.bot.botId, "37090343");
  EXPECT_EQ(bot.bot.nickname, "小学云bot");
  const auto group = decode_example<yb::GetGroupInfo>();
  EXPECT_EQ(group.group.name, "全员群");
  EXPECT_EQ(group.group.headcount, 112998);
  const auto user = decode_example<yb::GetUserHomepage>();
  EXPECT_EQ(user.user.nickname, "小学不在这里哦");
  EXPECT_EQ(user.user.registerTime, 1756135685);

  auto unknown = chatbind::decode_response<yb::GetBotInfo>(
      HttpResponse{.status = 200, .headers = {}, .body = R"({"code":-1,"msg":"机器人不存在"})"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().platform_message, "机器人不存在");
}

}  // namespace
