// chatbind — Heychat card messages (卡片消息, msg_type 20). The card types are generated from the
// spec (spec/heychat.yaml, CardMessage and the Card* schemas: tagged unions on "type"); this header
// gives them short names and a fluent builder. A card message travels as the JSON text of `msg`:
// `json::to_string(message)`, or `heychat::card_message(to, message)` for the whole send.
#pragma once

#include "chatbind/heychat/generated/messages.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::heychat::cards {

// Nodes: the elements of a title or a paragraph.
using PlainText = CardPlainText;
using Markdown = CardMarkdown;
using Image = CardImage;
using Button = CardButton;
using Node = CardNode;
// Modules: the rows of a card.
using Header = CardHeader;
using Section = CardSection;
using Images = CardImages;
using ButtonGroup = CardButtonGroup;
using Divider = CardDivider;
using Countdown = CardCountdown;
using Module = CardModule;
// The string enumerations (open: a value the platform adds later is kept).
using ImageSize = CardImageSize;
using ButtonTheme = CardButtonTheme;
using ButtonEvent = CardButtonEvent;
using CountdownMode = CardCountdownMode;
using heychat::CardSize;
/// What msg carries: one or more cards (`data` takes cards::Card or heychat::Card).
using heychat::CardMessage;

/// One card: heychat::Card with a fluent builder, modules in the order they are added.
struct Card : heychat::Card {
  Card& header(std::string text) { return add(Header{PlainText{std::move(text)}}); }
  Card& section(Node node) { return add(Section{{std::move(node)}}); }
  Card& section(std::vector<Node> nodes) { return add(Section{std::move(nodes)}); }
  Card& images(const std::vector<Image>& urls) {
    Images module;
    for (const Image& image : urls) module.urls.emplace_back(image);
    return add(std::move(module));
  }
  Card& buttons(const std::vector<Button>& btns) {
    ButtonGroup module;
    for (const Button& button : btns) module.btns.emplace_back(button);
    return add(std::move(module));
  }
  Card& divider(std::optional<std::string> text = std::nullopt) { return add(Divider{std::move(text)}); }
  Card& countdown(std::int64_t end_time, CountdownMode mode = CountdownMode::default_) {
    return add(Countdown{mode, end_time});
  }
  Card& border(std::string color) {
    border_color = std::move(color);
    return *this;
  }
  Card& add(Module m) {
    modules.push_back(std::move(m));
    return *this;
  }
};

}  // namespace chatbind::heychat::cards
