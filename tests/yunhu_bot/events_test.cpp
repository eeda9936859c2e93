// Yunhu bot events from the published payloads in data/yunhu_bot/events (sources in its SOURCES.md):
// every event type decodes to its struct, unknown types are kept raw, encode_event round-trips, the
// dispatcher routes by payload type and the session drops a repeated eventId.
#include "chatbind/yunhu_bot/events.hpp"

#include "common/test_data.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace yb = chatbind::yunhu_bot;
using chatbind::ErrorKind;

std::string payload(const std::string& name) { return chatbind::test::read_file(chatbind::test::data_path("yunhu_bot/events/" + name)); }

yb::Event decoded(const std::string& name) {
  auto e = yb::decode_event(payload(name));
  EXPECT_TRUE(e) << name << ": " << e.error();
  return e ? *e : yb::Event{};
}

TEST(YunhuBotEvents, EveryPublishedPayloadDecodesToItsTypeAndRoundTrips) {
  const std::vector<std::pair<std::string, std::size_t>> files = {
      {"message.receive.normal.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.normal.image.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.normal.file.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.normal.markdown.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.normal.tip.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.normal.video.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveNormalEvent>::value},
      {"message.receive.instruction.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveInstructionEvent>::value},
      {"message.receive.instruction.form.json", boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveInstructionEvent>::value},
      {"message.receive.instruction.form-all-fields.json",
       boost::mp11::mp_find<yb::EventPayload, yb::MessageReceiveInstructionEvent>::value},
      {"bot.followed.json", boost::mp11::mp_find<yb::EventPayload, yb::BotFollowedEvent>::value},
      {"bot.unfollowed.json", boost::mp11::mp_find<yb::EventPayload, yb::BotUnfollowedEvent>::value},
      {"group.join.json", boost::mp11::mp_find<yb::EventPayload, yb::GroupJoinEvent>::value},
      {"group.leave.json", boost::mp11::mp_find<yb::EventPayload, yb::GroupLeaveEvent>::value},
      {"button.report.inline.json", boost::mp11::mp_find<yb::EventPayload, yb::ButtonReportInlineEvent>::value},
      {"bot.shortcut.menu.json", boost::mp11::mp_find<yb::EventPayload, yb::BotShortcutMenuEvent>::value},
      {"bot.setting.json", boost::mp11::mp_find<yb::EventPayload, yb::BotSettingEvent>::value},
  };
  for (const auto& [file, index] : files) {
    SCOPED_TRACE(file);
    const yb::Event e = decoded(file);
    EXPECT_EQ(e.payload.index(), index);
    EXPECT_EQ(e.version, "1.0");
    EXPECT_EQ(e.header.eventType.str() + ".json", file.substr(0, e.header.eventType.str().size()) + ".json");
    auto again = yb::decode_event(yb::encode_event(e));
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(*again, e);
  }
}

TEST(YunhuBotEvents, AMessageCarriesSenderChatAndContent) {
  const auto e = decoded("message.receive.normal.json");
  const auto* m = e.get<yb::MessageReceiveNormalEvent>();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(e.header.eventId, "f10b35f5ea3b46968eeb44a858c1e0e9");
  EXPECT_EQ(e.header.eventTime, 1761936492340);
  EXPECT_EQ(m->sender.senderId, "7756242");
  EXPECT_EQ(m->sender.senderUserLevel, yb::SenderUserLevel::owner);
  EXPECT_EQ(m->message.contentType, yb::ReceivedContentType::text);
  EXPECT_EQ(m->message.content.text, "你好啊，第一次在这里发言");
  ASSERT_TRUE(m->message.content.menu);
  EXPECT_EQ(m->message.content.menu->at(""), "北京");
  EXPECT_EQ(yb::reply_target(*m), (yb::ReplyTarget{"307149245", yb::RecvType::group}));

  const yb::Event image_event = decoded("message.receive.normal.image.json");
  const auto* image = image_event.get<yb::MessageReceiveNormalEvent>();
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->message.contentType, yb::ReceivedContentType::image);
  EXPECT_TRUE(image->message.content.imageUrl.has_value());
  const yb::Event tip_event = decoded("message.receive.normal.tip.json");
  const auto* tip = tip_event.get<yb::MessageReceiveNormalEvent>();
  ASSERT_NE(tip, nullptr);
  EXPECT_EQ(tip->message.contentType, yb::ReceivedContentType::tip);
}

TEST(YunhuBotEvents, ACommandWithAFormKeepsEveryFieldKind) {
  const auto e = decoded("message.receive.instruction.form-all-fields.json");
  const auto* c = e.get<yb::MessageReceiveInstructionEvent>();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->message.contentType, yb::ReceivedContentType::form);
  ASSERT_TRUE(c->message.content.formJson);
  const auto& form = *c->message.content.formJson;
  EXPECT_EQ(form.at("gvanmu").type, yb::FormFieldType::radio);
  EXPECT_EQ(form.at("gvanmu").selectIndex, -1);
  EXPECT_EQ(form.at("owtgcl").type, yb::FormFieldType::switch_);
  ASSERT_TRUE(form.at("owtgcl").value);
  EXPECT_EQ(form.at("owtgcl").value->text(), "false");
  EXPECT_EQ(yb::reply_target(*c), (yb::ReplyTarget{"2129537", yb::RecvType::user})) << "a private chat answers the sender";
}

