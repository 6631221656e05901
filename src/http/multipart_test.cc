// The multipart reader on bodies written by real producers (curl -F against a server on
// loopback, Python's email package with its HTTP policy), on the shapes ODK Collect (OkHttp)
// and Enketo (a browser's FormData) send, and on a table of refusals, each checked by its code,
// message id, parameters and field.
#include "http/multipart.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <vector>

namespace ensemble::http {

// For failures: the strings, and the body's size with its first bytes escaped.
void PrintTo(const Part& part, std::ostream* out) {
  std::string head;
  for (const char c : part.body.substr(0, 48)) {
    const auto u = static_cast<unsigned char>(c);
    head += u >= 0x20 && u < 0x7F ? std::string(1, c) : fmt::format("\\x{:02x}", u);
  }
  *out << fmt::format("{{name \"{}\", filename \"{}\", type \"{}\", {} bytes \"{}\"}}", part.name,
                      part.filename, part.content_type, part.body.size(), head);
}

namespace {

using namespace std::string_literals;

constexpr const char* kPython = "/usr/bin/python3";

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A directory removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = std::filesystem::temp_directory_path() / "multipart-test-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  void Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(File(name), std::ios::binary) << bytes;
  }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

bool HasProgram(const std::string& name) {
  return RunCommand("command -v " + name + " >/dev/null 2>&1").exit_code == 0;
}

// An attachment's bytes: a PNG signature, then random bytes laced with what a careless reader
// would take for line ends and delimiters ("\r\n--", runs of dashes like curl's and email's
// boundaries). With `crlf_only`, no CR or LF stands alone (Python's email rewrites those).
std::string Blob(std::size_t size, bool crlf_only) {
  std::mt19937 random(20260921);
  std::string blob = "\x89PNG\r\n\x1a\n"s;
  if (crlf_only) blob = "\x89PNG\r\n\x1a\r\n"s;
  const std::vector<std::string> traps = {"\r\n--", "\r\n--------------------------",
                                          "\r\n--===============", "--\r\n", "\r\n\r\n"};
  while (blob.size() < size) {
    if (random() % 997 == 0) {
      blob += traps[random() % traps.size()];
      continue;
    }
    const char c = static_cast<char>(random() % 256);
    if (crlf_only && (c == '\r' || c == '\n')) continue;
    blob.push_back(c);
  }
  return blob;
}

constexpr const char* kInstance =
    "<?xml version='1.0' ?><data id=\"senior_survey\" version=\"2026092101\">"
    "<age>71</age><photo>1712345678901.png</photo><signature>signature é.png</signature>"
    "<meta><instanceID>uuid:6f1a3c1e-2b7d-4c59-9d0e-1b2c3d4e5f60</instanceID></meta></data>";

// Writes the two producers' requests: email.{ct,body} and curl.{ct,body}.
constexpr const char* kProducers = R"PY(
import http.server, io, os, subprocess, sys, threading
from email import encoders, policy
from email.generator import BytesGenerator
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart

out = sys.argv[1]
def path(name):
    return os.path.join(out, name)
def read(name):
    with open(path(name), 'rb') as f:
        return f.read()
def write(name, data):
    with open(path(name), 'wb') as f:
        f.write(data)

# Python's MIME writer with the HTTP policy: CRLF line ends, no folding; the boundary is quoted
# and holds '='. It writes MIME-Version in each part, and filename* (RFC 2231) for a non-ASCII
# file name.
form = MIMEMultipart('form-data')
instance = MIMENonMultipart('text', 'xml', charset='utf-8')
instance.set_payload(read('submission.xml'))
instance.add_header('Content-Disposition', 'form-data', name='xml_submission_file',
                    filename='submission.xml')
form.attach(instance)
photo = MIMEApplication(read('email.png'), 'octet-stream', encoders.encode_noop)
photo.add_header('Content-Disposition', 'form-data', name='1712345678901.png',
                 filename='1712345678901.png')
form.attach(photo)
signature = MIMEApplication(b'GIF89a', 'octet-stream', encoders.encode_noop)
signature.add_header('Content-Disposition', 'form-data', name='signature.gif',
                     filename=('utf-8', '', 'signature é.gif'))
form.attach(signature)
buffer = io.BytesIO()
BytesGenerator(buffer, policy=policy.HTTP).flatten(form)
write('email.ct', form['Content-Type'].encode())
write('email.body', buffer.getvalue().split(b'\r\n\r\n', 1)[1])

# curl -F, as a script posting a submission would, to a server on loopback that keeps the body.
class Keep(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        write('curl.body', self.rfile.read(int(self.headers['Content-Length'])))
        write('curl.ct', self.headers['Content-Type'].encode())
        self.send_response(201)
        self.send_header('Content-Length', '0')
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Keep)
threading.Thread(target=server.serve_forever, daemon=True).start()
subprocess.run(['curl', '-sS', '--fail', '-H', 'X-OpenRosa-Version: 1.0',
                '-F', 'xml_submission_file=@%s;type=text/xml' % path('submission.xml'),
                '-F', '1712345678901.png=@%s;type=image/png' % path('curl.png'),
                '-F', 'signature é.png=@%s;filename=signature é.png' % path('curl.png'),
                '-F', '*isIncomplete*=yes',
                'http://127.0.0.1:%d/submission' % server.server_port], check=True)
server.shutdown()
)PY";

