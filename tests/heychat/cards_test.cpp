// Heychat cards (heychat/cards.hpp): every module and node serialises as the docs show it, and a
// card message carries the card as its msg string.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <variant>

namespace {

namespace hc = chatbind::heychat;
namespace cards = chatbind::heychat::cards;
using Plain = nlohmann::json;

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
  const char* expected_text = R"({"data":[{"type":"card","border_color":"#009FE9","size":"medium","modules":[
    {"type":"header","content":{"type":"plain-text","text":"标题"}},
    {"type":"section","paragraph":[{"type":"markdown","text":"**粗体**"}]},
    {"type":"section","paragraph":[{"type":"plain-text","text":"左"},{"type":"image","url":"https://i/1.png","size":"small"},
      {"type":"button","text":"打开","value":"https://x","event":"link-to","theme":"primary"}]},
    {"type":"images","urls":[{"type":"image","url":"https://i/2.png"},{"type":"image","url":"https://i/3.png","size":"large"}]},
    {"type":"divider"},
    {"type":"divider","text":"或"},
    {"type":"button-group","btns":[{"type":"button","text":"投票","value":"vote:1","event":"server","theme":"default"},
      {"type":"button","text":"取消","value":"cancel","event":"none","theme":"danger"}]},
    {"type":"countdown","mode":"calendar","end_time":1735660800}]}]})";
  const Plain expected = Plain::parse(expected_text);
  const auto text = chatbind::json::to_string(cards::CardMessage{.data = {card}});
  ASSERT_TRUE(text) << text.error();
  EXPECT_EQ(Plain::parse(*text), expected);
  EXPECT_EQ(*text, nlohmann::ordered_json::parse(expected_text).dump()) << "compact, keys in the documented order";
}

TEST(HeychatCards, ACardMessageDecodesIntoTheSameTypesAndKeepsWhatItDoesNotKnow) {
  const std::string text =
      R"({"data":[{"type":"card","modules":[{"type":"header","content":{"type":"plain-text","text":"t"}},)"
      R"({"type":"button-group","btns":[{"type":"button","text":"b","value":"v","event":"server","theme":"default"}]},)"
      R"({"type":"poll","options":["a","b"]}]}]})";
  auto decoded = chatbind::json::parse_as<cards::CardMessage>(text);
  ASSERT_TRUE(decoded) << decoded.error();
  ASSERT_EQ(decoded->data.size(), 1u);
  const auto* card = std::get_if<hc::Card>(&decoded->data[0]);
  ASSERT_NE(card, nullptr);
  ASSERT_EQ(card->modules.size(), 3u);
  const auto* header = std::get_if<cards::Header>(&card->modules[0]);
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(std::get<cards::PlainText>(header->content).text, "t");
  const auto* unknown = std::get_if<chatbind::UnknownAlternative>(&card->modules[2]);
  ASSERT_NE(unknown, nullptr) << "a module type chatbind does not know is kept";
  EXPECT_EQ(unknown->tag("type"), "poll");
  EXPECT_EQ(chatbind::json::to_string(*decoded).value(), text) << "and written back unchanged";

  cards::Card built;
  built.header("t").buttons({{.text = "b", .value = "v"}});
  EXPECT_EQ(chatbind::json::to_string(cards::CardMessage{.data = {built}}).value(),
            R"({"data":[{"type":"card","modules":[{"type":"header","content":{"type":"plain-text","text":"t"}},)"
            R"({"type":"button-group","btns":[{"type":"button","text":"b","value":"v","event":"server","theme":"default"}]}]}]})")
      << "a button's event and theme default to the documented server / default";

  auto bad = chatbind::json::parse_as<cards::CardMessage>(R"({"data":[{"type":"card","modules":[{"type":"countdown","mode":"second"}]}]})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().path, "data[0].modules[0].end_time");
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
