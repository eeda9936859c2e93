// Heychat mentions (heychat/mentions.hpp): @user, @role, #channel, @all and @online rendered into msg,
// with at_user_id, at_role_id and mention_channel_id from the same ids.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace hc = chatbind::heychat;

TEST(HeychatMentions, RenderTheDocumentedExample) {
  // The send body example of seed 000.
  hc::MentionText t;
  t.role("4611545164569485312").text(" ").user("100030").text(" ").channel("3628471439769796608").text(" 11111");
  EXPECT_EQ(t.msg(), "@{id:4611545164569485312} @{id:100030} #{id:3628471439769796608} 11111");
  EXPECT_EQ(t.at_user_id(), "100030");
  EXPECT_EQ(t.at_role_id(), "4611545164569485312");
  EXPECT_EQ(t.mention_channel_id(), "3628471439769796608");
}

TEST(HeychatMentions, ListsAreDeduplicatedInOrder) {
  hc::MentionText t;
  t.user("2").user("1").user("2").all().online().role("9").role("8");
  EXPECT_EQ(t.msg(), "@{id:2}@{id:1}@{id:2}@{all}@{here}@{id:9}@{id:8}");
  EXPECT_EQ(t.at_user_id(), "2,1");
  EXPECT_EQ(t.at_role_id(), "9,8");
  EXPECT_EQ(t.mention_channel_id(), "");
}

TEST(HeychatMentions, FillASendBodyConsistently) {
  hc::MentionText t;
  t.text("hi ").user(chatbind::Id{100030});
  const hc::ChannelMessageSend m = hc::mention_message({.room_id = "1", .channel_id = "2"}, t);
  EXPECT_EQ(m.msg, "hi @{id:100030}");
  EXPECT_EQ(m.msg_type, hc::MsgType::markdown_with_mentions);
  EXPECT_EQ(m.at_user_id, "100030");
  EXPECT_EQ(m.at_role_id, "");
  hc::ChannelMessageUpdate u{.msg = "", .msg_type = hc::MsgType::text, .room_id = "1", .channel_id = "2", .msg_id = "3"};
  t.apply(u);  // the update body takes the same fields
  EXPECT_EQ(u.msg, m.msg);
  EXPECT_EQ(u.at_user_id, m.at_user_id);
}

}  // namespace
