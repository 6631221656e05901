// The HTTP/1.1 server: Boost.Beast and Asio coroutines on a pool of threads that only read and
// write sockets. It owns the transport concerns (keep-alive, limits on headers, bodies and slow
// clients, graceful shutdown, security headers, the access log, the static files of the web
// pages, which are in memory) and hands every API request to one Handler, run on its bounded
// worker pool.
//
// Thread-safety: Create, then Run on one thread; Stop may be called from any thread, any time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/message.h"

namespace ensemble::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port; port() tells which
  int threads = 0;            // 0: one per core; these threads only read and write sockets
  // Every handler runs on the worker pool (core/worker_pool.h), so that a handler waiting on the
  // database or hashing a password never holds a thread that reads and writes sockets: `workers`
  // threads, and at most `max_waiting` requests queued for one. A request beyond is answered at
  // once 503 with Retry-After, without reaching the handler (nor the database). The ensemble
  // program derives both from --threads (cli/pool_sizes.h).
  int workers = 8;
  std::size_t max_waiting = 128;
  // The built web pages, listed and loaded once by Create (http/static_files.h). Empty: every
  // request goes to the handler. Otherwise /api/… and /healthz go to the handler and every other
  // GET is a listed file, or index.html for the page routes.
  std::filesystem::path web_root;
  // Files that must never be published, the database first: Create refuses a web root that
  // holds one of them.
  std::vector<std::filesystem::path> protected_paths;
  bool access_log = true;
  // Behind a reverse proxy: the client's address is the last X-Forwarded-For entry (the one our
  // proxy added), not the proxy's. Never set it on a server reachable without the proxy.
  bool trust_forwarded_for = false;
  // SIGTERM and SIGINT stop the server gracefully (the ensemble program sets this; tests don't).
  bool stop_on_signals = false;
  // Served behind TLS (--secure-cookies): answers carry Strict-Transport-Security.
  bool strict_transport_security = false;
  // An origin the pages may load images from besides their own ("https://tile.example.org":
  // the maps' tile server), added to the Content-Security-Policy's img-src. Empty: none.
  std::string image_origin;

  // Open connections from one client address: a centre's 30 people behind one NAT address,
  // a browser keeping up to 6 connections each, fit. Past it, a new connection gets 503 and is
  // closed. Behind our proxy the connections come from the proxy: they are limited in total by
  // max_proxy_connections, and requests in flight per forwarded client address by this number.
  std::size_t max_connections_per_address = 256;
  std::size_t max_proxy_connections = 4096;

  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // The routes that take files (an answer with its photos, an XLSForm with its media) have the
  // larger limit: takes_upload(method, target) says which, from the request's first line.
  std::size_t max_upload_bytes = 32 * 1024 * 1024;
  std::function<bool(std::string_view method, std::string_view target)> takes_upload;
  // A request must arrive whole within this time, so that slow clients cannot hold threads.
  std::chrono::milliseconds request_timeout{15'000};
  // A kept-alive connection with no request in this time is closed.
  std::chrono::milliseconds idle_timeout{60'000};
  // On shutdown, requests in flight get this long to finish before the server stops anyway.
  std::chrono::milliseconds shutdown_grace{20'000};
};

class Server {
 public:
  // Loads the web pages, binds and listens; fails with kInvalidArgument naming web_root when the
  // pages cannot be served safely, kUnavailable (and the system's reason) if the address is taken.
  static Result<std::unique_ptr<Server>> Create(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  // Serves until Stop or a signal, then finishes the requests in flight and returns.
  void Run();
  // Stops accepting, closes idle connections, and lets requests in flight finish.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The strict Content-Security-Policy of every answer; images may also come from
// `image_origin` when given (the maps' tile server).
std::string ContentSecurityPolicy(std::string_view image_origin);

// The headers every answer carries: the Content-Security-Policy given (empty: the one without
// another origin) and its companions, and Strict-Transport-Security when served behind TLS.
void AddSecurityHeaders(Response& response, bool strict_transport_security = false,
                        std::string_view content_security_policy = {});

}  // namespace ensemble::http
