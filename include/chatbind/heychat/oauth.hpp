// chatbind — Heychat (黑盒语音) user authorization (OAuth 2.0): the authorization page's address and
// the two forms of the token exchange, over the generated `oauth` group (OAuthClient).
//
//   heychat::OAuthApp app{.client_id = "…", .client_secret = "…", .redirect_uri = "https://app/cb"};
//   auto url = heychat::authorization_url(app, {"user_info_read"});       // send the user's browser here
//   heychat::OAuthClient oauth{transport, heychat::OAuthCredentials{}};
//   auto token = oauth.request_oauth_token(heychat::exchange_code(app, code_from_redirect));
//   oauth.credentials().access_token = token->access_token;              // then the resource calls
//   auto me = oauth.get_oauth_account_info({});
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/heychat/generated/oauth.hpp"
#include "chatbind/heychat/platform.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatbind::heychat {

/// An app registered for user authorization: its client id and secret from the developer console,
/// and the redirect address registered with them. The secret travels only in the token exchange's form
/// body, which printing redacts.
struct OAuthApp {
  std::string client_id{};
  std::string client_secret{};
  std::string redirect_uri{};
};

/// The scopes joined as the platform takes them: space-separated, each once, in the order given. An
/// empty list or an empty (or blank) scope is an invalid_request error.
[[nodiscard]] inline Result<std::string> join_scopes(const std::vector<std::string>& scopes) {
  std::vector<std::string_view> seen;
  std::string out;
  for (const std::string& scope : scopes) {
    const std::string_view s = trim(scope);
    if (s.empty() || s.find_first_of(" \t\r\n") != std::string_view::npos)
      return Error::make(ErrorKind::invalid_request, "a scope is one non-empty word", "scope");
    if (std::ranges::find(seen, s) != seen.end()) continue;
    seen.push_back(s);
    if (!out.empty()) out += ' ';
    out += s;
  }
  if (out.empty()) return Error::make(ErrorKind::invalid_request, "ask for at least one scope", "scope");
  return out;
}

/// The address of the authorization page (GET /account/bot_oauth) asking the user for `scopes`: the app
/// sends the user's browser there; after consent it comes back to app.redirect_uri with ?code=….
/// `where` says which host serves the page (a fake's, in tests).
[[nodiscard]] inline Result<std::string> authorization_url(const OAuthApp& app, const std::vector<std::string>& scopes,
                                                          const OAuthCredentials& where = {}) {
  if (app.client_id.empty()) return Error::make(ErrorKind::invalid_request, "the app has no client id", "client_id");
  if (app.redirect_uri.empty())
    return Error::make(ErrorKind::invalid_request, "the app has no redirect address", "redirect_uri");
  auto scope = join_scopes(scopes);
  if (!scope) return scope.error();
  auto request = encode_request<OpenAuthorizationPage>(
      {.client_id = app.client_id, .redirect_uri = app.redirect_uri, .response_type = "code", .scope = std::move(*scope)},
      where);
  if (!request) return request.error();
  return request->url();
}

/// The token exchange for the code of an authorization redirect (grant_type authorization_code).
[[nodiscard]] inline OAuthTokenRequest exchange_code(const OAuthApp& app, std::string code) {
  return {.grant_type = "authorization_code",
          .code = std::move(code),
          .redirect_uri = app.redirect_uri,
          .refresh_token = std::nullopt,
          .client_id = app.client_id,
          .client_secret = app.client_secret};
}

/// The token exchange for a new token in place of an expiring one (grant_type refresh_token).
[[nodiscard]] inline OAuthTokenRequest refresh_token(const OAuthApp& app, std::string refresh_token) {
  return {.grant_type = "refresh_token",
          .code = std::nullopt,
          .redirect_uri = std::nullopt,
          .refresh_token = std::move(refresh_token),
          .client_id = app.client_id,
          .client_secret = app.client_secret};
}

}  // namespace chatbind::heychat
