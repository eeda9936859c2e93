// Event decoding: the real captures and payloads shaped like them decode into typed events and
// re-encode key for key; unknown types stay raw; heartbeats are recognised; bad frames are typed errors.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "heychat/events_test_data.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace {

namespace hc = chatbind::heychat;
using chatbind::ErrorKind;
using chatbind::Id;
using chatbind::Json;
using chatbind::test::capture;
using chatbind::test::event_data;
using chatbind::test::same_keys_and_values;

TEST(EventDecode, CapturedChannelMessageDecodesLosslessly) {
  const std::string frame = capture("event-5-channel-message.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));

  EXPECT_EQ(event->sequence, 11780327939);
  EXPECT_EQ(event->type, "5");
  EXPECT_EQ(event->notify_type, "USER_IM_MESSAGE");
  EXPECT_EQ(event->timestamp, 1725596375087);
  const auto* m = event->get<hc::ChannelMessageEvent>();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->msg, "/2");
  EXPECT_EQ(m->msg_id, Id{"1831910088778760192"});
  EXPECT_EQ(m->msg_type, hc::MsgType::markdown);
  EXPECT_EQ(m->user_id, Id{62313733});
  EXPECT_TRUE(m->user_id.is_numeric());
  EXPECT_EQ(m->channel_name, "吹水频道");
  ASSERT_TRUE(m->medals.has_value()) << "a null medals is kept as null, not dropped";
  EXPECT_TRUE(m->medals->is_null());
  EXPECT_FALSE(m->reply.has_value());
  ASSERT_TRUE(m->user_info && m->user_info->user_mute_info && m->user_info->user_mute_info->ban);
  const auto& ban = *m->user_info->user_mute_info->ban;
  EXPECT_EQ(ban.until, "0") << "until arrives as a string";
  EXPECT_FALSE(ban.operator_id.has_value()) << "operator_id arrives as null";
  const auto& roles = m->user_info->user_base_info.roles;
  ASSERT_TRUE(roles && *roles);
  EXPECT_EQ(**roles, std::vector<Id>{Id{"3595194642557722626"}});
}

