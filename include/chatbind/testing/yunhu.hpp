// chatbind::testing::FakeYunhu — an offline Yunhu (云湖) client API, /v1/msg group.
//
// Checks the `token` header (a missing or wrong token gets the JSON `{"code":-101,"msg":"未登录"}`
// even on a protobuf route, as the real server does), decodes every body as its endpoint's protobuf
// or JSON request, and keeps the messages sent, per chat: they can be listed (list-message,
// list-message-by-seq, list-message-by-mid-seq), edited (the edit record lists the earlier text) and
// recalled. A bad body is answered with `Status.code` != 1 (`{code,msg}` on a JSON endpoint).
#pragma once

#include "chatbind/core/signing.hpp"
#include "chatbind/testing/basic_fake.hpp"
#include "chatbind/yunhu/generated/spec_examples.hpp"
#include "chatbind/yunhu/platform.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::testing {

namespace yunhu_fake {

/// The code the real server sends when the token is missing or invalid (未登录: not logged in).
inline constexpr std::int64_t not_logged_in = -101;
/// The code this fake sends for a body that does not decode or names no message (a fake's choice:
/// anything but 1 means failure to a client).
inline constexpr std::int64_t invalid_request = -1;

/// How much the fake keeps: messages per chat, chats, and edit records (the oldest go first), so
/// that a long-running chatbind-fake does not grow without bound.
inline constexpr std::size_t max_kept = 10000;

struct Policy {
  using endpoints = yunhu::all_endpoints;
  using ChatKey = std::pair<yunhu::ChatType, std::string>;

  std::string token = "fake-token";      ///< the login token the fake accepts
  std::string user_id = "fake-user";     ///< who the token's user is (the sender of sent messages)
  std::function<std::int64_t()> clock_ms{};  ///< Unix milliseconds; the system clock when empty
  std::map<ChatKey, std::vector<yunhu::ChatMessage>> chats{};  ///< per chat, in msg_seq order
  std::deque<yunhu::EditRecord> edits{};
  std::int64_t next_edit_id = 1;
  std::uint64_t next_seq = 1;
  std::vector<yunhu::ChatMessage> nowhere{};  ///< what chat_of answers for an unknown chat (always empty)

  [[nodiscard]] std::int64_t now() const {
    return signing::unix_time_ms(clock_ms);
  }

  std::optional<HttpResponse> reject(const HttpRequest& request) const {
    if (request.header("token").empty() || request.header("token") != token)
      return detail::json_response(Json{{"code", not_logged_in}, {"msg", "未登录"}});
    return std::nullopt;
  }

  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 404;
    out.headers.push_back({"Content-Type", "text/plain"});  // the Go server's default answer
    out.body = "404 page not found";
    return out;
  }

  template <class E>
  static HttpResponse invalid(const Error& e) {
    return failure<E>(Failure{invalid_request, "invalid request" + (e.path.empty() ? std::string{} : " " + e.path) + ": " + e.message});
  }

  template <class E>
  static HttpResponse failure(const Failure& f) {
    if constexpr (E::body == Body::protobuf) {
      typename E::response response{};
      if constexpr (requires { response.status; }) response.status = yunhu::Status{.code = f.code, .msg = f.msg};
      return protobuf_response(response);
    } else {
      return detail::json_response(Json{{"code", f.code}, {"msg", f.msg}});
    }
  }

  template <class E>
  static HttpResponse success(const typename E::response& response) {
    if constexpr (E::body == Body::protobuf) {
      typename E::response out = response;
      if constexpr (requires { out.status; })
        if (!out.status) out.status = yunhu::Status{.code = yunhu::success_code, .msg = "success"};
      return protobuf_response(out);
    } else {
      Json body{{"code", yunhu::success_code}, {"msg", "success"}};
      if constexpr (!std::is_same_v<typename E::response, Empty>) body["data"] = json::to_json(response);
      return detail::json_response(body);
    }
  }

