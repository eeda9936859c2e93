// chatbind::testing::FakeYunhuBot — an offline Yunhu (云湖) bot open API with state.
//
// Checks the `?token=` of every open-API call (the web lookups take none), decodes every request as
// its endpoint's type, and keeps what a bot did: the messages it sent (each with a fresh msgId),
// edited and recalled, its boards, its uploads, the members it removed or muted. The message list
// answers from those messages. Answers come as the platform sends them: HTTP 200 with
// `{"code":1,"data":…,"msg":"success"}`, or another code with its msg (1002 invalid parameter or
// unknown token, -1 a domain error such as an unknown message).
//
// Events: the fake makes the platform's side of a conversation — a user's message, a command, a
// button click — as yunhu_bot::Event values, handed to every subscriber (`subscribe`): a test
// decodes them in-process, chatbind-fake POSTs them to a webhook URL or sends them on the websocket.
#pragma once

#include "chatbind/core/signing.hpp"
#include "chatbind/testing/basic_fake.hpp"
#include "chatbind/yunhu_bot/events.hpp"
#include "chatbind/yunhu_bot/generated/all.hpp"
#include "chatbind/yunhu_bot/generated/spec_examples.hpp"
#include "chatbind/yunhu_bot/platform.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatbind::testing {

namespace yunhu_bot_fake {

/// The bodies of the control routes (POST /_chatbind/yunhu_bot/…), JSON: what a test or a script
/// (curl) asks the fake's platform side to do.
struct MessageInjection {
  std::string userId;
  std::string text;
  std::optional<std::string> groupId;  ///< a group message when set, else the private chat
};
BOOST_DESCRIBE_STRUCT(MessageInjection, (), (userId, text, groupId))
struct CommandInjection {
  std::string userId;
  std::string commandName;
  std::optional<std::int64_t> commandId;  ///< the console's command id (1 when absent)
  std::optional<std::string> text;        ///< the text after the command ("" when absent)
  std::optional<std::string> groupId;
};
BOOST_DESCRIBE_STRUCT(CommandInjection, (), (userId, commandName, commandId, text, groupId))
struct ClickInjection {
  std::string userId;
  std::string value;                  ///< the report button's value
  std::optional<std::string> msgId;   ///< the message clicked; the newest one with such a button when absent
};
BOOST_DESCRIBE_STRUCT(ClickInjection, (), (userId, value, msgId))

/// A message the bot sent, as the fake keeps it.
struct Message {
  std::string msgId;
  std::string recvId;
  yunhu_bot::RecvType recvType;
  yunhu_bot::SendContentType contentType;
  yunhu_bot::MessageContent content;
  std::optional<std::string> parentId;
  std::int64_t sendTime = 0;  ///< Unix milliseconds
  bool edited = false;
  bool recalled = false;
};

/// A board the bot set (看板); chatId empty for the global one.
struct Board {
  std::string chatId;
  std::optional<yunhu_bot::RecvType> chatType;
  std::optional<std::string> memberId;
  yunhu_bot::BoardContentType contentType;
  std::string content;
  std::int64_t expireTime = 0;
};

/// An uploaded image, video or file, by the key the fake answered.
struct Upload {
  std::string key;
  std::string kind;  ///< "image", "video" or "file"
  multipart::File file;
};

/// How many messages, boards and uploads the fake keeps (the oldest go first): a long-running
/// chatbind-fake must not grow without bound.
inline constexpr std::size_t max_kept = 10000;

struct Policy {
  using endpoints = yunhu_bot::all_endpoints;

  std::string token = "fake-token";  ///< the bot token the fake accepts
  std::string bot_id = "86297657";   ///< the bot's own id (chat.chatId of a private chat)
  std::function<std::int64_t()> clock_ms{};
  std::uint64_t next_id = 1;
  std::deque<Message> messages{};
  std::vector<Board> boards{};
  std::deque<Upload> uploads{};
  std::map<std::string, std::int64_t> gagged{};         ///< "groupId/userId" -> gag seconds
  std::vector<std::pair<std::string, std::string>> removed{};  ///< (groupId, userId)

  [[nodiscard]] std::int64_t now_ms() const { return signing::unix_time_ms(clock_ms); }

