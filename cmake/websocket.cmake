# The websocket client on Boost.Beast (include/chatbind/transport/beast_websocket.hpp), which knows no
# platform: the optional INTERFACE target chatbind::transport_websocket, defined only when OpenSSL (for
# wss://) and a threads library are found; and on it Heychat's event stream
# (include/chatbind/heychat/event_client.hpp): chatbind::heychat_events, and the Yunhu bot's subscription
# (include/chatbind/yunhu_bot/event_client.hpp): chatbind::yunhu_bot_events. Beast and Asio are header-only
# parts of the Boost the core already requires. Include it from the top-level CMakeLists.txt next to
# cmake/transports.cmake; it appends the targets to CHATBIND_EXPORTED and sets CHATBIND_HAVE_WEBSOCKET
# for chatbindConfig.cmake.
include_guard(GLOBAL)

find_package(Threads QUIET)
find_package(OpenSSL QUIET)
set(CHATBIND_HAVE_WEBSOCKET FALSE)
if(Threads_FOUND AND OpenSSL_FOUND)
  set(CHATBIND_HAVE_WEBSOCKET TRUE)
  add_library(chatbind_transport_websocket INTERFACE)
  add_library(chatbind::transport_websocket ALIAS chatbind_transport_websocket)
  set_target_properties(chatbind_transport_websocket PROPERTIES EXPORT_NAME transport_websocket)
  target_link_libraries(chatbind_transport_websocket INTERFACE chatbind_core Boost::headers OpenSSL::SSL OpenSSL::Crypto
                                                               Threads::Threads)
  add_library(chatbind_heychat_events INTERFACE)
  add_library(chatbind::heychat_events ALIAS chatbind_heychat_events)
  set_target_properties(chatbind_heychat_events PROPERTIES EXPORT_NAME heychat_events)
  target_link_libraries(chatbind_heychat_events INTERFACE chatbind_heychat chatbind_transport_websocket)
  add_library(chatbind_yunhu_bot_events INTERFACE)
  add_library(chatbind::yunhu_bot_events ALIAS chatbind_yunhu_bot_events)
  set_target_properties(chatbind_yunhu_bot_events PROPERTIES EXPORT_NAME yunhu_bot_events)
  target_link_libraries(chatbind_yunhu_bot_events INTERFACE chatbind_yunhu_bot chatbind_transport_websocket)
  list(APPEND CHATBIND_EXPORTED chatbind_transport_websocket chatbind_heychat_events chatbind_yunhu_bot_events)
  message(STATUS "chatbind: transport_websocket, heychat_events and yunhu_bot_events (Boost.Beast, OpenSSL ${OPENSSL_VERSION})")
else()
  message(STATUS "chatbind: websocket targets disabled (need OpenSSL and a threads library)")
endif()
