# The offline fake platform: chatbind::testing (header-only fakes in include/chatbind/testing/,
# installed and exported) and chatbind-fake, the loopback HTTP server of tools/fake/ (not installed).
# Included by the top-level CMakeLists.txt after cmake/transports.cmake.

add_library(chatbind_testing INTERFACE)
add_library(chatbind::testing ALIAS chatbind_testing)
set_target_properties(chatbind_testing PROPERTIES EXPORT_NAME testing)
target_link_libraries(chatbind_testing INTERFACE chatbind_heychat chatbind_yunhu chatbind_yunhu_bot chatbind_wildfire)
list(APPEND CHATBIND_EXPORTED chatbind_testing)

# chatbind-fake needs cpp-httplib: the target cmake/transports.cmake found, else Debian's pkg-config.
if(NOT chatbind_httplib_target)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CHATBIND_FAKE_HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
    if(CHATBIND_FAKE_HTTPLIB_FOUND)
      set(chatbind_httplib_target PkgConfig::CHATBIND_FAKE_HTTPLIB)
    endif()
  endif()
endif()
set(chatbind_fake_default OFF)
if(PROJECT_IS_TOP_LEVEL AND chatbind_httplib_target)
  set(chatbind_fake_default ON)
endif()
option(CHATBIND_BUILD_FAKE "Build chatbind-fake, the offline fake platform on a loopback HTTP port (needs cpp-httplib)"
       ${chatbind_fake_default})
if(CHATBIND_BUILD_FAKE)
  if(NOT chatbind_httplib_target)
    message(FATAL_ERROR "CHATBIND_BUILD_FAKE needs cpp-httplib (Debian libcpp-httplib-dev)")
  endif()
  add_subdirectory(tools/fake)
endif()