TEST(YunhuBotEvents, ButtonReportsMembershipShortcutsAndSettings) {
  const yb::Event click_event = decoded("button.report.inline.json");
  const auto* click = click_event.get<yb::ButtonReportInlineEvent>();
  ASSERT_NE(click, nullptr);
  EXPECT_FALSE(click->value.empty());
  EXPECT_FALSE(click->msgId.empty());
  const yb::Event join_event = decoded("group.join.json");
  const auto* join = join_event.get<yb::GroupJoinEvent>();
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->chatType, yb::EventChatType::group);
  const yb::Event menu_event = decoded("bot.shortcut.menu.json");
  const auto* menu = menu_event.get<yb::BotShortcutMenuEvent>();
  ASSERT_NE(menu, nullptr);
  EXPECT_FALSE(menu->menuId.empty());
  const yb::Event setting_event = decoded("bot.setting.json");
  const auto* setting = setting_event.get<yb::BotSettingEvent>();
  ASSERT_NE(setting, nullptr);
  auto form = yb::settings(*setting);
  ASSERT_TRUE(form) << form.error();
  EXPECT_EQ(form->size(), 6u);
  EXPECT_EQ(form->at("fzgsya").selectStatus, std::vector<bool>{false});
  auto bad = yb::settings(yb::BotSettingEvent{.settingJson = R"({"a":{"id":"a","type":"radio","selectIndex":"x"}})"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().path, R"(settingJson["a"].selectIndex)");
}

TEST(YunhuBotEvents, AnUnknownTypeIsKeptRawAndWrittenBackUnchanged) {
  const std::string body =
      R"({"version":"1.0","header":{"eventId":"e1","eventType":"group.renamed","eventTime":1},"event":{"groupId":"1","name":{"new":"x"}}})";
  auto e = yb::decode_event(body);
  ASSERT_TRUE(e) << e.error();
  const auto* unknown = e->get<yb::UnknownEvent>();
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->data.text(), R"({"groupId":"1","name":{"new":"x"}})");
  EXPECT_EQ(e->header.eventType.str(), "group.renamed");
  EXPECT_EQ(yb::encode_event(*e), body);
}

