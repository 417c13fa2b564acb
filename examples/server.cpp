// SPDX-License-Identifier: MIT
// jsonsig example server: POST /orders checks the x-signed-request header with
// jsonsig::signer::verify_body, using cpp-httplib.
//
//   JSONSIG_TOKEN=s3cr3t jsonsig_example_server --port 8080
//
// Answers 200 {"ok":true} when the signature matches the canonical form of the body, 401 when
// it does not (or is missing), 400 with line:column when the body is not JSON. Prints
// "listening on 127.0.0.1:PORT" once bound (--port 0 picks a free port). Exits after
// --max-requests requests, or on SIGTERM/SIGINT. The token is never printed.
#include <jsonsig/jsonsig.hpp>
#include <jsonsig/sign.hpp>  // signer, header_name

#include <httplib.h>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "example_util.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr std::size_t max_body_bytes = 8u << 20;  // a request API, not an upload endpoint

constexpr const char* usage_text =
    "usage: jsonsig_example_server [options]\n"
    "  --port N           port on 127.0.0.1 (default 8080; 0 = any free port)\n"
    "  --token T          verification token (visible in ps; prefer the two below)\n"
    "  --token-file F     read the token from F (one trailing line break is ignored)\n"
    "                     default: $JSONSIG_TOKEN\n"
    "  --profile P        js (default), jcs or python\n"
    "  --max-requests N   exit after answering N requests (0 = never, the default)\n";

struct options {
  long port = 8080;
  jsonsig_example::common_options common;  // --token, --token-file, --profile
  unsigned long max_requests = 0;
};

bool parse_number(const char* s, unsigned long max, unsigned long& out) {
  char* end = nullptr;
  errno = 0;
  const unsigned long v = std::strtoul(s, &end, 10);
  if (end == s || *end != '\0' || errno != 0 || v > max || s[0] == '-') return false;
  out = v;
  return true;
}

bool parse_args(int argc, char** argv, options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "jsonsig-server: %s needs a value\n", name);
        return nullptr;
      }
      return argv[++i];
    };
    const auto common =
        jsonsig_example::parse_common_option("jsonsig-server", argc, argv, i, o.common);
    if (common == jsonsig_example::option_result::error) return false;
    if (common == jsonsig_example::option_result::taken) continue;
    if (a == "--port") {
      const char* v = value("--port");
      unsigned long n = 0;
      if (v == nullptr || !parse_number(v, 65535, n)) {
        std::fprintf(stderr, "jsonsig-server: --port wants 0..65535\n");
        return false;
      }
      o.port = static_cast<long>(n);
    } else if (a == "--max-requests") {
      const char* v = value("--max-requests");
      if (v == nullptr || !parse_number(v, 1000000000ul, o.max_requests)) {
        std::fprintf(stderr, "jsonsig-server: --max-requests wants a count\n");
        return false;
      }
    } else if (a == "--help" || a == "-h") {
      std::fputs(usage_text, stdout);
      std::exit(exit_ok);
    } else {
      std::fprintf(stderr, "jsonsig-server: unknown argument %s\n", argv[i]);
      return false;
    }
  }
  return true;
}

// Our messages are ASCII, but a library's detail text could hold a quote: escape per RFC 8259 §7.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void reply(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json");
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  if (!parse_args(argc, argv, o)) {
    std::fputs(usage_text, stderr);
    return exit_usage;
  }
  std::string why;
  std::optional<std::string> token = jsonsig_example::find_token(o.common.token, o.common.token_file, why);
  if (!token) {
    std::fprintf(stderr, "jsonsig-server: %s\n", why.c_str());
    return exit_usage;
  }
  // The keyed state is all the handlers need; const signer members are thread-safe.
  const jsonsig::signer signer(*token, o.common.profile);
  jsonsig_example::wipe(*token);
  const jsonsig::profile profile = o.common.profile;

  // Block the stop signals in every thread (httplib's workers inherit this mask) and take them
  // synchronously with sigwait below: stopping the server is not async-signal-safe.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGUSR1);  // sent by the listener thread when it ends by itself
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up early must not kill the server

  httplib::Server svr;
  svr.set_payload_max_length(max_body_bytes);
  svr.set_keep_alive_timeout(2);  // bounds how long a stop waits for idle keep-alive clients
  svr.set_read_timeout(10);

  svr.Post("/orders", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string name(jsonsig::header_name);
    if (req.get_header_value_count(name) != 1) {
      reply(res, 401, "{\"ok\":false,\"error\":\"missing or repeated x-signed-request header\"}");
      return;
    }
    const std::string signature = req.get_header_value(name);
    const std::optional<std::string> canonical = signer.verify_body(req.body, signature);
    if (canonical) {
      // A real service would now decode *canonical: the bytes that were signed, not req.body.
      reply(res, 200, "{\"ok\":true}");
      return;
    }
    // Rejected: say whether the JSON or the signature was at fault. The body is public, so
    // parsing it again on this (failure) path leaks nothing and costs the happy path nothing.
    try {
      (void)jsonsig::canonicalize(req.body, profile);
    } catch (const jsonsig::error& e) {
      reply(res, 400, "{\"ok\":false,\"error\":" + json_string(e.what()) + ",\"line\":" +
                          std::to_string(e.line()) + ",\"column\":" + std::to_string(e.column()) +
                          "}");
      return;
    }
    reply(res, 401, "{\"ok\":false,\"error\":\"bad signature\"}");
  });

  std::atomic<unsigned long> answered{0};
  const unsigned long max_requests = o.max_requests;
  // The logger runs after the response has been written, so the Nth client gets its answer.
  svr.set_logger([&](const httplib::Request&, const httplib::Response&) {
    if (max_requests != 0 && answered.fetch_add(1) + 1 == max_requests) svr.stop();
  });

  int port = static_cast<int>(o.port);
  if (port == 0) {
    port = svr.bind_to_any_port("127.0.0.1");
  } else if (!svr.bind_to_port("127.0.0.1", port)) {
    port = -1;
  }
  if (port < 0) {
    std::fprintf(stderr, "jsonsig-server: cannot bind 127.0.0.1:%ld\n", o.port);
    return exit_failure;
  }
  std::printf("listening on 127.0.0.1:%d\n", port);
  std::fflush(stdout);

  std::atomic<bool> listener_done{false};
  std::thread listener([&] {
    svr.listen_after_bind();
    listener_done = true;
    kill(getpid(), SIGUSR1);  // wake sigwait: the request budget is spent
  });

  int sig = 0;
  sigwait(&stop_signals, &sig);
  // stop() is a no-op until the listener has started running, so repeat it until it has ended.
  while (!listener_done) {
    svr.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  listener.join();
  if (sig != SIGUSR1) std::fprintf(stderr, "jsonsig-server: stopped by signal %d\n", sig);
  return exit_ok;
}