// Whether every part's body is a view into `body`.
bool ViewsInto(const std::vector<Part>& parts, std::string_view body) {
  for (const Part& part : parts) {
    if (part.body.data() < body.data() ||
        part.body.data() + part.body.size() > body.data() + body.size()) {
      return false;
    }
  }
  return true;
}

TEST(MultipartProducers, CurlAndPythonEmail) {
  if (access(kPython, X_OK) != 0 || !HasProgram("curl")) {
    GTEST_SKIP() << "python3 or curl missing: real producers skipped";
  }
  ScratchDir dir;
  const std::string curl_png = Blob(100 * 1024, false);
  const std::string email_png = Blob(100 * 1024, true);
  dir.Write("submission.xml", kInstance);
  dir.Write("curl.png", curl_png);
  dir.Write("email.png", email_png);
  dir.Write("make.py", kProducers);
  const CommandResult made =
      RunCommand(std::string(kPython) + " " + dir.File("make.py") + " " + dir.path() + " 2>&1");
  ASSERT_EQ(made.exit_code, 0) << made.out;

  {
    const std::string body = ReadFile(dir.File("curl.body"));
    const auto boundary = BoundaryOf(ReadFile(dir.File("curl.ct")));
    ASSERT_TRUE(boundary) << boundary.error().message;
    const auto parts = ParseMultipart(body, *boundary);
    ASSERT_TRUE(parts) << parts.error().message;
    const std::vector<Part> expected = {
        {"xml_submission_file", "submission.xml", "text/xml", kInstance},
        {"1712345678901.png", "curl.png", "image/png", curl_png},
        {"signature é.png", "signature é.png", "image/png", curl_png},  // curl's guess
        {"*isIncomplete*", "", "text/plain", "yes"},
    };
    EXPECT_EQ(*parts, expected);
    EXPECT_TRUE(ViewsInto(*parts, body));
  }
  {
    const std::string body = ReadFile(dir.File("email.body"));
    const auto boundary = BoundaryOf(ReadFile(dir.File("email.ct")));
    ASSERT_TRUE(boundary) << boundary.error().message;
    EXPECT_TRUE(boundary->starts_with("===============")) << *boundary;
    const auto parts = ParseMultipart(body, *boundary);
    ASSERT_TRUE(parts) << parts.error().message;
    const std::vector<Part> expected = {
        {"xml_submission_file", "submission.xml", "text/xml; charset=\"utf-8\"", kInstance},
        {"1712345678901.png", "1712345678901.png", "application/octet-stream", email_png},
        {"signature.gif", "signature é.gif", "application/octet-stream", "GIF89a"},
    };
    EXPECT_EQ(*parts, expected);
    EXPECT_TRUE(ViewsInto(*parts, body));
  }
}