  template <class E>
  Reply<E> answer(const typename E::request& request) {
    using namespace yunhu;
    if constexpr (std::is_same_v<E, SendMessage>) {
      return send(request);
    } else if constexpr (std::is_same_v<E, EditMessage>) {
      return edit(request);
    } else if constexpr (std::is_same_v<E, RecallMessage>) {
      return recall(request.chat_type, request.chat_id, {request.msg_id});
    } else if constexpr (std::is_same_v<E, RecallMessages>) {
      return recall(request.chat_type, request.chat_id, request.msg_id);
    } else if constexpr (std::is_same_v<E, ListMessage>) {
      const auto& chat = chat_of(request.chat_type, request.chat_id);
      auto end = request.msg_id.empty() ? chat.end() : find(chat, request.msg_id);
      return list(chat, end, request.msg_count);
    } else if constexpr (std::is_same_v<E, ListMessageByMidSeq>) {
      const auto& chat = chat_of(request.chat_type, request.chat_id);
      auto at = find(chat, request.msg_id);
      return list(chat, at == chat.end() ? at : at + 1, request.msg_count + 1);
    } else if constexpr (std::is_same_v<E, ListMessageBySeq>) {
      const auto& chat = chat_of(request.chat_type, request.chat_id);
      MessageList out;
      for (const auto& m : chat)
        if (m.msg_seq > request.msg_start) out.msg.push_back(m);
      out.total = chat.size();
      return out;
    } else if constexpr (std::is_same_v<E, ListMessageEditRecord>) {
      EditRecordList out;
      std::vector<EditRecord> mine;
      for (const auto& r : edits)
        if (r.msgId == request.msgId) mine.push_back(r);
      out.total = static_cast<std::int64_t>(mine.size());
      const std::size_t size = request.size > 0 ? static_cast<std::size_t>(request.size) : mine.size();
      const std::size_t first = request.page > 1 ? (static_cast<std::size_t>(request.page) - 1) * size : 0;
      for (std::size_t i = first; i < mine.size() && i < first + size; ++i) out.list.push_back(mine[i]);
      return out;
    } else {
      return detail::example_response<E>(response_example<E>);
    }
  }

 private:
  template <class Message>
  static HttpResponse protobuf_response(const Message& message) {
    HttpResponse out;
    out.headers.push_back({"Content-Type", std::string{protobuf_content_type}});
    out.body = protobuf::encode(message);
    return out;
  }

  static std::vector<yunhu::ChatMessage>::const_iterator find(const std::vector<yunhu::ChatMessage>& chat, const std::string& msg_id) {
    return std::find_if(chat.begin(), chat.end(), [&](const yunhu::ChatMessage& m) { return m.msg_id == msg_id; });
  }

  /// The `count` messages before `end` (0: all of them), oldest first.
  static yunhu::MessageList list(const std::vector<yunhu::ChatMessage>& chat,
                                 std::vector<yunhu::ChatMessage>::const_iterator end, std::uint64_t count) {
    yunhu::MessageList out;
    const auto available = static_cast<std::uint64_t>(end - chat.begin());
    const auto n = count == 0 ? available : std::min(count, available);
    out.msg.assign(end - static_cast<std::ptrdiff_t>(n), end);
    out.total = chat.size();
    return out;
  }

  /// What a list call shows of a sent message: every content field it carried, under the listed
  /// message's names (a sticker's `image` is its sticker_url, a video's `video` its video_url, the
  /// uploaded object's size its width and height). What the listed form has no field for (the
  /// mentioned ids, the file key, the voice room's text) stays in the request, which calls() records.
  static yunhu::MessageContent listed_content(const yunhu::SendMessageRequest& request) {
    yunhu::MessageContent c;
    if (request.data) {
      const yunhu::SendContent& d = *request.data;
      c.text = d.text;
      c.buttons = d.buttons;
      c.image_url = d.image_url;
      c.file_name = d.file_name;
      c.form = d.form;
      c.quote_msg_text = d.quote_msg_text;
      c.sticker_url = d.image;
      c.post_id = d.post_id;
      c.post_title = d.post_title;
      c.post_content = d.post_content;
      c.post_content_type = d.post_type;
      c.expression_id = d.expression_id;
      c.quote_image_url = d.quote_image_url;
      c.quote_image_name = d.quote_image_name;
      c.file_size = d.file_size;
      c.video_url = d.video;
      c.audio_url = d.audio;
      c.audio_time = d.audio_time;
      c.quote_video_url = d.quote_video_url;
      c.quote_video_time = d.quote_video_time;
      c.sticker_item_id = d.sticker_item_id;
      c.sticker_pack_id = d.sticker_pack_id;
    }
    if (request.media) {
      c.width = request.media->image_width;
      c.height = request.media->image_height;
      if (c.file_size == 0) c.file_size = request.media->file_size;
    }
    return c;
  }

  /// The messages of a chat; an empty list for a chat nobody wrote to (a read adds no chat).
  std::vector<yunhu::ChatMessage>& chat_of(yunhu::ChatType type, const std::string& id) {
    const auto it = chats.find({type, id});
    if (it != chats.end()) return it->second;
    nowhere.clear();
    return nowhere;
  }

