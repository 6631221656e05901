// The only translation unit that includes Beast and Asio.
#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/worker_pool.h"
#include "http/client_address.h"
#include "http/error_mapping.h"
#include "http/static_files.h"
#include "i18n/accept_language.h"

namespace ensemble::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// After refusing a request whose body we did not read, we read and drop this much of it so
// that the client, still sending, gets our answer instead of a connection reset.
constexpr std::size_t kMaxDrainBytes = 16 * 1024 * 1024;
constexpr std::chrono::seconds kDrainTimeout{2};

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool HasHeader(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (Lower(key) == Lower(name)) return true;
  }
  return false;
}

Response TransportError(ErrorCode code, Message message, Language language = Language::kFrench,
                        int status_override = 0) {
  Response response = ErrorResponse(Error{code, std::move(message), {}, {}}, language);
  if (status_override != 0) response.status = status_override;
  return response;
}

// The answer when the worker pool's queue is full: the client may retry in a second, and the
// request has cost the server its parsing only.
Response Busy(Language language) {
  Error busy{ErrorCode::kUnavailable, Message{"core.http.busy"}, {}, "the worker pool is full"};
  busy.retry_after_seconds = 1;
  return ErrorResponse(busy, language);
}

// A call handed to the worker pool: runs `work` there, then resumes the waiting coroutine on its
// strand with the answer; or resumes it with nullopt when the pool refused the call.
template <typename Completion, typename Work, typename Strand>
struct PoolCall {
  PoolCall(Completion completion_handler, Work work_to_run, Strand strand_to_resume)
      : completion(std::move(completion_handler)),
        work(std::move(work_to_run)),
        strand(std::move(strand_to_resume)) {}
  void Run() { Resume(work()); }
  void Refuse() { Resume(std::nullopt); }
  void Resume(std::optional<Response> response) {
    asio::post(strand,
               [completion = std::move(completion), response = std::move(response)]() mutable {
                 std::move(completion)(std::move(response));
               });
  }
  Completion completion;
  Work work;
  Strand strand;
};

// Runs `work` (returning a Response) on `pool`; nullopt at once when the pool's queue is full.
template <typename Work>
asio::awaitable<std::optional<Response>> OnWorkers(WorkerPool& pool, Work work) {
  auto strand = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                          void(std::optional<Response>)>(
      [&pool, &strand, &work](auto completion) {
        using Call = PoolCall<decltype(completion), Work, decltype(strand)>;
        // Shared between the task and this function, which answers through it if refused.
        auto call = std::make_shared<Call>(std::move(completion), std::move(work), strand);
        WorkerPool::Task task = [call] { call->Run(); };
        if (!pool.TrySubmit(task)) call->Refuse();
      },
      asio::use_awaitable);
}

// The answer to a request that could not be read whole, or nullopt: read on (or drop it).
std::optional<Response> ReadRefusal(const beast::error_code& error, const ServerOptions& options,
                                    std::size_t body_limit, Language language) {
  if (error == bhttp::error::body_limit) {
    return TransportError(ErrorCode::kPayloadTooLarge,
                          Message{"core.http.body_too_large", {{"max", body_limit}}}, language);
  }
  if (error == bhttp::error::header_limit) {
    return TransportError(
        ErrorCode::kPayloadTooLarge,
        Message{"core.http.headers_too_large", {{"max", options.max_header_bytes}}}, language, 431);
  }
  if (error && error.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
      error != bhttp::error::end_of_stream && error != bhttp::error::partial_message) {
    return TransportError(ErrorCode::kInvalidArgument,
                          Message{"core.http.malformed", {{"detail", error.message()}}}, language);
  }
  return std::nullopt;
}