// ODK Collect posts with OkHttp's MultipartBody: a UUID boundary, Content-Length in each part.
TEST(MultipartShapes, OdkCollectOkHttp) {
  const std::string boundary = "3c1d6f0e-7a2b-4e59-9d0e-1b2c3d4e5f60";
  const std::string jpeg = "\xff\xd8\xff\xe0\r\n--3c1d6f0e\r\n\0\xff\xd9"s;
  const std::string body =
      "--" + boundary +
      "\r\n"
      "Content-Disposition: form-data; name=\"xml_submission_file\"; "
      "filename=\"senior_survey_2026-09-21_10-00-00.xml\"\r\n"
      "Content-Type: text/xml\r\nContent-Length: 15\r\n\r\n<data id=\"s\"/>\n\r\n--" +
      boundary +
      "\r\n"
      "Content-Disposition: form-data; name=\"1712345678901.jpg\"; "
      "filename=\"1712345678901.jpg\"\r\n"
      "Content-Type: image/jpeg\r\nContent-Length: 14\r\n\r\n" +
      jpeg + "\r\n--" + boundary + "--\r\n";
  const auto parsed_boundary = BoundaryOf("multipart/form-data; boundary=" + boundary);
  ASSERT_TRUE(parsed_boundary);
  const auto parts = ParseMultipart(body, *parsed_boundary);
  ASSERT_TRUE(parts) << parts.error().message;
  const std::vector<Part> expected = {
      {"xml_submission_file", "senior_survey_2026-09-21_10-00-00.xml", "text/xml",
       "<data id=\"s\"/>\n"},
      {"1712345678901.jpg", "1712345678901.jpg", "image/jpeg", jpeg},
  };
  EXPECT_EQ(*parts, expected);
}

// Enketo posts a browser's FormData: WebKit's boundary, the instance as a Blob, and
// *isIncomplete* when a submission is split over several requests.
TEST(MultipartShapes, EnketoFormData) {
  const std::string body =
      "------WebKitFormBoundaryq8Ztf3v9XcRk2LbA\r\n"
      "Content-Disposition: form-data; name=\"xml_submission_file\"; "
      "filename=\"xml_submission_file\"\r\n"
      "Content-Type: text/xml\r\n\r\n"
      "<data/>\r\n"
      "------WebKitFormBoundaryq8Ztf3v9XcRk2LbA\r\n"
      "Content-Disposition: form-data; name=\"photo.jpg\"; filename=\"photo.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n"
      "JPEG\r\n"
      "------WebKitFormBoundaryq8Ztf3v9XcRk2LbA\r\n"
      "Content-Disposition: form-data; name=\"*isIncomplete*\"\r\n\r\n"
      "yes\r\n"
      "------WebKitFormBoundaryq8Ztf3v9XcRk2LbA--\r\n";
  const auto boundary =
      BoundaryOf("multipart/form-data; boundary=----WebKitFormBoundaryq8Ztf3v9XcRk2LbA");
  ASSERT_TRUE(boundary);
  const auto parts = ParseMultipart(body, *boundary);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0],
            (Part{"xml_submission_file", "xml_submission_file", "text/xml", "<data/>"}));
  EXPECT_EQ((*parts)[1], (Part{"photo.jpg", "photo.jpg", "image/jpeg", "JPEG"}));
  EXPECT_EQ((*parts)[2], (Part{"*isIncomplete*", "", "text/plain", "yes"}));
}

TEST(Multipart, PreambleEpiloguePaddingAndCase) {
  const std::string body =
      "This is the preamble.\r\n--b \t\r\n"
      "content-disposition: FORM-DATA ; Name=a ;filename=\"x \\\"y\\\".txt\"\r\n"
      "CONTENT-TYPE:  text/csv ; charset=utf-8 \r\n"
      "Content-Transfer-Encoding: Binary\r\n"
      "X-Ignored: whatever\r\n\r\n"
      "1;2\r\n\r\n"
      "\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
      "\r\n--b\r\n"
      "Content-Disposition: form-data; name=\"absent\"\r\n"
      "\r\n--b--  \r\nepilogue --b\r\n";
  const auto parts = ParseMultipart(body, "b");
  ASSERT_TRUE(parts) << parts.error().message;
  const std::vector<Part> expected = {
      {"a", "x \"y\".txt", "text/csv ; charset=utf-8", "1;2\r\n\r\n"},
      {"empty", "", "text/plain", ""},
      {"absent", "", "text/plain", ""},
  };
  EXPECT_EQ(*parts, expected);
  EXPECT_TRUE(ViewsInto(*parts, body));
}