  /// A 32-hex-digit id like the platform's msgId, deterministic (a counter) so tests can predict it.
  std::string new_id() {
    std::string digits = std::to_string(next_id++);
    return std::string(32 - std::min<std::size_t>(digits.size(), 32), '0') + digits;
  }

  static HttpResponse answer_code(std::int64_t code, std::string msg) {
    return detail::json_response(Json{{"code", code}, {"msg", std::move(msg)}});
  }

  std::optional<HttpResponse> reject(const HttpRequest& request) const {
    for (const auto& [name, value] : request.query)
      if (name == "token") return value == token ? std::nullopt : std::optional{answer_code(1002, "token不存在")};
    return answer_code(1002, "token不存在");  // the observed answer to a missing or unknown token
  }

  /// Go's default router answer (the platform runs on Go: chat-go / chat-web-go).
  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 404;
    out.headers.push_back({"Content-Type", "text/plain"});
    out.body = "404 page not found";
    return out;
  }

  template <class E>
  static HttpResponse invalid(const Error& e) {
    if (e.kind == ErrorKind::syntax) return answer_code(1002, "请求参数应为json格式");
    return answer_code(1002, "参数缺失或者有误" + (e.path.empty() ? std::string{} : ": " + e.path));
  }

  template <class E>
  static HttpResponse failure(const Failure& f) {
    return answer_code(f.code, f.msg);
  }

  template <class E>
  static HttpResponse success(const typename E::response& response) {
    Json body{{"code", 1}};  // the keys in the official examples' order
    if constexpr (!std::is_same_v<typename E::response, Empty>) body["data"] = json::to_json(response);
    body["msg"] = "success";
    return detail::json_response(body);
  }

  template <class T>
  static void keep_bounded(std::deque<T>& d, T value) {
    d.push_back(std::move(value));
    while (d.size() > max_kept) d.pop_front();
  }

  // Not in answer(): g++ 12 fails (an internal compiler error) on StringEnum constants in a member
  // template.
  static yunhu_bot::SendContentType content_type_of(const yunhu_bot::StreamContentType& t) {
    if (t == yunhu_bot::StreamContentType::markdown) return yunhu_bot::SendContentType::markdown;
    return yunhu_bot::SendContentType::text;
  }

  static bool empty_content(const yunhu_bot::SendContentType& type, const yunhu_bot::MessageContent& c) {
    using T = yunhu_bot::SendContentType;
    if (type == T::image) return !c.imageKey || c.imageKey->empty();
    if (type == T::video) return !c.videoKey || c.videoKey->empty();
    if (type == T::file) return !c.fileKey || c.fileKey->empty();
    return !c.text || c.text->empty();
  }

  yunhu_bot::MessageInfo send(std::string recvId, yunhu_bot::RecvType recvType, yunhu_bot::SendContentType type,
                              yunhu_bot::MessageContent content, std::optional<std::string> parentId) {
    Message m{new_id(), std::move(recvId), recvType, std::move(type), std::move(content), std::move(parentId), now_ms()};
    yunhu_bot::MessageInfo info{.msgId = m.msgId, .recvId = m.recvId, .recvType = m.recvType};
    keep_bounded(messages, std::move(m));
    return info;
  }

  Message* find(std::string_view msgId) {
    for (auto& m : messages)
      if (m.msgId == msgId && !m.recalled) return &m;
    return nullptr;
  }

