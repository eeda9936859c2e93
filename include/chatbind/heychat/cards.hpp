// chatbind — Heychat card messages (卡片消息, msg_type 20): a typed card that serialises to the
// `msg` string, `{"data":[{"type":"card","modules":[…]}]}`. Names and values follow the docs' card
// pages as HeyBox.Net models them: modules header, section, images, button-group, divider,
// countdown; nodes plain-text, markdown, image, button.
#pragma once

#include "chatbind/core/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::heychat::cards {

enum class ImageSize { small, medium, large };
enum class ButtonTheme { default_, primary, success, danger };
/// What a click does: open the value as a link, send a card_message_btn_click event to the bot
/// (server), an in-app action (internal), or nothing.
enum class ButtonEvent { link_to, server, internal, none };
enum class CountdownMode { default_, calendar, second };
enum class CardSize { small, medium };

struct PlainText { std::string text; };
struct Markdown { std::string text; };
struct Image {
  std::string url;
  std::optional<ImageSize> size{};
};
struct Button {
  std::string text;
  std::string value;  ///< the link, or the value the click event carries
  ButtonEvent event = ButtonEvent::server;
  ButtonTheme theme = ButtonTheme::default_;
};
using Node = std::variant<PlainText, Markdown, Image, Button>;

struct Header { Node content; };
struct Section { std::vector<Node> paragraph; };
struct Images { std::vector<Image> urls; };
struct ButtonGroup { std::vector<Button> btns; };
struct Divider { std::optional<std::string> text{}; };
struct Countdown {
  std::int64_t end_time = 0;  ///< Unix seconds
  CountdownMode mode = CountdownMode::default_;
};
using Module = std::variant<Header, Section, Images, ButtonGroup, Divider, Countdown>;

/// One card: modules in order, with a fluent builder.
struct Card {
  std::vector<Module> modules{};
  std::optional<std::string> border_color{};  ///< e.g. "#009FE9"
  std::optional<CardSize> size{};

  Card& header(std::string text) { return add(Header{PlainText{std::move(text)}}); }
  Card& section(Node node) { return add(Section{{std::move(node)}}); }
  Card& section(std::vector<Node> nodes) { return add(Section{std::move(nodes)}); }
  Card& images(std::vector<Image> urls) { return add(Images{std::move(urls)}); }
  Card& buttons(std::vector<Button> btns) { return add(ButtonGroup{std::move(btns)}); }
  Card& divider(std::optional<std::string> text = std::nullopt) { return add(Divider{std::move(text)}); }
  Card& countdown(std::int64_t end_time, CountdownMode mode = CountdownMode::default_) {
    return add(Countdown{end_time, mode});
  }
  Card& add(Module m) {
    modules.push_back(std::move(m));
    return *this;
  }
};

/// What msg carries: one or more cards.
struct CardMessage {
  std::vector<Card> data{};
};

namespace detail {

inline const char* name(ImageSize s) { return s == ImageSize::small ? "small" : s == ImageSize::medium ? "medium" : "large"; }
inline const char* name(ButtonTheme t) {
  switch (t) {
    case ButtonTheme::primary: return "primary";
    case ButtonTheme::success: return "success";
    case ButtonTheme::danger: return "danger";
    case ButtonTheme::default_: break;
  }
  return "default";
}
inline const char* name(ButtonEvent e) {
  switch (e) {
    case ButtonEvent::link_to: return "link-to";
    case ButtonEvent::internal: return "internal";
    case ButtonEvent::none: return "none";
    case ButtonEvent::server: break;
  }
  return "server";
}
inline const char* name(CountdownMode m) {
  return m == CountdownMode::calendar ? "calendar" : m == CountdownMode::second ? "second" : "default";
}
inline const char* name(CardSize s) { return s == CardSize::small ? "small" : "medium"; }

template <class... F>
struct overloaded : F... { using F::operator()...; };
template <class... F>
overloaded(F...) -> overloaded<F...>;

inline Json node(const Image& i) {
  Json j{{"type", "image"}, {"url", i.url}};
  if (i.size) j["size"] = name(*i.size);
  return j;
}
inline Json node(const Button& b) {
  return Json{{"type", "button"}, {"text", b.text}, {"value", b.value}, {"event", name(b.event)}, {"theme", name(b.theme)}};
}
inline Json node(const Node& n) {
  return std::visit(overloaded{
                        [](const PlainText& t) { return Json{{"type", "plain-text"}, {"text", t.text}}; },
                        [](const Markdown& t) { return Json{{"type", "markdown"}, {"text", t.text}}; },
                        [](const Image& i) { return node(i); },
                        [](const Button& b) { return node(b); },
                    },
                    n);
}
template <class T>
Json nodes(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& i : items) out.push_back(node(i));
  return out;
}
inline Json module(const Module& m) {
  return std::visit(
      overloaded{
          [](const Header& h) { return Json{{"type", "header"}, {"content", node(h.content)}}; },
          [](const Section& s) { return Json{{"type", "section"}, {"paragraph", nodes(s.paragraph)}}; },
          [](const Images& i) { return Json{{"type", "images"}, {"urls", nodes(i.urls)}}; },
          [](const ButtonGroup& g) { return Json{{"type", "button-group"}, {"btns", nodes(g.btns)}}; },
          [](const Divider& d) {
            Json j{{"type", "divider"}};
            if (d.text) j["text"] = *d.text;
            return j;
          },
          [](const Countdown& c) { return Json{{"type", "countdown"}, {"mode", name(c.mode)}, {"end_time", c.end_time}}; },
      },
      m);
}

}  // namespace detail

/// The card message as JSON.
inline Json to_json(const CardMessage& message) {
  Json data = Json::array();
  for (const Card& card : message.data) {
    Json c{{"type", "card"}};
    if (card.border_color) c["border_color"] = *card.border_color;
    if (card.size) c["size"] = detail::name(*card.size);
    Json modules = Json::array();
    for (const Module& m : card.modules) modules.push_back(detail::module(m));
    c["modules"] = std::move(modules);
    data.push_back(std::move(c));
  }
  return Json{{"data", std::move(data)}};
}

}  // namespace chatbind::heychat::cards