TEST(EventDecode, CapturedReplyDecodesLosslessly) {
  const std::string frame = capture("event-5-channel-message-reply.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));
  const auto* m = event->get<hc::ChannelMessageEvent>();
  ASSERT_NE(m, nullptr);
  ASSERT_TRUE(m->reply.has_value());
  EXPECT_EQ(m->reply->msg, "/test1test");
  EXPECT_EQ(m->reply->msg_id, Id{"1831913166550642688"});
  EXPECT_EQ(m->reply->send_time, 1725598038127);
}

TEST(EventDecode, BotCommandFromTheDocs) {
  const std::string frame = event_data("event-50-bot-command.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));
  const auto* c = event->get<hc::BotCommandEvent>();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->bot_id, Id{72053518});
  EXPECT_EQ(c->command_info.name, "/test");
  ASSERT_TRUE(c->command_info.options && *c->command_info.options);
  const auto& options = **c->command_info.options;
  ASSERT_EQ(options.size(), 1u);
  EXPECT_EQ(options[0].type, hc::CommandOptionType::string);
  EXPECT_EQ(options[0].value, "123123");
  EXPECT_EQ(c->room_base_info.room_name, "酸辣鸡杂面的房间");
  EXPECT_EQ(c->channel_base_info.channel_id, Id{"3611849174307799042"});
  ASSERT_TRUE(c->sender_info.roles.has_value()) << "roles: present…";
  EXPECT_FALSE(c->sender_info.roles->has_value()) << "…and null";
  ASSERT_TRUE(c->sender_info.avatar_decoration && *c->sender_info.avatar_decoration);
  EXPECT_EQ((*c->sender_info.avatar_decoration)->src_type, "image");
}

TEST(EventDecode, BotCommandOptionTypesAreAnOpenEnumAndMissingSenderFieldsStayMissing) {
  const std::string frame = event_data("event-50-bot-command-options.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame)) << "absent keys are not written back as null";
  const auto* c = event->get<hc::BotCommandEvent>();
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->bot_id.is_numeric()) << "bot_id arrived as a string";
  const auto& options = **c->command_info.options;
  ASSERT_EQ(options.size(), 7u);
  EXPECT_EQ(options[0].type, hc::CommandOptionType::integer);
  EXPECT_EQ(options[1].type, hc::CommandOptionType::user);
  EXPECT_EQ(options[2].type, hc::CommandOptionType::boolean);
  EXPECT_EQ(options[3].type, hc::CommandOptionType::channel);
  EXPECT_EQ(options[4].type, hc::CommandOptionType::image);
  EXPECT_EQ(static_cast<int>(options[5].type), 10) << "a value no source names is kept";
  EXPECT_FALSE(options[6].value.has_value());
  ASSERT_TRUE(c->command_info.images.has_value());
  EXPECT_EQ((*c->command_info.images)[0].option_index, 4);
  EXPECT_EQ((*c->command_info.images)[0].width, 640);
  ASSERT_TRUE(c->command_info.files.has_value());
  EXPECT_TRUE(c->command_info.files->empty());

  const hc::EventUser& sender = c->sender_info;
  EXPECT_FALSE(sender.avatar_decoration.has_value());
  EXPECT_FALSE(sender.medals.has_value());
  EXPECT_FALSE(sender.tag.has_value());
  EXPECT_FALSE(sender.roles.has_value());
  EXPECT_FALSE(sender.room_nickname.has_value());
}

TEST(EventDecode, ReactionWithoutRoomId) {
  const std::string frame = event_data("event-5003-reaction.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));
  const auto* r = event->get<hc::ReactionEvent>();
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->emoji, "[cube_doge]");
  EXPECT_TRUE(r->is_add);
  EXPECT_FALSE(r->room_id.has_value());
  EXPECT_EQ(r->msg_id, Id{"1843536909979836416"});

  Json removed = Json::parse(frame);
  removed["data"]["is_add"] = 0;
  removed["data"]["room_id"] = "3638452309568749000";
  auto again = hc::decode_event(removed.dump());
  ASSERT_TRUE(again) << again.error();
  EXPECT_FALSE(again->get<hc::ReactionEvent>()->is_add);
  EXPECT_EQ(again->get<hc::ReactionEvent>()->room_id, Id{"3638452309568749000"});
}

TEST(EventDecode, RoomJoinWithoutRolesOrRoomNickname) {
  const std::string frame = event_data("event-3001-room-join.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));
  const auto* j = event->get<hc::RoomMemberEvent>();
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->state, hc::RoomMemberEventState::joined);
  EXPECT_EQ(j->user_info.nickname, "测试测试222");
  EXPECT_FALSE(j->user_info.roles.has_value());
  EXPECT_FALSE(j->user_info.room_nickname.has_value());
  EXPECT_EQ(j->room_base_info.room_id, Id{"3587810143523774464"});

  Json left = Json::parse(frame);
  left["data"]["state"] = 0;
  left["data"]["user_info"]["avatar_decoration"] = nullptr;
  auto again = hc::decode_event(left.dump());
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->get<hc::RoomMemberEvent>()->state, hc::RoomMemberEventState::left);
  const auto& decoration = again->get<hc::RoomMemberEvent>()->user_info.avatar_decoration;
  ASSERT_TRUE(decoration.has_value()) << "a null avatar_decoration is present…";
  EXPECT_FALSE(decoration->has_value()) << "…and null";
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*again), left.dump()));
}

TEST(EventDecode, CardButtonClick) {
  const std::string frame = event_data("event-card-button-click.json");
  auto event = hc::decode_event(frame);
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame));
  const auto* b = event->get<hc::CardButtonClickEvent>();
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->event, "link-to");
  EXPECT_EQ(b->value, "https://chat.top");
  EXPECT_EQ(b->text, "复制");
  EXPECT_EQ(b->os_type, "web");
  EXPECT_EQ(b->sender_info.user_id, Id{43020001});
}

