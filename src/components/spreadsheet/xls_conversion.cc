#include "components/spreadsheet/xls_conversion.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace ensemble::spreadsheet {
namespace {

Error ConversionFailed() {
  Error error;
  // The file is what LibreOffice could not read (or not in time): the person's to fix.
  error.code = ErrorCode::kInvalidArgument;
  error.message = Message{"spreadsheet.xls.conversion_failed"};
  error.field = "file";
  return error;
}

// A folder removed when the conversion ends, whatever happens.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ensemble-xls-XXXXXX");
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~Scratch() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs soffice in its own process group with a plain environment; true when it exits 0 in time.
bool RunSoffice(const std::string& soffice, const std::filesystem::path& dir,
                std::chrono::milliseconds timeout) {
  const std::string profile = "-env:UserInstallation=file://" + (dir / "profile").string();
  const std::string input = (dir / "upload.xls").string();
  const std::string outdir = dir.string();
  std::vector<std::string> args = {soffice,       "--headless", "--norestore", "--nolockcheck",
                                   "--nodefault", "--nologo",   profile,       "--convert-to",
                                   "xlsx",        "--outdir",   outdir,        input};
  const std::string home = "HOME=" + outdir;
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::string path_env = "PATH=/usr/bin:/bin";
  std::string lang_env = "LANG=C.UTF-8";
  std::string home_env = home;
  std::vector<char*> envp = {path_env.data(), lang_env.data(), home_env.data(), nullptr};

  const pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    setpgid(0, 0);
    const int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
      dup2(null, 2);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(child, child);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (done < 0) return false;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(-child, SIGKILL);
      waitpid(child, &status, 0);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

std::string FindSoffice() {
  for (const char* candidate : {"/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

Result<std::string> ConvertXlsToXlsx(std::string_view xls, const std::string& soffice,
                                     std::chrono::milliseconds timeout) {
  // LibreOffice runs one conversion per profile, and each takes a core: one at a time.
  static std::mutex one_at_a_time;
  const std::lock_guard lock(one_at_a_time);
  const Scratch scratch;
  if (scratch.path().empty() || soffice.empty()) return std::unexpected(ConversionFailed());
  {
    std::ofstream out(scratch.path() / "upload.xls", std::ios::binary);
    out.write(xls.data(), static_cast<std::streamsize>(xls.size()));
    if (!out) return std::unexpected(ConversionFailed());
  }
  if (!RunSoffice(soffice, scratch.path(), timeout)) return std::unexpected(ConversionFailed());
  std::ifstream in(scratch.path() / "upload.xlsx", std::ios::binary);
  if (!in) return std::unexpected(ConversionFailed());
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace ensemble::spreadsheet
