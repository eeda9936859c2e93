// chatbind — Yunhu (云湖) client API (/v1/msg): types, endpoint descriptors, policy and client.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/yunhu/client.hpp"
#include "chatbind/yunhu/endpoints.hpp"
#include "chatbind/yunhu/platform.hpp"
#include "chatbind/yunhu/types.hpp"