// Some card-button pushes name the user `user_info` (the onebots heychat adapter reads either key): it
// lands in sender_info (x-chatbind-aliases), the error paths name the key as it came, and both keys at
// once are a duplicate.
TEST(EventDecode, CardButtonClickWithUserInfo) {
  const std::string data =
      R"("event":"server","msg_id":"1856516177490542001","value":"roll:20","channel_base_info":{"channel_id":"3611849174307799042"},)"
      R"("room_base_info":{"room_id":"3611849174284943360"},)";
  const auto frame = [&](std::string user) {
    return R"({"sequence":3,"type":"card_message_btn_click","notify_type":"","timestamp":1731462951362,"data":{)" + data + user + "}}";
  };
  auto event = hc::decode_event(frame(R"("user_info":{"avatar":"","nickname":"酸辣鸡杂面","user_id":43028164})"));
  ASSERT_TRUE(event) << event.error();
  const auto* b = event->get<hc::CardButtonClickEvent>();
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->sender_info.nickname, "酸辣鸡杂面");
  EXPECT_EQ(b->sender_info.user_id, Id{43028164});
  EXPECT_NE(hc::encode_event(*event).find("\"sender_info\""), std::string::npos) << "written back under its own name";

  auto bad = hc::decode_event(frame(R"("user_info":{"avatar":"","nickname":7,"user_id":1})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().path, "data.user_info.nickname");

  auto both = hc::decode_event(frame(R"("sender_info":{"avatar":"","nickname":"a","user_id":1},"user_info":{"avatar":"","nickname":"b","user_id":2})"));
  ASSERT_FALSE(both) << "two users for one click is not a click";
  EXPECT_NE(both.error().describe().find("sender_info"), std::string::npos) << both.error();

  auto neither = hc::decode_event(frame(R"("text":"x")"));
  ASSERT_FALSE(neither);
  EXPECT_EQ(neither.error().path, "data.sender_info");
}

// HeyBox.Net's gateway MessageEvent models is_resource_chan and root_id on a type "5" message, and
// continuous_days and hide_fire_flag (a 0/1 number) in its user_info; the 2024-09 capture with them
// added decodes and re-encodes key for key.
TEST(EventDecode, ChannelMessageFieldsHeyBoxNetModels) {
  Json frame = Json::parse(capture("event-5-channel-message.json"));
  frame["data"]["is_resource_chan"] = false;
  frame["data"]["root_id"] = "1831910088778760192";
  frame["data"]["user_info"]["continuous_days"] = 12;
  frame["data"]["user_info"]["hide_fire_flag"] = 1;
  auto event = hc::decode_event(frame.dump());
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame.dump()));
  const auto* m = event->get<hc::ChannelMessageEvent>();
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->is_resource_chan, std::optional<bool>{false});
  EXPECT_EQ(m->root_id, Id{"1831910088778760192"});
  ASSERT_TRUE(m->user_info);
  EXPECT_EQ(m->user_info->continuous_days, 12);
  ASSERT_TRUE(m->user_info->hide_fire_flag);
  EXPECT_TRUE(static_cast<bool>(*m->user_info->hide_fire_flag));
  frame["data"]["root_id"] = 1831910088778760192;  // a number, as HeyBox.Net also accepts
  auto numeric = hc::decode_event(frame.dump());
  ASSERT_TRUE(numeric) << numeric.error();
  EXPECT_EQ(numeric->get<hc::ChannelMessageEvent>()->root_id, Id{"1831910088778760192"});
}

TEST(EventDecode, ChannelMessageWithOnlyTheRequiredFieldsAndNulls) {
  const Json frame = {
      {"sequence", 1},
      {"type", "5"},
      {"notify_type", "USER_IM_MESSAGE"},
      {"data",
       {{"avatar_decoration", nullptr},
        {"channel_id", "1"},
        {"medals", nullptr},
        {"msg", "hi"},
        {"msg_id", "2"},
        {"msg_type", 1},
        {"roles", nullptr},
        {"room_id", "3"},
        {"tag", nullptr},
        {"user_id", 4}}},
      {"timestamp", 5}};
  auto event = hc::decode_event(frame.dump());
  ASSERT_TRUE(event) << event.error();
  EXPECT_TRUE(same_keys_and_values(hc::encode_event(*event), frame.dump()))
      << "a null avatar_decoration/roles is written back as null; absent keys stay absent";
  const auto* m = event->get<hc::ChannelMessageEvent>();
  EXPECT_EQ(m->msg_type, hc::MsgType::text);
  ASSERT_TRUE(m->avatar_decoration.has_value());
  EXPECT_FALSE(m->avatar_decoration->has_value());
  ASSERT_TRUE(m->roles.has_value());
  EXPECT_FALSE(m->roles->has_value());
  EXPECT_FALSE(m->nickname.has_value());
  EXPECT_FALSE(m->user_info.has_value());
}

TEST(EventDecode, AnIntegerTypeIsReadAndWrittenBackAsAnInteger) {
  Json frame = Json::parse(event_data("event-5003-reaction.json"));
  frame["type"] = 5003;
  auto event = hc::decode_event(frame.dump());
  ASSERT_TRUE(event) << event.error();
  EXPECT_NE(event->get<hc::ReactionEvent>(), nullptr);
  EXPECT_EQ(Json::parse(hc::encode_event(*event))["type"], 5003);
}

TEST(EventDecode, UnknownTypesAreDeliveredRaw) {
  const Json frame = {{"sequence", 7},
                      {"type", "9001"},
                      {"notify_type", "SOMETHING_NEW"},
                      {"data", {{"anything", {1, 2, 3}}, {"nested", {{"k", nullptr}}}}},
                      {"timestamp", 8}};
  auto event = hc::decode_event(frame.dump());
  ASSERT_TRUE(event) << event.error();
  const auto* unknown = event->get<hc::UnknownEvent>();
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->data.text(), frame["data"].dump());
  EXPECT_EQ(chatbind::json::parse(unknown->data).value(), frame["data"]);
  EXPECT_EQ(event->type, "9001");
  EXPECT_EQ(hc::encode_event(*event), frame.dump()) << "an unknown event re-encodes byte for byte";
}