// Our Request from Beast's: decoded path and query, lower-case header names.
Result<Request> Translate(BeastRequest& from, const std::string& remote_address) {
  const auto target = boost::urls::parse_origin_form(from.target());
  if (!target) {
    return Fail(ErrorCode::kInvalidArgument, "core.http.bad_target", "target");
  }
  Request request;
  request.method = std::string(from.method_string());
  request.path = target->path();
  for (const auto& param : target->params()) {
    request.query.emplace_back(param.key, param.has_value ? param.value : std::string());
  }
  for (const auto& field : from) {
    request.headers.emplace_back(Lower(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(from.body());
  request.remote_address = remote_address;
  return request;
}

BeastResponse ToBeast(Response response, unsigned version, bool keep_alive, bool head) {
  BeastResponse out;
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.set(bhttp::field::server, "ensemble");
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(response.body.size());
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  return out;
}

// Where the header block of the request at the front of `buffer` ends (after its blank line),
// or npos while it has not all arrived.
std::size_t HeaderBlockEnd(std::string_view bytes) {
  const auto end = bytes.find("\r\n\r\n");
  return end == std::string_view::npos ? end : end + 4;
}

// An obsolete line folding (RFC 9112 5.2): a header line that starts with a space or a tab.
// Beast would unfold it silently; we refuse it, as the RFC allows, so that no proxy in front of
// us reads the headers differently.
bool HasObsoleteLineFolding(std::string_view header_block) {
  for (auto at = header_block.find("\r\n"); at != std::string_view::npos;
       at = header_block.find("\r\n", at + 2)) {
    if (at + 2 < header_block.size() &&
        (header_block[at + 2] == ' ' || header_block[at + 2] == '\t')) {
      return true;
    }
  }
  return false;
}

std::string_view BufferText(const beast::flat_buffer& buffer) {
  const auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

// How many connections, or requests, each address has open; used under the server's mutex.
class CountsPerAddress {
 public:
  // Counts one more for `address`, unless it has `limit` already.
  bool TryAdd(const std::string& address, std::size_t limit) {
    const auto [found, inserted] = open_.try_emplace(address, 0);
    if (found->second >= limit) {
      if (found->second == 0) open_.erase(found);
      return false;
    }
    ++found->second;
    return true;
  }
  void Remove(const std::string& address) {
    if (auto found = open_.find(address); found != open_.end() && --found->second == 0) {
      open_.erase(found);
    }
  }

 private:
  std::unordered_map<std::string, std::size_t> open_;
};

// One accepted connection. Its coroutine and every operation on it run on its own strand.
struct Connection {
  Connection(tcp::socket socket, std::string peer_address)
      : stream(std::move(socket)), peer(std::move(peer_address)) {}
  beast::tcp_stream stream;
  std::string peer;  // the address the connection comes from
  bool idle = true;  // waiting for the first byte of a request; touched on the strand only
};

}  // namespace

// 'wasm-unsafe-eval' lets a page compile WebAssembly, nothing more: ODK's form engine
// (@getodk/web-forms, on the questionnaire pages) parses XPath with a WebAssembly module. It
// allows neither eval() nor new Function(), and no script from elsewhere. blob: images are the
// page's own: the preview of a photo picked for a questionnaire's image question.
std::string ContentSecurityPolicy(std::string_view image_origin) {
  return fmt::format(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' "
      "data: blob:{}{}; "
      "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; "
      "base-uri 'self'; form-action 'self'",
      image_origin.empty() ? "" : " ", image_origin);
}

void AddSecurityHeaders(Response& response, bool strict_transport_security,
                        std::string_view content_security_policy) {
  if (!HasHeader(response, "Content-Security-Policy")) {
    static const std::string kDefault = ContentSecurityPolicy({});
    response.headers.emplace_back(
        "Content-Security-Policy",
        content_security_policy.empty() ? kDefault : std::string(content_security_policy));
  }
  static const std::pair<std::string_view, std::string_view> kHeaders[] = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      // Geolocation for this origin's pages only: a questionnaire's geopoint asks for it.
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(self)"},
  };
  for (const auto& [name, value] : kHeaders) {
    if (!HasHeader(response, name)) response.headers.emplace_back(name, value);
  }
  if (strict_transport_security && !HasHeader(response, "Strict-Transport-Security")) {
    // Two years, the value browsers' preload lists ask for; subdomains are the operator's.
    response.headers.emplace_back("Strict-Transport-Security", "max-age=63072000");
  }
}

struct Server::Impl {
  Impl(ServerOptions server_options, Handler request_handler)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        io(ThreadCount()),
        workers({.threads = options.workers, .max_waiting = options.max_waiting}),
        control(asio::make_strand(io)),
        acceptor(control),
        signals(control),
        grace(control) {}

  int ThreadCount() const {
    if (options.threads > 0) return options.threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  }

  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(std::shared_ptr<Connection> connection, std::uint64_t id);
  asio::awaitable<bool> WaitForRequest(Connection& connection, beast::flat_buffer& buffer);
  asio::awaitable<void> RefuseAndClose(Connection& connection, beast::flat_buffer& buffer,
                                       Response response);
  asio::awaitable<std::optional<Response>> ReadHeaderBlock(Connection& connection,
                                                           beast::flat_buffer& buffer);
  bool Admit(const std::string& peer);
  // Counts a request in flight from a forwarded client address; false when over the limit.
  bool BeginRequestFrom(const std::string& client);
  void EndRequestFrom(const std::string& client);
  asio::awaitable<Response> Respond(BeastRequest& request, const std::string& remote_address);
  Response Handle(const Request& request) const;  // on a worker
  void LogAccess(const std::string& remote, const BeastRequest& request, int status,
                 std::size_t bytes, std::chrono::steady_clock::time_point started) const;
  void BeginShutdown();
  void Forget(std::uint64_t id);
  void StopWhenDrained();  // on the control strand

  ServerOptions options;
  // Made once: every answer carries it.
  const std::string content_security_policy = ContentSecurityPolicy(options.image_origin);
  Handler handler;
  std::optional<StaticSite> site;  // set when options.web_root is
  asio::io_context io;
  // Runs the handlers, off the socket threads. Declared after `io`: it is stopped, and its tasks
  // have posted their answers, before `io` goes.
  WorkerPool workers;
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace;
  std::atomic<bool> stopping = false;
  std::mutex mutex;  // guards connections, next_id, per_peer and in_flight_per_client
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_id = 0;
  CountsPerAddress per_peer;              // open connections per peer address
  CountsPerAddress in_flight_per_client;  // requests in flight per forwarded address
};

asio::awaitable<void> Server::Impl::Accept() {
  while (!stopping) {
    auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io), kUseTuple);
    if (error) {
      if (stopping || error == asio::error::operation_aborted) co_return;
      spdlog::warn("accept: {}", error.message());
      continue;
    }
    beast::error_code ignored;
    std::string peer = socket.remote_endpoint(ignored).address().to_string();
    auto connection = std::make_shared<Connection>(tcp::socket(std::move(socket)), peer);
    if (!Admit(peer)) {
      // Answered and closed at once: a client holding too many sockets gets no more.
      asio::co_spawn(
          connection->stream.get_executor(),
          [this, connection]() -> asio::awaitable<void> {
            beast::flat_buffer unused;
            co_await RefuseAndClose(
                *connection, unused,
                TransportError(ErrorCode::kUnavailable, "core.http.too_many_connections"));
            connection->stream.close();
          },
          asio::detached);
      continue;
    }
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mutex);
      id = next_id++;
      connections.emplace(id, connection);
    }
    asio::co_spawn(connection->stream.get_executor(), Serve(connection, id), asio::detached);
  }
}

