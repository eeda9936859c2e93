// The libprotobuf oracle of the Yunhu messages: proto/yunhu/msg.proto compiled in package oracle.yunhu.
#pragma once

#include "../common/protobuf_oracle.hpp"
#include "chatbind/yunhu.hpp"
#include "yunhu/msg.pb.h"

#include <boost/mp11/algorithm.hpp>

#include <utility>

namespace chatbind::test {

namespace yh = chatbind::yunhu;

/// chatbind struct → oracle class, for every message of proto/yunhu/msg.proto.
using MessagePairs = boost::mp11::mp_list<
    std::pair<yh::Status, oracle::yunhu::Status>, std::pair<yh::StatusResponse, oracle::yunhu::StatusResponse>,
    std::pair<yh::SendContent, oracle::yunhu::SendContent>, std::pair<yh::SendMedia, oracle::yunhu::SendMedia>,
    std::pair<yh::SendMessageRequest, oracle::yunhu::SendMessageRequest>,
    std::pair<yh::EditContent, oracle::yunhu::EditContent>, std::pair<yh::EditMessageRequest, oracle::yunhu::EditMessageRequest>,
    std::pair<yh::Tag, oracle::yunhu::Tag>, std::pair<yh::Sender, oracle::yunhu::Sender>,
    std::pair<yh::Command, oracle::yunhu::Command>, std::pair<yh::MessageContent, oracle::yunhu::MessageContent>,
    std::pair<yh::ChatMessage, oracle::yunhu::ChatMessage>,
    std::pair<yh::ListMessageBySeqRequest, oracle::yunhu::ListMessageBySeqRequest>,
    std::pair<yh::ListMessageRequest, oracle::yunhu::ListMessageRequest>,
    std::pair<yh::ListMessageByMidSeqRequest, oracle::yunhu::ListMessageByMidSeqRequest>,
    std::pair<yh::PicListMessageByMidSeqRequest, oracle::yunhu::PicListMessageByMidSeqRequest>,
    std::pair<yh::MessageList, oracle::yunhu::MessageList>,
    std::pair<yh::ButtonReportRequest, oracle::yunhu::ButtonReportRequest>,
    std::pair<yh::RecallMessageRequest, oracle::yunhu::RecallMessageRequest>,
    std::pair<yh::RecallMessagesRequest, oracle::yunhu::RecallMessagesRequest>>;

}  // namespace chatbind::test