TEST(EventDecode, HeartbeatsAreRecognisedNotErrors) {
  const std::pair<const char*, const char*> frames[] = {
      {"PONG", "PONG"}, {"pong", "pong"}, {" PONG\r\n", "PONG"}, {"PING", "PING"},
      {"PONG 1725531286", "PONG 1725531286"}, {"Pong!", "Pong!"}, {"PONGS", "PONGS"}};
  for (const auto& [frame, text] : frames) {
    auto event = hc::decode_event(frame);
    ASSERT_TRUE(event) << frame << ": " << event.error();
    ASSERT_TRUE(event->is_heartbeat()) << frame;
    EXPECT_EQ(event->get<hc::Heartbeat>()->text, text);
    EXPECT_TRUE(event->type.empty());
    EXPECT_EQ(hc::encode_event(*event), text);
  }
  EXPECT_FALSE(hc::is_heartbeat_frame("PIN"));
  EXPECT_FALSE(hc::is_heartbeat_frame("PING PONG"));
  EXPECT_FALSE(hc::is_heartbeat_frame("{\"type\":\"PONG\"}"));
  EXPECT_FALSE(hc::is_heartbeat_frame(""));
}

TEST(EventDecode, MalformedFramesAreTypedErrorsNamingThePath) {
  struct Case {
    const char* name;
    std::string frame;
    ErrorKind kind;
    std::string path;
  };
  Json command = Json::parse(event_data("event-50-bot-command.json"));
  Json bad_option = command;
  bad_option["data"]["command_info"]["options"][0]["type"] = "three";
  Json no_data = command;
  no_data.erase("data");
  Json no_type = command;
  no_type.erase("type");
  Json missing_sender = command;
  missing_sender["data"].erase("sender_info");
  Json data_not_object = command;
  data_not_object["data"] = "text";
  Json reaction = Json::parse(event_data("event-5003-reaction.json"));
  reaction["data"]["is_add"] = 2;
  Json message = Json::parse(capture("event-5-channel-message.json"));
  message["data"]["user_info"]["user_mute_info"]["ban"]["until"] = 0;
  Json float_sequence = command;
  float_sequence["sequence"] = 1.5;

  const Case cases[] = {
      {"not JSON", "{\"sequence\": 1,", ErrorKind::syntax, ""},
      {"empty frame", "", ErrorKind::syntax, ""},
      {"nested too deep", std::string(300, '[') + std::string(300, ']'), ErrorKind::syntax, ""},
      {"not an object", "[1,2]", ErrorKind::schema, ""},
      {"option type", bad_option.dump(), ErrorKind::schema, "data.command_info.options[0].type"},
      {"no data", no_data.dump(), ErrorKind::schema, "data"},
      {"no type", no_type.dump(), ErrorKind::schema, "type"},
      {"missing sender", missing_sender.dump(), ErrorKind::schema, "data.sender_info"},
      {"data not an object", data_not_object.dump(), ErrorKind::schema, "data"},
      {"is_add out of range", reaction.dump(), ErrorKind::schema, "data.is_add"},
      {"until as a number", message.dump(), ErrorKind::schema, "data.user_info.user_mute_info.ban.until"},
      {"fractional sequence", float_sequence.dump(), ErrorKind::schema, "sequence"},
  };
  for (const auto& c : cases) {
    auto event = hc::decode_event(c.frame);
    ASSERT_FALSE(event) << c.name;
    EXPECT_EQ(event.error().kind, c.kind) << c.name << ": " << event.error();
    EXPECT_EQ(event.error().path, c.path) << c.name << ": " << event.error();
  }
}

TEST(EventDecode, PayloadStructsNameTheirEventType) {
  static_assert(hc::ChannelMessageEvent::event_type == "5");
  static_assert(hc::BotCommandEvent::event_type == "50");
  static_assert(hc::ReactionEvent::event_type == "5003");
  static_assert(hc::RoomMemberEvent::event_type == "3001");
  static_assert(hc::CardButtonClickEvent::event_type == "card_message_btn_click");
  // Every alternative of the payload variant is either typed, unknown or a heartbeat.
  EXPECT_EQ(std::variant_size_v<hc::EventPayload>, boost::mp11::mp_size<hc::TypedEvents>::value + 2);
}

}  // namespace