// Waits, up to the idle timeout, for the first byte of the next request. False: close.
asio::awaitable<bool> Server::Impl::WaitForRequest(Connection& connection,
                                                   beast::flat_buffer& buffer) {
  if (buffer.size() > 0) co_return true;  // pipelined bytes are already here
  connection.idle = true;
  connection.stream.expires_after(options.idle_timeout);
  auto [error, bytes] = co_await connection.stream.async_read_some(buffer.prepare(4096), kUseTuple);
  buffer.commit(bytes);
  connection.idle = false;
  co_return !error && !stopping;
}

// Counts the new connection against its peer's limit (behind our proxy, the proxy's total).
bool Server::Impl::Admit(const std::string& peer) {
  std::lock_guard lock(mutex);
  return per_peer.TryAdd(peer, options.trust_forwarded_for ? options.max_proxy_connections
                                                           : options.max_connections_per_address);
}

bool Server::Impl::BeginRequestFrom(const std::string& client) {
  std::lock_guard lock(mutex);
  return in_flight_per_client.TryAdd(client, options.max_connections_per_address);
}

void Server::Impl::EndRequestFrom(const std::string& client) {
  std::lock_guard lock(mutex);
  in_flight_per_client.Remove(client);
}

// Reads until the request's header block is whole (or over the limit) and refuses what Beast
// would accept but we do not: obsolete line folding. nullopt: go on and parse it.
asio::awaitable<std::optional<Response>> Server::Impl::ReadHeaderBlock(Connection& connection,
                                                                       beast::flat_buffer& buffer) {
  while (true) {
    const std::string_view bytes = BufferText(buffer);
    const std::size_t end = HeaderBlockEnd(bytes);
    if (end != std::string_view::npos) {
      if (HasObsoleteLineFolding(bytes.substr(0, end))) {
        // Nothing is parsed yet, not even Accept-Language: the answer is in French.
        Response refused = TransportError(ErrorCode::kInvalidArgument, "core.http.obs_fold");
        co_return refused;
      }
      co_return std::nullopt;
    }
    // Over the limit: Beast's parser answers 431 on what is there.
    if (bytes.size() > options.max_header_bytes) co_return std::nullopt;
    auto [error, read] =
        co_await connection.stream.async_read_some(buffer.prepare(4096), kUseTuple);
    buffer.commit(read);
    if (error) co_return std::nullopt;  // the parser below meets the same end of stream
  }
}