TEST(Multipart, FileNames) {
  const auto parse = [](const std::string& disposition) {
    return ParseMultipart("--b\r\nContent-Disposition: " + disposition + "\r\n\r\nx\r\n--b--", "b");
  };
  // filename* wins over filename (RFC 6266 §4.3), its charset in any case.
  auto parts = parse(
      "form-data; name=\"f\"; filename=\"fallback.jpg\"; "
      "filename*=utf-8''%C3%A9t%C3%A9%202026.jpg");
  ASSERT_TRUE(parts) << parts.error().message;
  EXPECT_EQ((*parts)[0].filename, "été 2026.jpg");
  // An empty file input: browsers send filename="".
  parts = parse("form-data; name=\"f\"; filename=\"\"");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].filename, "");
  // Raw UTF-8, as curl and browsers send it.
  parts = parse("form-data; name=\"été.jpg\"; filename=\"été.jpg\"");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].name, "été.jpg");
  // A trailing semicolon, as some scripts write.
  parts = parse("form-data; name=f;");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].name, "f");
}

TEST(Multipart, LimitsAreInclusive) {
  const MultipartLimits limits{
      .max_parts = 2, .max_header_bytes = 40, .max_part_bytes = 3, .max_name_bytes = 3};
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=abc\r\n\r\n123\r\n"
      "--b\r\nContent-Disposition: form-data; name=xyz\r\n\r\n456\r\n--b--";
  const auto parts = ParseMultipart(body, "b", limits);
  ASSERT_TRUE(parts) << parts.error().message;
  EXPECT_EQ(parts->size(), 2u);
}

TEST(Multipart, SafeNames) {
  EXPECT_TRUE(IsSafePartName("1712345678901.jpg", 255));
  EXPECT_TRUE(IsSafePartName("signature é.png", 255));
  EXPECT_TRUE(IsSafePartName("...", 255));
  EXPECT_FALSE(IsSafePartName("", 255));
  EXPECT_FALSE(IsSafePartName("..", 255));
  EXPECT_FALSE(IsSafePartName("a/b", 255));
  EXPECT_FALSE(IsSafePartName("a\\b", 255));
  EXPECT_FALSE(IsSafePartName("a\x7f"s, 255));
  EXPECT_FALSE(IsSafePartName("a\xc2\x85"s, 255));  // NEL, a C1 control
  EXPECT_FALSE(IsSafePartName("abcd", 3));
}

struct BoundaryCase {
  const char* label;
  std::string content_type;
  std::string boundary;  // empty when refused
  ErrorCode code = ErrorCode::kInvalidArgument;
  const char* id = "";
};

