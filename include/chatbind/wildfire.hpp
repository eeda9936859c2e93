// chatbind — Wildfire IM (野火IM) server admin API: types, endpoint descriptors, policy and client.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/wildfire/client.hpp"
#include "chatbind/wildfire/endpoints.hpp"
#include "chatbind/wildfire/platform.hpp"
#include "chatbind/wildfire/types.hpp"