asio::awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> connection,
                                          std::uint64_t id) {
  beast::error_code ignored;
  const std::string remote = connection->peer;
  beast::flat_buffer buffer;
  while (!stopping && co_await WaitForRequest(*connection, buffer)) {
    // One deadline for the whole request, header block and body.
    connection->stream.expires_after(options.request_timeout);
    if (auto refused = co_await ReadHeaderBlock(*connection, buffer)) {
      co_await RefuseAndClose(*connection, buffer, std::move(*refused));
      break;
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // The header says which limit the body has: an upload route's, or every other's.
    parser.body_limit(std::max(options.max_body_bytes, options.max_upload_bytes));
    auto [error, bytes] =
        co_await bhttp::async_read_header(connection->stream, buffer, parser, kUseTuple);
    std::size_t body_limit = options.max_body_bytes;
    if (!error) {
      const auto& header = parser.get();
      if (options.takes_upload && options.takes_upload(header.method_string(), header.target())) {
        body_limit = options.max_upload_bytes;
      }
      const auto declared = parser.content_length();
      if (declared && *declared > body_limit) {
        error = bhttp::error::body_limit;
      } else {
        // A chunked body is counted against it chunk by chunk.
        parser.body_limit(body_limit);
        if (!parser.is_done()) {
          std::tie(error, bytes) =
              co_await bhttp::async_read(connection->stream, buffer, parser, kUseTuple);
        }
      }
    }
    // The header block is parsed unless it was too large itself.
    const Language language =
        error == bhttp::error::header_limit
            ? Language::kFrench
            : i18n::FromAcceptLanguage(parser.get()[bhttp::field::accept_language])
                  .value_or(Language::kFrench);
    // Built apart from the co_await: GCC 12 miscompiles a message made in the same expression.
    if (std::optional<Response> refused = ReadRefusal(error, options, body_limit, language)) {
      co_await RefuseAndClose(*connection, buffer, std::move(*refused));
      break;
    }
    // A client too slow to send its request is dropped: Beast has closed the socket already.
    if (error == beast::error::timeout) break;
    if (error) break;  // the client went away

    const auto started = std::chrono::steady_clock::now();
    BeastRequest request = parser.release();
    if (request.version() >= 11 && request.find(bhttp::field::host) == request.end()) {
      Response refused = TransportError(ErrorCode::kInvalidArgument, "core.http.no_host", language);
      co_await RefuseAndClose(*connection, buffer, std::move(refused));
      break;
    }
    Response response = co_await Respond(request, remote);
    const int status = response.status;
    const std::size_t body_bytes = response.body.size();
    const bool keep_alive = request.keep_alive() && !stopping;
    BeastResponse message = ToBeast(std::move(response), request.version(), keep_alive,
                                    request.method() == bhttp::verb::head);
    connection->stream.expires_after(options.request_timeout);
    auto [write_error, written] =
        co_await bhttp::async_write(connection->stream, message, kUseTuple);
    LogAccess(remote, request, status, body_bytes, started);
    if (write_error || !keep_alive) break;
  }
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection->stream.close();
  Forget(id);
}

// Answers a request we will not read whole, then drops what the client still sends, so that
// the answer reaches it rather than a reset.
asio::awaitable<void> Server::Impl::RefuseAndClose(Connection& connection,
                                                   beast::flat_buffer& buffer, Response response) {
  AddSecurityHeaders(response, options.strict_transport_security, content_security_policy);
  BeastResponse message = ToBeast(std::move(response), 11, /*keep_alive=*/false, /*head=*/false);
  connection.stream.expires_after(options.request_timeout);
  auto [write_error, written] = co_await bhttp::async_write(connection.stream, message, kUseTuple);
  if (write_error) co_return;
  beast::error_code ignored;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  connection.stream.expires_after(kDrainTimeout);
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    buffer.clear();
    auto [error, bytes] =
        co_await connection.stream.async_read_some(buffer.prepare(65536), kUseTuple);
    if (error) break;
    drained += bytes;
  }
}