TEST(Multipart, BoundaryOf) {
  const std::string seventy(70, 'x');
  const std::vector<BoundaryCase> cases = {
      {"curl", "multipart/form-data; boundary=------------------------37a68e7638fc5616",
       "------------------------37a68e7638fc5616"},
      {"quoted with bchars", "multipart/form-data; boundary=\"===(a b'c+_,-./:=?)==\"",
       "===(a b'c+_,-./:=?)=="},
      {"any case, spaces", "  Multipart/Form-Data ;  charset=utf-8; BOUNDARY=abc  ", "abc"},
      {"70 characters", "multipart/form-data; boundary=" + seventy, seventy},
      {"json", "application/json", "", ErrorCode::kUnsupportedMedia,
       "core.http.multipart.not_multipart"},
      {"mixed", "multipart/mixed; boundary=a", "", ErrorCode::kUnsupportedMedia,
       "core.http.multipart.not_multipart"},
      {"empty", "", "", ErrorCode::kUnsupportedMedia, "core.http.multipart.not_multipart"},
      {"no boundary", "multipart/form-data", "", ErrorCode::kInvalidArgument,
       "core.http.multipart.no_boundary"},
      {"garbage parameter", "multipart/form-data; boundary", "", ErrorCode::kInvalidArgument,
       "core.http.multipart.bad_content_type"},
      {"two boundaries", "multipart/form-data; boundary=a; boundary=b", "",
       ErrorCode::kInvalidArgument, "core.http.multipart.bad_content_type"},
      {"unterminated quote", "multipart/form-data; boundary=\"abc", "", ErrorCode::kInvalidArgument,
       "core.http.multipart.bad_content_type"},
      {"71 characters", "multipart/form-data; boundary=" + seventy + "x", "",
       ErrorCode::kInvalidArgument, "core.http.multipart.bad_boundary"},
      {"empty quoted", "multipart/form-data; boundary=\"\"", "", ErrorCode::kInvalidArgument,
       "core.http.multipart.bad_boundary"},
      {"ending in a space", "multipart/form-data; boundary=\"ab \"", "",
       ErrorCode::kInvalidArgument, "core.http.multipart.bad_boundary"},
      {"not a bchar", "multipart/form-data; boundary=a*b", "", ErrorCode::kInvalidArgument,
       "core.http.multipart.bad_boundary"},
      {"quoted not a bchar", "multipart/form-data; boundary=\"a;b\"", "",
       ErrorCode::kInvalidArgument, "core.http.multipart.bad_boundary"},
  };
  for (const BoundaryCase& c : cases) {
    SCOPED_TRACE(c.label);
    const auto boundary = BoundaryOf(c.content_type);
    if (!c.boundary.empty()) {
      ASSERT_TRUE(boundary) << boundary.error().message;
      EXPECT_EQ(*boundary, c.boundary);
      continue;
    }
    ASSERT_FALSE(boundary);
    EXPECT_EQ(boundary.error().code, c.code);
    EXPECT_EQ(boundary.error().message.id, c.id);
    EXPECT_EQ(boundary.error().field, "Content-Type");
  }
}

struct Refusal {
  const char* label;
  std::string body;
  ErrorCode code;
  Message message;
  std::string field;
  MultipartLimits limits = {};
};

// One form-data part with `disposition` as its Content-Disposition.
std::string Named(const std::string& disposition, const std::string& content = "x") {
  return "--b\r\nContent-Disposition: " + disposition + "\r\n\r\n" + content + "\r\n";
}