  template <class E>
  Reply<E> answer(const typename E::request& request) {
    namespace yb = yunhu_bot;
    if constexpr (std::is_same_v<E, yb::SendMessage>) {
      if (empty_content(request.contentType, request.content)) return Failure{1002, "消息内容不能为空"};
      return yb::SendMessageResult{send(request.recvId, request.recvType, request.contentType, request.content, request.parentId)};
    } else if constexpr (std::is_same_v<E, yb::BatchSendMessage>) {
      if (empty_content(request.contentType, request.content)) return Failure{1002, "消息内容不能为空"};
      yb::BatchSendResult result{.successCount = 0, .successList = std::vector<yb::MessageInfo>{}};
      std::vector<std::string> done;
      for (const auto& id : request.recvIds) {
        if (std::ranges::find(done, id) != done.end()) continue;  // a repeated id gets the message once
        done.push_back(id);
        result.successList->push_back(send(id, request.recvType, request.contentType, request.content, request.parentId));
        ++result.successCount;
      }
      return result;
    } else if constexpr (std::is_same_v<E, yb::SendStreamMessage>) {
      if (request.body.empty()) return Failure{1002, "消息内容不能为空"};
      return yb::SendMessageResult{send(request.query.recvId, request.query.recvType, content_type_of(request.query.contentType),
                                        {.text = request.body}, request.query.parentId)};
    } else if constexpr (std::is_same_v<E, yb::EditMessage>) {
      Message* m = find(request.msgId);
      if (!m || m->recvId != request.recvId) return Failure{-1, "消息不存在或无权限修改"};
      if (empty_content(request.contentType, request.content)) return Failure{1002, "消息内容不能为空"};
      m->contentType = request.contentType;
      m->content = request.content;
      m->edited = true;
      return yb::SuccessCount{1};
    } else if constexpr (std::is_same_v<E, yb::RecallMessage>) {
      Message* m = find(request.msgId);
      if (!m || m->recvId != request.chatId) return Failure{-1, "消息不存在或无权限撤回"};
      m->recalled = true;
      return Empty{};
    } else if constexpr (std::is_same_v<E, yb::ListMessages>) {
      return list(request);
    } else if constexpr (std::is_same_v<E, yb::SetBoard>) {
      if (request.content.empty()) return Failure{1002, "看板内容不能为空"};
      std::erase_if(boards, [&](const Board& b) { return b.chatId == request.chatId && b.memberId == request.memberId; });
      boards.push_back({request.chatId, request.chatType, request.memberId, request.contentType, request.content,
                        request.expireTime.value_or(0)});
      return yb::SuccessCount{1};
    } else if constexpr (std::is_same_v<E, yb::SetBoardAll>) {
      if (request.content.empty()) return Failure{1002, "看板内容不能为空"};
      std::erase_if(boards, [](const Board& b) { return b.chatId.empty(); });
      boards.push_back({"", std::nullopt, std::nullopt, request.contentType, request.content, request.expireTime.value_or(0)});
      return yb::SuccessCount{1};
    } else if constexpr (std::is_same_v<E, yb::DismissBoard>) {
      std::erase_if(boards, [&](const Board& b) { return b.chatId == request.chatId && b.memberId == request.memberId; });
      return Empty{};
    } else if constexpr (std::is_same_v<E, yb::DismissBoardAll>) {
      std::erase_if(boards, [](const Board& b) { return b.chatId.empty(); });
      return Empty{};
    } else if constexpr (std::is_same_v<E, yb::UploadImage>) {
      return yb::ImageUploadResult{upload("image", request.image)};
    } else if constexpr (std::is_same_v<E, yb::UploadVideo>) {
      return yb::VideoUploadResult{upload("video", request.video)};
    } else if constexpr (std::is_same_v<E, yb::UploadFile>) {
      return yb::FileUploadResult{upload("file", request.file)};
    } else if constexpr (std::is_same_v<E, yb::RemoveGroupMember>) {
      removed.emplace_back(request.groupId, request.userId);
      return Empty{};
    } else if constexpr (std::is_same_v<E, yb::GagGroupMember>) {
      if (request.gag == 0)
        gagged.erase(request.groupId + "/" + request.userId);
      else
        gagged[request.groupId + "/" + request.userId] = request.gag;
      return Empty{};
    } else {
      return detail::example_response<E>(yb::response_example<E>);
    }
  }

  std::string upload(const char* kind, const multipart::File& file) {
    Upload u{new_id(), kind, file};
    std::string key = u.key;
    keep_bounded(uploads, std::move(u));
    return key;
  }

