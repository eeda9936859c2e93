// chatbind — the Yunhu bot's streamed message (POST /bot/send-stream) written in pieces as they are
// produced, e.g. tokens from a language model: the receiver sees the message grow, and the platform
// answers once the body ends. The generated SendStreamMessage sends a whole text; this sends a
// BodyStream through any Transport — piece by piece (chunked) through one that streams request bodies
// (the cpp-httplib and libcurl adapters), gathered first through any other.
//
//   std::vector<std::string> words{"Thinking", "…", " done."};
//   std::size_t next = 0;
//   auto sent = yunhu_bot::send_stream_message(transport, credentials,
//       {.recvId = "7756242", .recvType = yunhu_bot::RecvType::user, .contentType = yunhu_bot::StreamContentType::markdown},
//       [&]() -> chatbind::Result<std::optional<std::string>> {
//         if (next == words.size()) return std::optional<std::string>{};  // the end
//         return std::optional{words[next++]};
//       });
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/yunhu_bot/generated/messages.hpp"
#include "chatbind/yunhu_bot/platform.hpp"

#include <utility>

namespace chatbind::yunhu_bot {

/// Sends a streamed message whose text comes from `pieces`; the answer (the message's id) arrives after
/// the last piece. An Error from `pieces` abandons the message and is returned.
template <Transport T>
[[nodiscard]] Result<SendMessageResult> send_stream_message(T& transport, const Credentials& credentials,
                                                            SendStreamMessageQuery query, BodyStream pieces,
                                                            const DecodeLimits& limits = {}) {
  auto request = encode_request<SendStreamMessage>({.query = std::move(query), .body = {}}, credentials);
  if (!request) return request.error();
  request->body_stream = std::move(pieces);
  auto response = send_streamed(transport, std::move(*request));
  if (!response) return response.error();
  return decode_response<SendStreamMessage>(*response, limits);
}

}  // namespace chatbind::yunhu_bot
