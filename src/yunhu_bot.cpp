// chatbind — the one translation unit that instantiates the yunhu_bot codecs in separate-compilation mode
// (CHATBIND_SEPARATE_COMPILATION; see include/chatbind/core/endpoint.hpp). Build it once, with the same
// macro, and link it: the CMake target chatbind::yunhu_bot_separate does.
#define CHATBIND_SEPARATE_COMPILATION_SOURCE
#include "chatbind/yunhu_bot.hpp"