  Reply<yunhu::SendMessage> send(const yunhu::SendMessageRequest& request) {
    if (request.msg_id.empty() || request.chat_id.empty())
      return Failure{invalid_request, "msg_id and chat_id are required"};
    yunhu::ChatMessage m;
    m.msg_id = request.msg_id;
    m.sender = yunhu::Sender{.chat_id = user_id, .chat_type = yunhu::ChatType::user, .name = user_id};
    m.direction = "right";
    m.content_type = request.content_type;
    m.content = listed_content(request);
    m.send_time = static_cast<std::uint64_t>(now());
    m.quote_msg_id = request.quote_msg_id;
    m.msg_seq = next_seq++;
    auto found = chats.find({request.chat_type, request.chat_id});
    if (found == chats.end()) {
      if (chats.size() >= max_kept) chats.erase(chats.begin());
      found = chats.emplace(ChatKey{request.chat_type, request.chat_id}, std::vector<yunhu::ChatMessage>{}).first;
    }
    auto& chat = found->second;
    chat.push_back(std::move(m));
    if (chat.size() > max_kept) chat.erase(chat.begin());
    return yunhu::StatusResponse{};
  }

  Reply<yunhu::EditMessage> edit(const yunhu::EditMessageRequest& request) {
    auto& chat = chat_of(request.chat_type, request.chat_id);
    auto it = std::find_if(chat.begin(), chat.end(), [&](const yunhu::ChatMessage& m) { return m.msg_id == request.msg_id; });
    if (it == chat.end()) return Failure{invalid_request, "no such message"};
    const yunhu::MessageContent old = it->content.value_or(yunhu::MessageContent{});
    yunhu::EditRecord record;
    record.id = next_edit_id++;
    record.msgId = it->msg_id;
    record.contentType = static_cast<std::int32_t>(it->content_type);
    record.contentOld = Json{{"text", old.text}}.dump(-1, ' ', false, Json::error_handler_t::replace);
    record.createTime = now();
    record.msgTime = static_cast<std::int64_t>(it->send_time);
    edits.push_back(std::move(record));
    if (edits.size() > max_kept) edits.pop_front();
    yunhu::MessageContent content = old;
    if (request.content) {
      content.text = request.content->text;
      content.buttons = request.content->buttons;
      content.quote_msg_text = request.content->quote_msg_text;
    }
    it->content = std::move(content);
    it->content_type = request.content_type;
    it->edit_time = static_cast<std::uint64_t>(now());
    return yunhu::StatusResponse{};
  }

  Reply<yunhu::RecallMessage> recall(yunhu::ChatType type, const std::string& chat_id, const std::vector<std::string>& ids) {
    auto& chat = chat_of(type, chat_id);
    for (const auto& id : ids)
      if (std::none_of(chat.begin(), chat.end(), [&](const yunhu::ChatMessage& m) { return m.msg_id == id; }))
        return Failure{invalid_request, "no such message: " + id};
    const auto when = static_cast<std::uint64_t>(now());
    for (auto& m : chat)
      if (std::find(ids.begin(), ids.end(), m.msg_id) != ids.end()) m.msg_delete_time = when;
    return yunhu::StatusResponse{};
  }
};

}  // namespace yunhu_fake

/// The fake Yunhu client API. Copies share one state.
class FakeYunhu : public BasicFake<yunhu_fake::Policy> {
 public:
  explicit FakeYunhu(std::string token = "fake-token", std::function<std::int64_t()> clock_ms = {})
      : BasicFake(make_policy(std::move(token), std::move(clock_ms))) {}

  /// The credentials a client needs to talk to this fake in-process.
  [[nodiscard]] yunhu::Credentials credentials() const {
    yunhu::Credentials c;
    c.token = with_policy([](const yunhu_fake::Policy& p) { return p.token; });
    c.base_url = "http://fake.yunhu";
    return c;
  }

  /// The messages of one chat (recalled ones too, with msg_delete_time set), oldest first.
  [[nodiscard]] std::vector<yunhu::ChatMessage> messages(yunhu::ChatType type, const std::string& chat_id) const {
    return with_policy([&](const yunhu_fake::Policy& p) {
      const auto it = p.chats.find({type, chat_id});
      return it == p.chats.end() ? std::vector<yunhu::ChatMessage>{} : it->second;
    });
  }

 private:
  static yunhu_fake::Policy make_policy(std::string token, std::function<std::int64_t()> clock_ms) {
    yunhu_fake::Policy p;
    p.token = std::move(token);
    p.clock_ms = std::move(clock_ms);
    return p;
  }
};

}  // namespace chatbind::testing