  /// The messages of one chat, newest first: around message-id (the message itself included), or the
  /// newest `before` without one; before = after = 0 answers an empty list (official doc 消息列表).
  yunhu_bot::MessageList list(const yunhu_bot::ListMessagesRequest& r) const {
    std::vector<const Message*> chat;
    for (auto it = messages.rbegin(); it != messages.rend(); ++it)
      if (!it->recalled && it->recvId == r.chat_id && it->recvType == r.chat_type) chat.push_back(&*it);
    const auto before = static_cast<std::size_t>(std::max<std::int32_t>(0, r.before.value_or(0)));
    const auto after = static_cast<std::size_t>(std::max<std::int32_t>(0, r.after.value_or(0)));
    std::size_t from = 0, to = std::min(before, chat.size());
    if (r.message_id) {
      const auto at = std::ranges::find_if(chat, [&](const Message* m) { return m->msgId == *r.message_id; });
      if (at == chat.end()) return {};
      const auto i = static_cast<std::size_t>(at - chat.begin());
      from = i >= after ? i - after : 0;            // newer messages come first
      to = std::min(chat.size(), i + before + 1);   // the message itself, then older ones
    }
    yunhu_bot::MessageList out;
    for (std::size_t i = from; i < to; ++i) {
      const Message& m = *chat[i];
      yunhu_bot::ListedMessage listed{.msgId = m.msgId,
                                      .parentId = m.parentId.value_or(""),
                                      .senderId = bot_id,
                                      .senderType = yunhu_bot::MessageSenderType::bot,
                                      .contentType = yunhu_bot::ReceivedContentType::from_wire(m.contentType.str()),
                                      .content = {.text = m.content.text},
                                      .sendTime = m.sendTime};
      if (m.content.buttons) {
        if (auto text = json::to_string(*m.content.buttons))
          if (auto raw = json::raw(*text)) listed.content.buttons = std::move(*raw);
      }
      out.list.push_back(std::move(listed));
    }
    out.total = static_cast<std::int64_t>(out.list.size());
    return out;
  }
};

}  // namespace yunhu_bot_fake

/// The fake Yunhu bot API. Copies share one state.
class FakeYunhuBot : public BasicFake<yunhu_bot_fake::Policy> {
 public:
  using Message = yunhu_bot_fake::Message;
  using Board = yunhu_bot_fake::Board;
  using Upload = yunhu_bot_fake::Upload;
  using Subscriber = std::function<void(const yunhu_bot::Event&)>;

  explicit FakeYunhuBot(std::string token = "fake-token", std::function<std::int64_t()> clock_ms = {})
      : BasicFake(make_policy(std::move(token), std::move(clock_ms))), events_(std::make_shared<Events>()) {}

  /// The credentials a client needs to talk to this fake in-process.
  [[nodiscard]] yunhu_bot::Credentials credentials() const {
    return {.token = with_policy([](const auto& p) { return p.token; }), .base_url = "http://fake.yunhu", .web_base_url = {}};
  }

  /// Every message the bot sent, in order (recalled ones flagged).
  [[nodiscard]] std::vector<Message> messages() const {
    return with_policy([](const auto& p) { return std::vector<Message>(p.messages.begin(), p.messages.end()); });
  }
  [[nodiscard]] std::optional<Message> message(std::string_view msgId) const {
    return with_policy([&](const auto& p) -> std::optional<Message> {
      for (const auto& m : p.messages)
        if (m.msgId == msgId) return m;
      return std::nullopt;
    });
  }
  [[nodiscard]] std::vector<Board> boards() const {
    return with_policy([](const auto& p) { return p.boards; });
  }
  [[nodiscard]] std::vector<Upload> uploads() const {
    return with_policy([](const auto& p) { return std::vector<Upload>(p.uploads.begin(), p.uploads.end()); });
  }
  [[nodiscard]] std::optional<std::int64_t> gag(std::string_view groupId, std::string_view userId) const {
    return with_policy([&](const auto& p) -> std::optional<std::int64_t> {
      const auto it = p.gagged.find(std::string{groupId} + "/" + std::string{userId});
      return it == p.gagged.end() ? std::nullopt : std::optional{it->second};
    });
  }

  // --- events: the platform's side of a conversation ---------------------------------------------------

  /// Calls `s` with every event the fake emits from now on (chatbind-fake: the webhook and websocket
  /// deliveries). Subscribers run on the emitting thread, outside the fake's lock.
  void subscribe(Subscriber s) {
    std::lock_guard lock(events_->mutex);
    events_->subscribers.push_back(std::move(s));
  }

