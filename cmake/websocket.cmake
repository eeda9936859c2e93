# Heychat's event websocket on Boost.Beast (include/chatbind/transport/beast_websocket.hpp): the
# optional INTERFACE target chatbind::websocket, defined only when OpenSSL (for wss://) and a threads
# library are found. Beast and Asio are header-only parts of the Boost the core already requires.
# Include it from the top-level CMakeLists.txt next to cmake/transports.cmake; it appends the target
# to CHATBIND_EXPORTED and sets CHATBIND_HAVE_WEBSOCKET for chatbindConfig.cmake.
include_guard(GLOBAL)

find_package(Threads QUIET)
find_package(OpenSSL QUIET)
set(CHATBIND_HAVE_WEBSOCKET FALSE)
if(Threads_FOUND AND OpenSSL_FOUND)
  set(CHATBIND_HAVE_WEBSOCKET TRUE)
  add_library(chatbind_websocket INTERFACE)
  add_library(chatbind::websocket ALIAS chatbind_websocket)
  set_target_properties(chatbind_websocket PROPERTIES EXPORT_NAME websocket)
  target_link_libraries(chatbind_websocket INTERFACE chatbind_heychat Boost::headers OpenSSL::SSL OpenSSL::Crypto
                                                     Threads::Threads)
  list(APPEND CHATBIND_EXPORTED chatbind_websocket)
  message(STATUS "chatbind: websocket (Boost.Beast, OpenSSL ${OPENSSL_VERSION})")
else()
  message(STATUS "chatbind: websocket disabled (needs OpenSSL and a threads library)")
endif()
