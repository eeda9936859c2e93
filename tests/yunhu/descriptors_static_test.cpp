// Compile-time facts of every Yunhu descriptor.
#include "chatbind/yunhu.hpp"

#include <boost/mp11/algorithm.hpp>

#include <type_traits>

namespace yh = chatbind::yunhu;
using chatbind::Body;
using chatbind::Method;

template <class E, Body B, class Req, class Resp>
constexpr bool describes(std::string_view path) {
  return chatbind::EndpointDescriptor<E> && E::method == Method::post && E::body == B && E::path == path &&
         std::is_same_v<typename E::request, Req> && std::is_same_v<typename E::response, Resp> &&
         std::is_same_v<typename E::platform, yh::Platform>;
}
constexpr Body pb = Body::protobuf;
constexpr Body json = Body::json;

static_assert(describes<yh::SendMessage, pb, yh::SendMessageRequest, yh::StatusResponse>("/v1/msg/send-message"));
static_assert(describes<yh::EditMessage, pb, yh::EditMessageRequest, yh::StatusResponse>("/v1/msg/edit-message"));
static_assert(describes<yh::ListMessageBySeq, pb, yh::ListMessageBySeqRequest, yh::MessageList>("/v1/msg/list-message-by-seq"));
static_assert(describes<yh::ListMessage, pb, yh::ListMessageRequest, yh::MessageList>("/v1/msg/list-message"));
static_assert(describes<yh::ListMessageByMidSeq, pb, yh::ListMessageByMidSeqRequest, yh::MessageList>("/v1/msg/list-message-by-mid-seq"));
static_assert(describes<yh::PicListMessageByMidSeq, pb, yh::PicListMessageByMidSeqRequest, yh::MessageList>("/v1/msg/pic-list-message-by-mid-seq"));
static_assert(describes<yh::ListMessageEditRecord, json, yh::EditRecordListRequest, yh::EditRecordList>("/v1/msg/list-message-edit-record"));
static_assert(describes<yh::ButtonReport, pb, yh::ButtonReportRequest, yh::StatusResponse>("/v1/msg/button-report"));
static_assert(describes<yh::RecallMessage, pb, yh::RecallMessageRequest, yh::StatusResponse>("/v1/msg/recall-msg"));
static_assert(describes<yh::RecallMessages, pb, yh::RecallMessagesRequest, yh::StatusResponse>("/v1/msg/recall-msg-batch"));
static_assert(describes<yh::FileDownloadRecord, json, yh::FileDownloadRecordRequest, chatbind::Empty>("/v1/msg/file-download-record"));
static_assert(describes<yh::ForwardMessage, json, yh::ForwardMessageRequest, chatbind::Empty>("/v1/msg/msg-forward"));
static_assert(describes<yh::DeleteMessage, json, yh::DeleteMessageRequest, chatbind::Empty>("/v1/msg/delete"));
static_assert(boost::mp11::mp_size<yh::all_endpoints>::value == 13, "the ten seed endpoints and three from the community docs");

// Field tables: numbers, kinds and packing as in proto/yunhu/msg.proto.
namespace pbf = chatbind::protobuf;
template <class T, std::size_t I>
constexpr auto field = pbf::Message<T>::fields[I];
static_assert(field<yh::Status, 1>.number == 2 && field<yh::Status, 1>.kind == pbf::Kind::int64, "code: signed, negative codes exist");
static_assert(field<yh::SendMessageRequest, 0>.number == 2 && field<yh::SendMessageRequest, 0>.name == "msg_id");
static_assert(field<yh::SendMessageRequest, 2>.kind == pbf::Kind::enum_);
static_assert(field<yh::SendContent, 5>.number == 6 && !field<yh::SendContent, 5>.packed, "repeated strings are never packed");
static_assert(field<yh::ChatMessage, 10>.number == 12, "edit_time: number 11 is unused");

// Open enums with the documented values.
static_assert(static_cast<int>(yh::ChatType::bot) == 3);
static_assert(static_cast<int>(yh::ContentType::html) == 8 && static_cast<int>(yh::ContentType::call) == 13);
static_assert(std::is_same_v<std::underlying_type_t<yh::ContentType>, std::int32_t>);