  /// Emits `event` to every subscriber; returns it.
  yunhu_bot::Event emit(yunhu_bot::Event event) const {
    std::vector<Subscriber> subscribers;
    {
      std::lock_guard lock(events_->mutex);
      subscribers = events_->subscribers;
    }
    for (auto& s : subscribers) s(event);
    return event;
  }

  /// A user's text message (message.receive.normal), in a group when `groupId` is set, else in the
  /// private chat with the bot.
  yunhu_bot::Event user_message(std::string userId, std::string text, std::optional<std::string> groupId = {}) const {
    return emit(message_event<yunhu_bot::MessageReceiveNormalEvent>(std::move(userId), std::move(groupId), std::move(text), 0, ""));
  }

  /// A user's command (message.receive.instruction): "/name args" with the console's command id.
  yunhu_bot::Event command(std::string userId, std::int64_t commandId, std::string commandName, std::string text,
                           std::optional<std::string> groupId = {}) const {
    return emit(message_event<yunhu_bot::MessageReceiveInstructionEvent>(std::move(userId), std::move(groupId), std::move(text),
                                                                         commandId, std::move(commandName)));
  }

  /// Whether a websocket upgrade request may subscribe: the subscription path with this fake's token.
  [[nodiscard]] bool admits_subscription(const HttpRequest& upgrade) const {
    if (upgrade.path != yunhu_bot::Websocket::path) return false;
    const std::string token = with_policy([](const auto& p) { return p.token; });
    for (const auto& [name, value] : upgrade.query)
      if (name == "token") return value == token;
    return false;
  }

  /// The control routes, for tests and scripts that play the platform's users over HTTP:
  ///   POST /_chatbind/yunhu_bot/message  {"userId","text","groupId"?}         a user's message
  ///   POST /_chatbind/yunhu_bot/command  {"userId","commandName","commandId"?,"text"?,"groupId"?}
  ///   POST /_chatbind/yunhu_bot/click    {"userId","value","msgId"?}          a report-button click
  ///   POST /_chatbind/yunhu_bot/emit     a whole event ({version, header, event}), emitted as it is
  ///                                      (the same eventId twice makes a repeated delivery)
  /// Each answers 200 with the event emitted, or 400 {"error": …} naming what was wrong. nullopt for
  /// any other path.
  [[nodiscard]] std::optional<HttpResponse> control(const HttpRequest& request) const {
    return detail::control_route(
        request, "/_chatbind/yunhu_bot/", {"message", "command", "click", "emit"},
        [&](std::string_view action) -> Result<std::string> {
          auto emitted = [&]() -> Result<yunhu_bot::Event> {
            if (action == "message") {
              auto r = json::parse_as<yunhu_bot_fake::MessageInjection>(request.body);
              if (!r) return r.error();
              return user_message(std::move(r->userId), std::move(r->text), std::move(r->groupId));
            }
            if (action == "command") {
              auto r = json::parse_as<yunhu_bot_fake::CommandInjection>(request.body);
              if (!r) return r.error();
              std::string text = "/" + r->commandName;
              if (r->text && !r->text->empty()) text += " " + *r->text;
              return command(std::move(r->userId), r->commandId.value_or(1), std::move(r->commandName), std::move(text),
                             std::move(r->groupId));
            }
            if (action == "click") {
              auto r = json::parse_as<yunhu_bot_fake::ClickInjection>(request.body);
              if (!r) return r.error();
              const std::string msgId = r->msgId ? *r->msgId : newest_with_report_button(r->value);
              if (msgId.empty()) return Error::make(ErrorKind::invalid_request, "no message has a report button with value " + r->value);
              return click(msgId, std::move(r->userId), r->value);
            }
            auto e = yunhu_bot::decode_event(request.body);  // action == "emit"
            if (!e) return e.error();
            return emit(std::move(*e));
          }();
          if (!emitted) return emitted.error();
          return yunhu_bot::encode_event(*emitted);
        });
  }

