// chatbind — Boost.Describe for generated structs, including those with more members than
// BOOST_DESCRIBE_STRUCT accepts (its preprocessor loop stops at 52).
#pragma once

#include <boost/describe.hpp>
#include <boost/version.hpp>

#include <type_traits>

// CHATBIND_DESCRIBE_LARGE_STRUCT_BEGIN(C) CHATBIND_DESCRIBE_MEMBER(C, m) ... CHATBIND_DESCRIBE_LARGE_STRUCT_END(C)
// produces exactly what BOOST_DESCRIBE_STRUCT(C, (), (m...)) produces, one member per macro call,
// so there is no limit on the count. It relies on the descriptor-function protocol of
// Boost.Describe 1.78–1.8x; the static_assert below is the one place to revisit on a Boost upgrade,
// and tests/core/describe_test.cpp proves the result equals the macro's on a small struct.
static_assert(BOOST_VERSION >= 107800 && BOOST_VERSION < 109000,
              "chatbind's large-struct describe relies on Boost.Describe internals: check them for this Boost");

#define CHATBIND_DESCRIBE_LARGE_STRUCT_BEGIN(C)                                                          \
  static_assert(std::is_class_v<C>, "CHATBIND_DESCRIBE_LARGE_STRUCT should only be used with classes"); \
  [[maybe_unused]] inline auto boost_base_descriptor_fn(C**) { return boost::describe::detail::base_descriptor_fn_impl(0); } \
  [[maybe_unused]] inline auto boost_protected_member_descriptor_fn(C**) {                               \
    return boost::describe::detail::member_descriptor_fn_impl<boost::describe::mod_protected>(0);       \
  }                                                                                                      \
  [[maybe_unused]] inline auto boost_private_member_descriptor_fn(C**) {                                 \
    return boost::describe::detail::member_descriptor_fn_impl<boost::describe::mod_private>(0);         \
  }                                                                                                      \
  [[maybe_unused]] inline auto boost_public_member_descriptor_fn(C**) {                                  \
    return boost::describe::detail::member_descriptor_fn_impl<boost::describe::mod_public>(0

#define CHATBIND_DESCRIBE_MEMBER(C, m) BOOST_DESCRIBE_MEMBER_IMPL(C, m)

#define CHATBIND_DESCRIBE_LARGE_STRUCT_END(C) \
  );                                          \
  }
