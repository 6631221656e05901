#include "tests/support/process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>

namespace ensemble::test_support {
namespace {

[[noreturn]] void Exec(const std::vector<std::string>& args,
                       const std::vector<std::string>& environment) {
  for (const auto& variable : environment) ::putenv(const_cast<char*>(variable.c_str()));
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  std::_Exit(127);
}

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  int out[2];
  if (::pipe(out) != 0) return;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    Exec(args, {});
  }
  ::close(out[1]);
  stdout_ = ::fdopen(out[0], "r");
  char line[512];
  while (std::fgets(line, sizeof line, stdout_) != nullptr) {
    int port = 0;
    if (std::sscanf(line, "Ensemble listening on http://127.0.0.1:%d", &port) == 1) {
      port_ = static_cast<std::uint16_t>(port);
      break;
    }
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill(SIGTERM);
  if (stdout_ != nullptr) std::fclose(stdout_);
}

int ServerProcess::Kill(int signal) {
  int status = 0;
  if (pid_ <= 0) return status;
  ::kill(pid_, signal);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

CommandResult RunCommand(const std::vector<std::string>& args,
                         const std::vector<std::string>& environment, const std::string& input) {
  int in[2];
  int out[2];
  CommandResult result;
  if (::pipe(in) != 0 || ::pipe(out) != 0) return result;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(out[1], STDERR_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
    Exec(args, environment);
  }
  ::close(in[0]);
  ::close(out[1]);
  // Input is small (a password line): the pipe's buffer takes it whole.
  if (!input.empty()) (void)!::write(in[1], input.data(), input.size());
  ::close(in[1]);
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(out[0], buffer, sizeof buffer)) > 0) {
    result.output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace ensemble::test_support
