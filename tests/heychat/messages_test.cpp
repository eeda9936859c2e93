// Typed message helpers over the send endpoint (heychat/messages.hpp): text, markdown, broadcast and
// image messages.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using Plain = nlohmann::json;

TEST(HeychatMessages, BroadcastToAllOrOnline) {
  const auto all = hc::broadcast_message({.room_id = "1", .channel_id = "2"}, hc::Broadcast::all, "开会了");
  EXPECT_EQ(all.msg, "@{all} 开会了");
  EXPECT_EQ(all.msg_type, hc::MsgType::markdown_with_mentions);
  EXPECT_EQ(hc::broadcast_message({.room_id = "1", .channel_id = "2"}, hc::Broadcast::online, "x").msg, "@{here} x");
}

TEST(HeychatMessages, TextAndMarkdown) {
  const auto text = hc::text_message({.room_id = "1", .channel_id = "2"}, "hello");
  EXPECT_EQ(text.msg_type, hc::MsgType::text);
  EXPECT_EQ(text.room_id, "1");
  EXPECT_EQ(text.channel_id, "2");
  EXPECT_EQ(hc::markdown_message({.room_id = "1", .channel_id = "2"}, "**b**").msg_type, hc::MsgType::markdown);
}

TEST(HeychatMessages, ImageMessageCarriesTheAddition) {
  auto m = hc::image_message({.room_id = "1", .channel_id = "2"},
                             {{.url = "https://chat.max-c.com/a.png", .width = 640, .height = 480}, {.url = "https://b"}});
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->msg_type, hc::MsgType::image);
  ASSERT_TRUE(m->addition);
  EXPECT_EQ(Plain::parse(*m->addition),
            Plain::parse(R"({"img_files_info":[{"url":"https://chat.max-c.com/a.png","width":640,"height":480},{"url":"https://b"}]})"));
  auto bad = hc::image_message({.room_id = "1", .channel_id = "2"}, {{.url = "bad \xff"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, chatbind::ErrorKind::invalid_request);
}

}  // namespace
