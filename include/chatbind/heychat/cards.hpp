// chatbind — Heychat card messages (卡片消息, msg_type 20): a typed card that serialises to the
// `msg` string, `{"data":[{"type":"card","modules":[…]}]}`. Names and values follow the docs' card
// pages as HeyBox.Net models them: modules header, section, images, button-group, divider,
// countdown; nodes plain-text, markdown, image, button.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/json.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

template <class W>
void text_node(W& w, std::string_view type, const std::string& text) {
  w.begin_object();
  w.key("type");
  w.string(type);
  w.key("text");
  w.string(text);
  w.end_object();
}
template <class W>
void node(W& w, const Image& i) {
  w.begin_object();
  w.key("type");
  w.string("image");
  w.key("url");
  w.string(i.url);
  if (i.size) {
    w.key("size");
    w.string(name(*i.size));
  }
  w.end_object();
}
template <class W>
void node(W& w, const Button& b) {
  w.begin_object();
  w.key("type");
  w.string("button");
  w.key("text");
  w.string(b.text);
  w.key("value");
  w.string(b.value);
  w.key("event");
  w.string(name(b.event));
  w.key("theme");
  w.string(name(b.theme));
  w.end_object();
}
template <class W>
void node(W& w, const Node& n) {
  std::visit(overloaded{
                 [&](const PlainText& t) { text_node(w, "plain-text", t.text); },
                 [&](const Markdown& t) { text_node(w, "markdown", t.text); },
                 [&](const Image& i) { node(w, i); },
                 [&](const Button& b) { node(w, b); },
             },
             n);
}
template <class W, class T>
void nodes(W& w, std::string_view key, const std::vector<T>& items) {
  w.key(key);
  w.begin_array();
  for (const auto& i : items) node(w, i);
  w.end_array();
}
template <class W>
void module(W& w, const Module& m) {
  w.begin_object();
  w.key("type");
  std::visit(overloaded{
                 [&](const Header& h) {
                   w.string("header");
                   w.key("content");
                   node(w, h.content);
                 },
                 [&](const Section& s) {
                   w.string("section");
                   nodes(w, "paragraph", s.paragraph);
                 },
                 [&](const Images& i) {
                   w.string("images");
                   nodes(w, "urls", i.urls);
                 },
                 [&](const ButtonGroup& g) {
                   w.string("button-group");
                   nodes(w, "btns", g.btns);
                 },
                 [&](const Divider& d) {
                   w.string("divider");
                   if (d.text) {
                     w.key("text");
                     w.string(*d.text);
                   }
                 },
                 [&](const Countdown& c) {
                   w.string("countdown");
                   w.key("mode");
                   w.string(name(c.mode));
                   w.key("end_time");
                   w.integer(c.end_time);
                 },
             },
             m);
  w.end_object();
}

}  // namespace detail

/// Writes the card message to a json::TextWriter (or a json::DomWriter, for a DOM).
template <class W>
void write(const CardMessage& message, W& w) {
  w.begin_object();
  w.key("data");
  w.begin_array();
  for (const Card& card : message.data) {
    w.begin_object();
    w.key("type");
    w.string("card");
    if (card.border_color) {
      w.key("border_color");
      w.string(*card.border_color);
    }
    if (card.size) {
      w.key("size");
      w.string(detail::name(*card.size));
    }
    w.key("modules");
    w.begin_array();
    for (const Module& m : card.modules) detail::module(w, m);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

/// The card message as the JSON text `msg` carries; a string that is not UTF-8 is an
/// invalid_request error.
[[nodiscard]] inline Result<std::string> to_string(const CardMessage& message) {
  std::string out;
  json::TextWriter w{out};
  write(message, w);
  if (!w.ok()) return Error::make(ErrorKind::invalid_request, "a string in the card is not valid UTF-8");
  return out;
}

}  // namespace chatbind::heychat::cards