TEST(YunhuBotEvents, BadBodiesAreTypedErrorsNamingThePath) {
  auto syntax = yb::decode_event(R"({"version":"1.0",)");
  ASSERT_FALSE(syntax);
  EXPECT_EQ(syntax.error().kind, ErrorKind::syntax);

  auto no_event = yb::decode_event(R"({"version":"1.0","header":{"eventId":"e","eventType":"bot.followed","eventTime":1}})");
  ASSERT_FALSE(no_event);
  EXPECT_EQ(no_event.error().path, "event");

  auto wrong = yb::decode_event(
      R"({"event":{"time":1,"chatId":"c","chatType":"group","userId":5},"version":"1.0",)"
      R"("header":{"eventId":"e","eventType":"group.join","eventTime":1}})");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().kind, ErrorKind::schema);
  EXPECT_EQ(wrong.error().path, "event.userId") << "the payload may come before the header";

  auto twice = yb::decode_event(R"({"version":"1.0","header":{"eventId":"e","eventType":"x","eventTime":1},"event":{},"event":{}})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().path, "event");

  auto header = yb::decode_event(R"({"version":"1.0","header":{"eventType":"x","eventTime":1},"event":{}})");
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().path, "header.eventId");
}

TEST(YunhuBotEvents, TheSessionDispatchesByTypeAndDropsARepeatedEventId) {
  std::vector<std::string> seen;
  yb::Dispatcher d;
  d.on<yb::MessageReceiveInstructionEvent>([&](const auto& c) { seen.push_back("command " + c.message.commandName.value_or("")); })
      .on<yb::ButtonReportInlineEvent>([&](const auto& b, const yb::Event& e) { seen.push_back("click " + b.value + " " + e.header.eventId); })
      .otherwise([&](const yb::Event& e) { seen.push_back("other " + e.header.eventType.str()); });
  yb::EventSession session{std::move(d)};
  for (const char* file : {"message.receive.instruction.json", "button.report.inline.json", "group.join.json"}) {
    auto r = session.feed(payload(file));
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(*r);
  }
  auto repeat = session.feed(payload("button.report.inline.json"));
  ASSERT_TRUE(repeat);
  EXPECT_FALSE(*repeat) << "the same eventId twice is dispatched once";
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].rfind("command ", 0), 0u);
  EXPECT_EQ(seen[1].rfind("click ", 0), 0u);
  EXPECT_EQ(seen[2], "other group.join");
  EXPECT_FALSE(session.feed("not json"));
}

TEST(YunhuBotEvents, TheDeduplicatorForgetsTheOldestBeyondItsCapacity) {
  yb::Deduplicator dedupe{2};
  auto event = [](std::string id) { return yb::make_event(yb::GroupJoinEvent{}, std::move(id), 1); };
  EXPECT_TRUE(dedupe.first_time(event("a")));
  EXPECT_TRUE(dedupe.first_time(event("b")));
  EXPECT_FALSE(dedupe.first_time(event("a")));
  EXPECT_TRUE(dedupe.first_time(event("c")));
  EXPECT_TRUE(dedupe.first_time(event("a"))) << "a was evicted by c";
  EXPECT_EQ(dedupe.remembered(), 2u);
}

}  // namespace

namespace {

// a2ui.button.report has no published payload (tests/data/yunhu_bot/events/SOURCES.md): this one is
// built from the field names of yhchat/bot-go-sdk@1aa1b84 subscription/struct.go A2UIButtonReportEvent,
// the only shape there is, with made-up values.
TEST(YunhuBotEvents, AnA2uiButtonReportDecodesFromTheGoSdksShape) {
  const std::string body = R"({"version":"1.0","header":{"eventId":"a2","eventType":"a2ui.button.report","eventTime":1761936492000},
    "event":{"time":1761936492000,"msgId":"m1","recvId":"g1","recvType":"group","userId":"u1","userName":"someone",
             "actionName":"submit","sourceComponentId":"btn-1","formContext":{"name":"x","n":[1,2]},
             "interactionJson":"{\"action\":{}}"}})";
  auto e = yb::decode_event(body);
  ASSERT_TRUE(e) << e.error();
  const auto* a = e->get<yb::A2uiButtonReportEvent>();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->actionName, "submit");
  EXPECT_EQ(a->sourceComponentId, "btn-1");
  ASSERT_TRUE(a->formContext);
  EXPECT_EQ(a->formContext->text(), R"({"name":"x","n":[1,2]})");
  EXPECT_EQ(a->interactionJson, R"({"action":{}})");
  auto again = yb::decode_event(yb::encode_event(*e));
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(*again, *e);
}

}  // namespace