TEST(Multipart, Refusals) {
  const ErrorCode invalid = ErrorCode::kInvalidArgument;
  const ErrorCode too_large = ErrorCode::kPayloadTooLarge;
  const std::string ok = Named("form-data; name=ok");
  const std::string end = "--b--\r\n";
  const std::string p = "core.http.multipart.";
  const std::vector<Refusal> cases = {
      {"no boundary at all", "hello", invalid, Message{p + "no_opening_boundary"}, "body"},
      {"another boundary", "--bb\r\n" + ok.substr(5) + end, invalid, Message{p + "bad_delimiter"},
       "body"},
      {"only the close", "--b--\r\n", invalid, Message{p + "no_parts"}, "body"},
      {"no final boundary", ok, invalid, Message{p + "no_final_boundary"}, "body"},
      {"cut after the boundary", ok + "--b", invalid, Message{p + "no_final_boundary"}, "body"},
      {"cut inside the close", ok + "--b-", invalid, Message{p + "no_final_boundary"}, "body"},
      {"cut in the headers", "--b\r\nContent-Disposition: form-data; na", invalid,
       Message{p + "no_final_boundary"}, "body"},
      {"delimiter inside a body", Named("form-data; name=a", "1\r\n--bad\r\n2") + end, invalid,
       Message{p + "bad_delimiter"}, "body"},
      {"bare LF line ends", "--b\nContent-Disposition: form-data; name=a\n\nx\n--b--\n", invalid,
       Message{p + "bad_delimiter"}, "body"},
      {"bare LF in the headers",
       "--b\r\nContent-Disposition: form-data; name=a\nContent-Type: text/xml\r\n\r\nx\r\n" + end,
       invalid, Message{p + "header_line", {{"part", 1}}}, "body"},
      {"bare CR in a header", "--b\r\nContent-Disposition: form-data; name=a\r\r\n\r\nx\r\n" + end,
       invalid, Message{p + "header_line", {{"part", 1}}}, "body"},
      {"folded header", "--b\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nx\r\n" + end,
       invalid, Message{p + "header_line", {{"part", 1}}}, "body"},
      {"header without a colon", ok + "--b\r\nContent-Disposition form-data\r\n\r\nx\r\n" + end,
       invalid, Message{p + "header_line", {{"part", 2}}}, "body"},
      {"space before the colon",
       "--b\r\nContent-Disposition : form-data; name=a\r\n\r\nx\r\n" + end, invalid,
       Message{p + "header_line", {{"part", 1}}}, "body"},
      {"NUL in a header", "--b\r\nContent-Disposition: form-data; name=\"a\0\"\r\n\r\nx\r\n"s + end,
       invalid, Message{p + "header_line", {{"part", 1}}}, "body"},
      {"headers not ended", "--b\r\nContent-Disposition: form-data; name=a\r\n--b--", invalid,
       Message{p + "header_line", {{"part", 1}}}, "body"},
      {"headers too long", "--b\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n" + end,
       too_large, Message{p + "headers_too_large", {{"part", 1}, {"max", 37}}}, "body",
       MultipartLimits{.max_header_bytes = 37}},
      {"headers too long, no blank line",
       "--b\r\nX-Padding: " + std::string(100, 'x') + "\r\n--b--", too_large,
       Message{p + "headers_too_large", {{"part", 1}, {"max", 50}}}, "body",
       MultipartLimits{.max_header_bytes = 50}},
      {"two dispositions",
       "--b\r\nContent-Disposition: form-data; name=a\r\ncontent-disposition: form-data; "
       "name=b\r\n\r\nx\r\n" +
           end,
       invalid, Message{p + "duplicate_header", {{"part", 1}, {"header", "content-disposition"}}},
       "body"},
      {"two content types",
       "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Type: a/b\r\nContent-Type: "
       "c/d\r\n\r\nx\r\n" +
           end,
       invalid, Message{p + "duplicate_header", {{"part", 1}, {"header", "content-type"}}}, "body"},
      {"no disposition", ok + "--b\r\nContent-Type: text/xml\r\n\r\nx\r\n" + end, invalid,
       Message{p + "no_disposition", {{"part", 2}}}, "body"},
      {"no headers", "--b\r\n\r\nx\r\n" + end, invalid,
       Message{p + "no_disposition", {{"part", 1}}}, "body"},
      {"attachment, not form-data", Named("attachment; name=a") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"name twice", Named("form-data; name=a; name=b") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"unterminated quoted name", Named("form-data; name=\"a") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"parameter without a value", Named("form-data; name=") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"filename* not UTF-8", Named("form-data; name=a; filename*=iso-8859-1''%E9.jpg") + end,
       invalid, Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"filename* bad escape", Named("form-data; name=a; filename*=UTF-8''%E.jpg") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"filename* quoted", Named("form-data; name=a; filename*=\"UTF-8''a.jpg\"") + end, invalid,
       Message{p + "bad_disposition", {{"part", 1}}}, "body"},
      {"no name", Named("form-data; filename=a.jpg") + end, invalid,
       Message{p + "no_name", {{"part", 1}}}, "name"},
      {"name* only (RFC 7578 has none)", Named("form-data; name*=UTF-8''a") + end, invalid,
       Message{p + "no_name", {{"part", 1}}}, "name"},
      {"empty name", Named("form-data; name=\"\"") + end, invalid,
       Message{p + "no_name", {{"part", 1}}}, "name"},
      {"name not UTF-8", Named("form-data; name=\"\xe9t\xe9\"") + end, invalid,
       Message{p + "name.not_utf8", {{"part", 1}}}, "name"},
      {"overlong UTF-8 slash", Named("form-data; name=\"a\xc0\xaf\"") + end, invalid,
       Message{p + "name.not_utf8", {{"part", 1}}}, "name"},
      {"tab in a name", Named("form-data; name=\"a\tb\"") + end, invalid,
       Message{p + "name.control", {{"part", 1}, {"codepoint", "0009"}}}, "name"},
      {"C1 control in a name", Named("form-data; name=\"a\xc2\x9b\"") + end, invalid,
       Message{p + "name.control", {{"part", 1}, {"codepoint", "009B"}}}, "name"},
      {"slash in a name", Named("form-data; name=\"../etc/passwd\"") + end, invalid,
       Message{p + "name.path", {{"part", 1}, {"name", "../etc/passwd"}}}, "name"},
      {"dot dot name", Named("form-data; name=\"..\"") + end, invalid,
       Message{p + "name.path", {{"part", 1}, {"name", ".."}}}, "name"},
      {"dot name", Named("form-data; name=.") + end, invalid,
       Message{p + "name.path", {{"part", 1}, {"name", "."}}}, "name"},
      {"name too long", Named("form-data; name=" + std::string(256, 'a')) + end, invalid,
       Message{p + "name.too_long", {{"part", 1}, {"max", 255}}}, "name"},
      {"Windows path as a file name",
       Named("form-data; name=a; filename=\"C:\\photos\\a.jpg\"") + end, invalid,
       Message{p + "filename.path", {{"part", 1}, {"filename", "C:\\photos\\a.jpg"}}}, "filename"},
      {"escaped backslash in a file name", Named("form-data; name=a; filename=\"a\\\\b\"") + end,
       invalid, Message{p + "filename.path", {{"part", 1}, {"filename", "a\\b"}}}, "filename"},
      {"slash through filename*", Named("form-data; name=a; filename*=UTF-8''..%2Fx") + end,
       invalid, Message{p + "filename.path", {{"part", 1}, {"filename", "../x"}}}, "filename"},
      {"NUL through filename*", Named("form-data; name=a; filename*=UTF-8''a%00b") + end, invalid,
       Message{p + "filename.control", {{"part", 1}, {"codepoint", "0000"}}}, "filename"},
      {"newline through filename*", Named("form-data; name=a; filename*=UTF-8''a%0Ab") + end,
       invalid, Message{p + "filename.control", {{"part", 1}, {"codepoint", "000A"}}}, "filename"},
      {"file name not UTF-8", Named("form-data; name=a; filename*=UTF-8''%FF") + end, invalid,
       Message{p + "filename.not_utf8", {{"part", 1}}}, "filename"},
      {"file name too long", Named("form-data; name=a; filename=" + std::string(256, 'a')) + end,
       invalid, Message{p + "filename.too_long", {{"part", 1}, {"max", 255}}}, "filename"},
      {"duplicate name", ok + Named("form-data; name=x.jpg") + Named("form-data; name=x.jpg") + end,
       invalid, Message{p + "duplicate_name", {{"name", "x.jpg"}}}, "name"},
      {"bad part content type",
       "--b\r\nContent-Disposition: form-data; name=a\r\nContent-Type: image\r\n\r\nx\r\n" + end,
       invalid, Message{p + "part_content_type", {{"name", "a"}}}, "a"},
      {"base64 part",
       "--b\r\nContent-Disposition: form-data; name=a.jpg\r\nContent-Transfer-Encoding: "
       "base64\r\n\r\neA==\r\n" +
           end,
       invalid, Message{p + "transfer_encoding", {{"name", "a.jpg"}}}, "a.jpg"},
      {"too many parts", ok + Named("form-data; name=a") + Named("form-data; name=b") + end,
       too_large, Message{p + "too_many_parts", {{"max", 2}}}, "body",
       MultipartLimits{.max_parts = 2}},
      {"part too large", ok + Named("form-data; name=photo.jpg", "12345") + end, too_large,
       Message{p + "part_too_large", {{"name", "photo.jpg"}, {"max", 4}}}, "photo.jpg",
       MultipartLimits{.max_part_bytes = 4}},
  };
  for (const Refusal& c : cases) {
    SCOPED_TRACE(c.label);
    const auto parts = ParseMultipart(c.body, "b", c.limits);
    ASSERT_FALSE(parts) << parts->size() << " parts";
    EXPECT_EQ(parts.error().code, c.code);
    EXPECT_EQ(parts.error().message, c.message);
    EXPECT_EQ(parts.error().field, c.field);
  }
}

}  // namespace
}  // namespace ensemble::http