  /// A user clicked a report button (actionType 3) of message `msgId` (button.report.inline), with
  /// the button's value. The message must exist and carry a report button with that value.
  [[nodiscard]] Result<yunhu_bot::Event> click(std::string_view msgId, std::string userId, std::string_view value) const {
    auto m = message(msgId);
    if (!m || m->recalled) return Error::make(ErrorKind::invalid_request, "no such message");
    bool found = false;
    for (const auto& row : m->content.buttons.value_or(std::vector<std::vector<yunhu_bot::Button>>{}))
      for (const auto& b : row) found = found || (b.actionType == yunhu_bot::ButtonActionType::report && b.value == value);
    if (!found) return Error::make(ErrorKind::invalid_request, "the message has no report button with that value");
    // A group message's click names the group; a private one names the bot's chat.
    const bool group = m->recvType == yunhu_bot::RecvType::group;
    const std::int64_t t = now();
    yunhu_bot::ButtonReportInlineEvent e{.time = t, .msgId = m->msgId, .recvId = group ? m->recvId : bot_id(),
                                         .recvType = group ? "group" : "bot", .userId = std::move(userId),
                                         .value = std::string{value}};
    return emit(yunhu_bot::make_event(std::move(e), next_event_id(), t));
  }

 private:
  struct Events {
    std::mutex mutex;
    std::vector<Subscriber> subscribers;
  };

  static yunhu_bot_fake::Policy make_policy(std::string token, std::function<std::int64_t()> clock_ms) {
    yunhu_bot_fake::Policy p;
    p.token = std::move(token);
    p.clock_ms = std::move(clock_ms);
    return p;
  }

  /// The msgId of the newest message still shown with a report button of this value ("" if none).
  [[nodiscard]] std::string newest_with_report_button(std::string_view value) const {
    return with_policy([&](const auto& p) {
      for (auto m = p.messages.rbegin(); m != p.messages.rend(); ++m) {
        if (m->recalled) continue;
        for (const auto& row : m->content.buttons.value_or(std::vector<std::vector<yunhu_bot::Button>>{}))
          for (const auto& b : row)
            if (b.actionType == yunhu_bot::ButtonActionType::report && b.value == value) return m->msgId;
      }
      return std::string{};
    });
  }

  [[nodiscard]] std::int64_t now() const { return with_policy([](const auto& p) { return p.now_ms(); }); }
  [[nodiscard]] std::string bot_id() const { return with_policy([](const auto& p) { return p.bot_id; }); }
  [[nodiscard]] std::string next_event_id() const { return with_policy([](auto& p) { return p.new_id(); }); }

  // Not a template: g++ 12 fails (an internal compiler error) on StringEnum constants in a member
  // template here.
  yunhu_bot::MessageEventBody message_body(std::string userId, std::optional<std::string> groupId, std::string text,
                                           std::int64_t commandId, std::string commandName) const {
    const std::int64_t t = now();
    const bool group = groupId.has_value();
    yunhu_bot::EventChatType chat_type = yunhu_bot::EventChatType::bot;
    if (group) chat_type = yunhu_bot::EventChatType::group;
    const std::string chat_id = group ? *groupId : bot_id();
    yunhu_bot::MessageEventBody body;
    body.sender = {.senderId = userId, .senderType = "user", .senderUserLevel = yunhu_bot::SenderUserLevel::member,
                   .senderNickname = "user " + userId, .senderAvatarUrl = std::nullopt};
    body.chat = {.chatId = chat_id, .chatType = chat_type};
    body.message = {.msgId = next_event_id(), .parentId = "", .sendTime = t, .chatId = chat_id, .chatType = chat_type,
                    .contentType = yunhu_bot::ReceivedContentType::text, .content = {.text = std::move(text)},
                    .commandId = commandId, .commandName = commandName, .instructionId = commandId,
                    .instructionName = commandName};
    return body;
  }

  template <class T>
  yunhu_bot::Event message_event(std::string userId, std::optional<std::string> groupId, std::string text,
                                 std::int64_t commandId, std::string commandName) const {
    T payload;
    static_cast<yunhu_bot::MessageEventBody&>(payload) =
        message_body(std::move(userId), std::move(groupId), std::move(text), commandId, std::move(commandName));
    const std::int64_t t = payload.message.sendTime;
    return yunhu_bot::make_event(std::move(payload), next_event_id(), t);
  }

  std::shared_ptr<Events> events_;
};

}  // namespace chatbind::testing