// On the connection's strand: what needs no waiting is answered here (refusals, the pages, which
// are in memory); the handler runs on a worker, and this coroutine resumes on its strand after.
asio::awaitable<Response> Server::Impl::Respond(BeastRequest& beast_request,
                                                const std::string& remote_address) {
  Response response;
  auto request = Translate(beast_request, remote_address);
  if (request) {
    request->remote_address = ClientAddress(request->Header("x-forwarded-for"), remote_address,
                                            options.trust_forwarded_for);
  }
  const bool counted = request && options.trust_forwarded_for;
  if (counted && !BeginRequestFrom(request->remote_address)) {
    response = TransportError(ErrorCode::kUnavailable, "core.http.too_many_in_flight",
                              RequestLanguage(*request));
    AddSecurityHeaders(response, options.strict_transport_security, content_security_policy);
    co_return response;
  }
  if (!request) {
    response = ErrorResponse(request.error(),
                             i18n::FromAcceptLanguage(beast_request[bhttp::field::accept_language])
                                 .value_or(Language::kFrench));
  } else if (site && !IsApiPath(request->path)) {
    const bool reading = request->method == "GET" || request->method == "HEAD";
    response = reading ? site->Serve(request->path)
                       : TransportError(ErrorCode::kMethodNotAllowed, "core.http.pages_read_only",
                                        RequestLanguage(*request));
  } else {
    auto handled = co_await OnWorkers(workers, [this, &request] { return Handle(*request); });
    response = handled ? std::move(*handled) : Busy(RequestLanguage(*request));
  }
  if (counted) EndRequestFrom(request->remote_address);
  AddSecurityHeaders(response, options.strict_transport_security, content_security_policy);
  co_return response;
}

