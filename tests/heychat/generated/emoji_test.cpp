// The Heychat operations tagged `emoji` in spec/heychat.yaml (listRoomMemes, deleteRoomMeme,
// renameRoomMeme): request encoding (method, URL, query own + common, headers, body as the docs
// show it) and response decoding.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;

// --------------------------------------------------------------------------- request encoding

TEST(HeychatEmojiRequest, RoomEmoji) {
  expect_get<hc::ListRoomMemes>({.room_id = "3358126864697663488"}, "/chatroom/v3/msg/meme/room/list",
                                {{"room_id", "3358126864697663488"}});
  expect_json_post<hc::DeleteRoomMeme>({.path = "1749706076381196288", .room_id = "1"}, "/chatroom/v2/msg/meme/room/del",
                                       R"({"path":"1749706076381196288","room_id":"1"})");
  expect_json_post<hc::RenameRoomMeme>({.path = "1749706076381196288", .name = "新名字", .room_id = "1"},
                                       "/chatroom/v2/msg/meme/room/edit",
                                       R"({"path":"1749706076381196288","name":"新名字","room_id":"1"})");
}

// -------------------------------------------------------------------------- response decoding

TEST(HeychatEmojiResponse, RoomEmojiListMatchesTheDocs) {
  // 获取房间上传的表情包: the docs' example (no sticker key although its schema lists one).
  const std::string text = chatbind::test::read_file(chatbind::test::data_path("heychat/meme_room_list.json"));
  auto r = chatbind::decode_response<hc::ListRoomMemes>(ok(text));
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->emoji.size(), 2u);
  EXPECT_FALSE(r->sticker);
  EXPECT_EQ(r->emoji[0].meme_info.name, "icon-游戏相关问题");
  EXPECT_EQ(r->emoji[0].meme_info.path, "1749706076381196288");
  EXPECT_EQ(r->emoji[1].meme_info.ext, "jpg");
  EXPECT_EQ(r->emoji[1].user_info.room_nickname, "测试");
  EXPECT_EQ(r->emoji[0].user_info.user_id, chatbind::Id{1});
  EXPECT_EQ(nlohmann::json::parse(chatbind::json::to_json(*r).dump()), nlohmann::json::parse(text)["result"]);
}

}  // namespace
