# Optional HTTP transport adapters (include/chatbind/transport/): one INTERFACE target each, defined
# only when its dependency is found, so that the library still configures without any of them.
# Included by the top-level CMakeLists.txt; each target installed is appended to CHATBIND_EXPORTED.
# What chatbindConfig.cmake must look up again is recorded in CHATBIND_HTTPLIB_PROVIDER,
# CHATBIND_HAVE_TRANSPORT_CURL, CHATBIND_HAVE_TRANSPORT_BEAST and CHATBIND_BEAST_TLS; the imported
# cpp-httplib target (when found) is in chatbind_httplib_target, which cmake/testing.cmake reuses.

find_package(Threads)

# cpp-httplib: an upstream CMake package (httplib::httplib) if there is one; otherwise pkg-config,
# which is how Debian ships it: a compiled libcpp-httplib whose pkg-config flags carry the
# CPPHTTPLIB_*_SUPPORT definitions it was built with (its classes' layout depends on them).
set(CHATBIND_HTTPLIB_PROVIDER "")
find_package(httplib CONFIG QUIET)
if(httplib_FOUND)
  set(CHATBIND_HTTPLIB_PROVIDER config)
  set(chatbind_httplib_target httplib::httplib)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CHATBIND_HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
    if(CHATBIND_HTTPLIB_FOUND)
      set(CHATBIND_HTTPLIB_PROVIDER pkg-config)
      set(chatbind_httplib_target PkgConfig::CHATBIND_HTTPLIB)
    endif()
  endif()
endif()
if(CHATBIND_HTTPLIB_PROVIDER AND Threads_FOUND)
  add_library(chatbind_transport_httplib INTERFACE)
  add_library(chatbind::transport_httplib ALIAS chatbind_transport_httplib)
  set_target_properties(chatbind_transport_httplib PROPERTIES EXPORT_NAME transport_httplib)
  target_link_libraries(chatbind_transport_httplib INTERFACE chatbind_core ${chatbind_httplib_target} Threads::Threads)
  list(APPEND CHATBIND_EXPORTED chatbind_transport_httplib)
  # The Yunhu bot's webhook receiver (include/chatbind/yunhu_bot/webhook_server.hpp) is a cpp-httplib server.
  add_library(chatbind_yunhu_bot_webhook INTERFACE)
  add_library(chatbind::yunhu_bot_webhook ALIAS chatbind_yunhu_bot_webhook)
  set_target_properties(chatbind_yunhu_bot_webhook PROPERTIES EXPORT_NAME yunhu_bot_webhook)
  target_link_libraries(chatbind_yunhu_bot_webhook INTERFACE chatbind_yunhu_bot ${chatbind_httplib_target} Threads::Threads)
  list(APPEND CHATBIND_EXPORTED chatbind_yunhu_bot_webhook)
  # Wildfire's event-callback receiver (include/chatbind/wildfire/callback_server.hpp), the same.
  add_library(chatbind_wildfire_callbacks INTERFACE)
  add_library(chatbind::wildfire_callbacks ALIAS chatbind_wildfire_callbacks)
  set_target_properties(chatbind_wildfire_callbacks PROPERTIES EXPORT_NAME wildfire_callbacks)
  target_link_libraries(chatbind_wildfire_callbacks INTERFACE chatbind_wildfire ${chatbind_httplib_target} Threads::Threads)
  list(APPEND CHATBIND_EXPORTED chatbind_wildfire_callbacks)
  message(STATUS "chatbind: transport_httplib, yunhu_bot_webhook and wildfire_callbacks (cpp-httplib through ${CHATBIND_HTTPLIB_PROVIDER})")
else()
  set(CHATBIND_HTTPLIB_PROVIDER "")
  message(STATUS "chatbind: transport_httplib disabled (cpp-httplib not found)")
endif()

# libcurl.
find_package(CURL QUIET)
set(CHATBIND_HAVE_TRANSPORT_CURL ${CURL_FOUND})
if(CURL_FOUND)
  add_library(chatbind_transport_curl INTERFACE)
  add_library(chatbind::transport_curl ALIAS chatbind_transport_curl)
  set_target_properties(chatbind_transport_curl PROPERTIES EXPORT_NAME transport_curl)
  target_link_libraries(chatbind_transport_curl INTERFACE chatbind_core CURL::libcurl)
  list(APPEND CHATBIND_EXPORTED chatbind_transport_curl)
  message(STATUS "chatbind: transport_curl (libcurl ${CURL_VERSION_STRING})")
else()
  message(STATUS "chatbind: transport_curl disabled (libcurl not found)")
endif()

# Boost.Beast and Boost.Asio: header-only, part of the Boost the core already requires; https://
# when OpenSSL is found (CHATBIND_BEAST_TLS).
set(CHATBIND_HAVE_TRANSPORT_BEAST ${Threads_FOUND})
find_package(OpenSSL QUIET)
set(CHATBIND_BEAST_TLS ${OpenSSL_FOUND})
if(Threads_FOUND)
  add_library(chatbind_transport_beast INTERFACE)
  add_library(chatbind::transport_beast ALIAS chatbind_transport_beast)
  set_target_properties(chatbind_transport_beast PROPERTIES EXPORT_NAME transport_beast)
  target_link_libraries(chatbind_transport_beast INTERFACE chatbind_core Boost::headers Threads::Threads)
  if(OpenSSL_FOUND)
    target_link_libraries(chatbind_transport_beast INTERFACE OpenSSL::SSL OpenSSL::Crypto)
    target_compile_definitions(chatbind_transport_beast INTERFACE CHATBIND_BEAST_TLS=1)
  endif()
  list(APPEND CHATBIND_EXPORTED chatbind_transport_beast)
  message(STATUS "chatbind: transport_beast (Boost.Beast, https: ${OpenSSL_FOUND})")
else()
  message(STATUS "chatbind: transport_beast disabled (no threads library)")
endif()
