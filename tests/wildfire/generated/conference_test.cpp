// The Wildfire operations of spec/wildfire.yaml's tag `conference` (conference rooms of the server
// admin API; professional edition only, the conference service). Source of every example: the
// spec's own (spec_examples.hpp), constructed from the pojos of the Java SDK's ConferenceAdmin
// (InputConferenceRoomId, InputCreateConferenceRoom, InputConferenceRecording, InputRtpForward,
// OutputConferenceInfo, …) of wildfirechat/im-server at c4421fc. Request encoding gives the
// example's exact bytes (the body-less list included); the example responses decode into the
// documented fields, exist's bare boolean included; then typed errors.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireConferenceRequest, EveryOperationEncodesTheSpecExample) {
  expect_bodyless_request<wf::ListConferences>();
  expect_example_request<wf::ConferenceExists>({.roomId = "room1", .advance = false});
  expect_example_request<wf::ListConferenceParticipants>({.roomId = "room1", .advance = false});
  expect_example_request<wf::CreateConferenceRoom>({.roomId = "room1",
                                                    .description = "周例会",
                                                    .pin = "123456",
                                                    .max_publishers = 9,
                                                    .bitrate = 1024,
                                                    .advance = false,
                                                    .recording = false,
                                                    .permanent = false});
  expect_example_request<wf::DestroyConferenceRoom>({.roomId = "room1", .advance = false});
  expect_example_request<wf::SetConferenceRecording>({.roomId = "room1", .recording = true, .advance = false});
  expect_example_request<wf::StartConferenceRtpForward>({.roomId = "room1",
                                                         .publisherId = "user1",
                                                         .host = "192.168.1.100",
                                                         .audioPort = 5004,
                                                         .audioPt = 111,
                                                         .audioSSRC = 123456,
                                                         .videoPort = 5006,
                                                         .videoPt = 96,
                                                         .videoSSRC = 654321});
  expect_example_request<wf::StopConferenceRtpForward>({.roomId = "room1", .publisherId = "user1", .streamId = 123});
  expect_example_request<wf::ListConferenceRtpForwarders>({.roomId = "room1"});
}

TEST(WildfireConferenceRequest, OptionalFlagsAreLeftOutUntilSet) {
  EXPECT_EQ(encode<wf::ConferenceExists>({.roomId = "r"}).body, R"({"roomId":"r"})");
  EXPECT_EQ(encode<wf::ConferenceExists>({.roomId = "r", .advance = true}).body, R"({"roomId":"r","advance":true})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireConferenceResponse, EveryOperationDecodesTheSpecExample) {
  const auto rooms = decode_example<wf::ListConferences>();
  ASSERT_EQ(rooms.conferenceInfoList.size(), 1u);
  const wf::ConferenceInfo& room = rooms.conferenceInfoList[0];
  EXPECT_EQ(room.roomId, "room1");
  EXPECT_EQ(room.serverId, "janus-1");
  EXPECT_EQ(room.description, "周例会");
  EXPECT_EQ(room.max_publishers, 9);
  EXPECT_EQ(room.num_publishers, 2);
  EXPECT_EQ(room.bitrate, 1024);
  EXPECT_FALSE(room.advance);
  EXPECT_FALSE(room.recording);

  EXPECT_TRUE(decode_example<wf::ConferenceExists>()) << "a bare JSON boolean";

  const auto participants = decode_example<wf::ListConferenceParticipants>();
  ASSERT_EQ(participants.participantList.size(), 2u);
  EXPECT_EQ(participants.participantList[0].userId, "user1");
  EXPECT_TRUE(participants.participantList[0].publishing);
  ASSERT_TRUE(participants.participantList[0].streams);
  ASSERT_EQ(participants.participantList[0].streams->size(), 2u);
  EXPECT_EQ(participants.participantList[0].streams->at(1).type, "video");
  EXPECT_EQ(participants.participantList[0].streams->at(1).mid, "1");
  EXPECT_EQ(participants.participantList[0].streams->at(1).codec, "vp8");
  EXPECT_EQ(participants.participantList[1].userId, "user2");
  EXPECT_FALSE(participants.participantList[1].publishing);
  EXPECT_FALSE(participants.participantList[1].streams);

  decode_example<wf::CreateConferenceRoom>();
  decode_example<wf::DestroyConferenceRoom>();
  decode_example<wf::SetConferenceRecording>();
  decode_example<wf::StartConferenceRtpForward>();
  decode_example<wf::StopConferenceRtpForward>();

  const auto forwarders = decode_example<wf::ListConferenceRtpForwarders>();
  EXPECT_EQ(forwarders.roomId, "room1");
  ASSERT_TRUE(forwarders.forwarders);
  ASSERT_EQ(forwarders.forwarders->size(), 1u);
  const wf::ConferenceRtpForwarder& f = forwarders.forwarders->at(0);
  EXPECT_EQ(f.publisherId, "user1");
  ASSERT_TRUE(f.streams);
  ASSERT_EQ(f.streams->size(), 2u);
  EXPECT_EQ(f.streams->at(0).streamId, 123);
  EXPECT_EQ(f.streams->at(0).type, "audio");
  EXPECT_EQ(f.streams->at(0).port, 5004);
  EXPECT_EQ(f.streams->at(0).ssrc, 123456);
  EXPECT_EQ(f.streams->at(0).pt, 111);
  EXPECT_EQ(f.streams->at(1).host, "192.168.1.100");
  EXPECT_EQ(f.streams->at(1).ssrc, 654321);
}

TEST(WildfireConferenceResponse, BadInputIsATypedError) {
  expect_schema_error<wf::ConferenceExists>(R"({"code":0,"msg":"success","result":"true"})", "result");
  expect_schema_error<wf::ListConferences>(R"({"code":0,"msg":"success","result":{}})", "result.conferenceInfoList");
  expect_schema_error<wf::ListConferences>(
      R"({"code":0,"msg":"success","result":{"conferenceInfoList":[{"roomId":"r","max_publishers":9,"num_publishers":1,"bitrate":1,"advance":false}]}})",
      "result.conferenceInfoList[0].recording");
  expect_schema_error<wf::ListConferenceRtpForwarders>(
      R"({"code":0,"msg":"success","result":{"forwarders":[{"streams":[{"streamId":1,"port":70000.5,"ssrc":1,"pt":1}]}]}})",
      "result.forwarders[0].streams[0].port");
  auto service = chatbind::decode_response<wf::CreateConferenceRoom>(ok(R"({"code":90,"msg":"conference error"})"));
  ASSERT_FALSE(service);
  EXPECT_EQ(wf::error_code(service.error()), wf::ErrorCode::conference_error);
}

}  // namespace