Response Server::Impl::Handle(const Request& request) const {
  try {
    return handler(request);
  } catch (const std::exception& exception) {
    // Handlers return errors as values; an exception here is a bug, kept in the log.
    return ErrorResponse(Error{ErrorCode::kInternal,
                               Message{"core.internal"},
                               {},
                               fmt::format("handling request: {}", exception.what())},
                         RequestLanguage(request));
  }
}

void Server::Impl::LogAccess(const std::string& remote, const BeastRequest& request, int status,
                             std::size_t bytes,
                             std::chrono::steady_clock::time_point started) const {
  if (!options.access_log) return;
  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  // The query string is left out: it may hold what a person searched for.
  const std::string_view target = request.target();
  const std::string_view path = target.substr(0, target.find('?'));
  const std::string client =
      ClientAddress(request["x-forwarded-for"], remote, options.trust_forwarded_for);
  spdlog::info("{} \"{} {}\" {} {} {:.2f}ms", client, std::string_view(request.method_string()),
               path, status, bytes, elapsed.count());
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  asio::post(control, [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(mutex);
      for (const auto& [id, connection] : connections) open.push_back(connection);
    }
    // Idle connections close now; a request in flight finishes and its answer says close.
    for (const auto& connection : open) {
      asio::post(connection->stream.get_executor(), [connection] {
        if (connection->idle) connection->stream.cancel();
      });
    }
    grace.expires_after(options.shutdown_grace);
    grace.async_wait([this](beast::error_code error) {
      if (error) return;
      spdlog::warn("shutdown: requests still running after {} ms; stopping anyway",
                   options.shutdown_grace.count());
      io.stop();
    });
    StopWhenDrained();
  });
}

void Server::Impl::Forget(std::uint64_t id) {
  {
    std::lock_guard lock(mutex);
    if (auto found = connections.find(id); found != connections.end()) {
      per_peer.Remove(found->second->peer);
      connections.erase(found);
    }
  }
  if (stopping) asio::post(control, [this] { StopWhenDrained(); });
}

void Server::Impl::StopWhenDrained() {
  std::lock_guard lock(mutex);
  if (connections.empty()) grace.cancel();
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options, Handler handler) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler));
  if (!impl->options.web_root.empty()) {
    impl->site =
        ENSEMBLE_TRY(StaticSite::Load(impl->options.web_root, impl->options.protected_paths));
  }
  beast::error_code error;
  const auto address = asio::ip::make_address(impl->options.host, error);
  if (error) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"core.cli.bad_address", {{"host", impl->options.host}}}, "listen");
  }
  const tcp::endpoint endpoint(address, impl->options.port);
  auto& acceptor = impl->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable,
                Message{"core.cli.cannot_listen",
                        {{"host", impl->options.host},
                         {"port", std::to_string(impl->options.port)},
                         {"detail", error.message()}}},
                "listen");
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
  Impl& impl = *impl_;
  asio::co_spawn(impl.control, impl.Accept(), asio::detached);
  if (impl.options.stop_on_signals) {
    impl.signals.add(SIGTERM);
    impl.signals.add(SIGINT);
    impl.signals.async_wait([&impl](beast::error_code error, int signal) {
      if (error) return;
      spdlog::info("signal {}: finishing the requests in flight, then stopping", signal);
      impl.BeginShutdown();
    });
  }
  std::vector<std::thread> others;
  for (int i = 1; i < impl.ThreadCount(); ++i) others.emplace_back([&impl] { impl.io.run(); });
  impl.io.run();
  for (auto& thread : others) thread.join();
  // Normally nothing waits any more (every connection has finished); after the shutdown grace,
  // what still runs or waits finishes now, and its answer goes nowhere.
  impl.workers.Stop();
}

void Server::Stop() { impl_->BeginShutdown(); }

}  // namespace ensemble::http
