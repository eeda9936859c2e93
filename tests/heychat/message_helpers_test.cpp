// Typed message helpers: permissions, mentions, cards, addition and the send-endpoint shortcuts.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace {

namespace hc = chatbind::heychat;
namespace cards = chatbind::heychat::cards;
using Plain = nlohmann::json;

// ------------------------------------------------------------------------------------- permissions

TEST(HeychatPermissions, DocumentedRoleBitsetsRoundTrip) {
  // room_role/roles (seed 002): 全体成员 has 133176672578, 语音频道管理员 213909504.
  for (const char* text : {"133176672578", "213909504", "0", "1", "2199023255551", "18446744073709551615"}) {
    auto p = hc::Permissions::parse(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->str(), text);
  }
  auto everyone = hc::Permissions::parse("133176672578");
  ASSERT_TRUE(everyone);
  EXPECT_TRUE(everyone->has(hc::Permission::view_channels));
  EXPECT_TRUE(everyone->has(hc::Permission::send_messages));
  EXPECT_FALSE(everyone->has(hc::Permission::administrator));
  auto voice_admin = hc::Permissions::parse("213909504");  // 2^22 + ... : the voice bits 22–27
  ASSERT_TRUE(voice_admin);
  EXPECT_TRUE(voice_admin->has(hc::Permission::move_members));
  EXPECT_TRUE(voice_admin->has(hc::Permission::mute_members));
  EXPECT_FALSE(voice_admin->has(hc::Permission::send_messages));
}

TEST(HeychatPermissions, NamedBitsUpTo40) {
  hc::Permissions p{hc::Permission::record_audio, hc::Permission::administrator};
  EXPECT_EQ(p.bits(), (std::uint64_t{1} << 40) | 1u);
  EXPECT_EQ(p.str(), "1099511627777");
  p.remove(hc::Permission::administrator).add(hc::Permission::send_images);
  EXPECT_EQ(p.str(), std::to_string((std::uint64_t{1} << 40) | (std::uint64_t{1} << 39)));
  EXPECT_EQ((p | hc::Permissions{hc::Permission::speak}) & hc::Permissions{hc::Permission::speak},
            hc::Permissions{hc::Permission::speak});
  EXPECT_EQ(static_cast<int>(hc::Permission::manage_emoji), 30);
  EXPECT_EQ(static_cast<int>(hc::Permission::use_bot_commands), 36);
}

TEST(HeychatPermissions, MalformedTextIsATypedError) {
  for (const char* bad : {"", "-1", "12a", "1e5", " 1", "18446744073709551616"}) {
    auto p = hc::Permissions::parse(bad, "result.roles[0].permissions");
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().kind, chatbind::ErrorKind::schema);
    EXPECT_EQ(p.error().path, "result.roles[0].permissions");
  }
}

// ------------------------------------------------------------------------------------- mentions

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

// ------------------------------------------------------------------------------------- cards

TEST(HeychatCards, EveryModuleAndNodeSerialises) {
  cards::Card card;
  card.border_color = "#009FE9";
  card.size = cards::CardSize::medium;
  card.header("标题")
      .section(cards::Markdown{"**粗体**"})
      .section({cards::PlainText{"左"}, cards::Image{.url = "https://i/1.png", .size = cards::ImageSize::small},
                cards::Button{.text = "打开", .value = "https://x", .event = cards::ButtonEvent::link_to,
                              .theme = cards::ButtonTheme::primary}})
      .images({{.url = "https://i/2.png"}, {.url = "https://i/3.png", .size = cards::ImageSize::large}})
      .divider()
      .divider("或")
      .buttons({{.text = "投票", .value = "vote:1"},
                {.text = "取消", .value = "cancel", .event = cards::ButtonEvent::none, .theme = cards::ButtonTheme::danger}})
      .countdown(1735660800, cards::CountdownMode::calendar);
  const Plain expected = Plain::parse(R"({"data":[{"type":"card","border_color":"#009FE9","size":"medium","modules":[
    {"type":"header","content":{"type":"plain-text","text":"标题"}},
    {"type":"section","paragraph":[{"type":"markdown","text":"**粗体**"}]},
    {"type":"section","paragraph":[{"type":"plain-text","text":"左"},{"type":"image","url":"https://i/1.png","size":"small"},
      {"type":"button","text":"打开","value":"https://x","event":"link-to","theme":"primary"}]},
    {"type":"images","urls":[{"type":"image","url":"https://i/2.png"},{"type":"image","url":"https://i/3.png","size":"large"}]},
    {"type":"divider"},
    {"type":"divider","text":"或"},
    {"type":"button-group","btns":[{"type":"button","text":"投票","value":"vote:1","event":"server","theme":"default"},
      {"type":"button","text":"取消","value":"cancel","event":"none","theme":"danger"}]},
    {"type":"countdown","mode":"calendar","end_time":1735660800}]}]})");
  EXPECT_EQ(Plain::parse(cards::to_json({.data = {card}}).dump()), expected);
}

TEST(HeychatCards, CardMessageIsTheMsgString) {
  cards::Card card;
  card.header("hi");
  auto m = hc::card_message({.room_id = "1", .channel_id = "2"}, {.data = {card, card}});
  ASSERT_TRUE(m) << m.error();
  EXPECT_EQ(m->msg_type, hc::MsgType::card);
  const Plain msg = Plain::parse(m->msg);
  ASSERT_EQ(msg["data"].size(), 2u);
  EXPECT_EQ(msg["data"][1]["modules"][0]["content"]["text"], "hi");
  // And the whole thing encodes as a send request.
  auto r = chatbind::encode_request<hc::SendChannelMessage>(*m, {.token = "t"});
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(Plain::parse(r->body)["msg_type"], 20);
  EXPECT_EQ(Plain::parse(Plain::parse(r->body)["msg"].get<std::string>()), msg);
}

TEST(HeychatCards, InvalidUtf8IsATypedError) {
  cards::Card card;
  card.header("bad \xff");
  auto m = hc::card_message({.room_id = "1", .channel_id = "2"}, {.data = {card}});
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().kind, chatbind::ErrorKind::invalid_request);
}

}  // namespace
