#include "report/html_report.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/file_io.h"
#include "core/utc_time.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

const char* const kHeadMark = "<!--onnxbench:head-->";

// Nothing may leave the page: scripts and styles only inline or from data: URLs.
const char* const kReportCsp =
    "default-src 'none'; script-src 'unsafe-inline' data:; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'";

std::string base64(const std::string& bytes) {
  static const char* const digits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int s : {18, 12, 6, 0}) out += digits[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Text inlined in a <script> or <style> element must not close it early.
std::string inline_text(const std::string& path) {
  std::string text = read_file(path);
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower.find("</script") != std::string::npos || lower.find("</style") != std::string::npos)
    throw Error(path + ": cannot be inlined: it contains a closing </script> or </style> tag");
  return text;
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// JSON inside <script type="application/json">: every '<' (only ever inside strings) escaped, so
// no record can close the element.
std::string script_json(const nlohmann::json& j) {
  const std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// The modules of web/src, named "onnxbench-web/FILE.js" as the page imports them.
std::vector<fs::path> modules(const fs::path& web) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(web / "src"))
    if (e.path().extension() == ".js") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

const char* const kDashboardCsp =
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'";

std::string web_dir() { return (fs::path(ONNXBENCH_SOURCE_DIR) / "web").string(); }

namespace {

std::string with_head(const fs::path& web, const std::string& head) {
  const std::string page = read_file((web / "index.html").string());
  const std::size_t mark = page.find(kHeadMark);
  if (mark == std::string::npos)
    throw Error((web / "index.html").string() + ": no " + kHeadMark + " where the head goes");
  return page.substr(0, mark) + head + page.substr(mark + std::string(kHeadMark).size());
}

}  // namespace

std::string dashboard_html(const std::string& web_folder) {
  const fs::path web(web_folder);
  nlohmann::json imports = nlohmann::json::object();
  for (const auto& m : modules(web))
    imports["onnxbench-web/" + m.filename().string()] = "/assets/" + m.filename().string();
  std::string head;
  head += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kDashboardCsp) +
          "\">\n<title>onnxbench fleet</title>\n";
  head += "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n";
  head += "<script src=\"/assets/echarts.min.js\"></script>\n";
  head += "<script type=\"importmap\">" + script_json({{"imports", imports}}) + "</script>\n";
  head += "<script type=\"application/json\" id=\"onnxbench-data\">" +
          script_json({{"mode", "dashboard"}, {"records", nlohmann::json::array()}}) +
          "</script>\n";
  return with_head(web, head);
}

std::string report_html(const nlohmann::json& records, const std::string& title,
                        const std::string& web_folder) {
  const fs::path web(web_folder);
  const fs::path echarts = web / "node_modules/echarts/dist/echarts.min.js";
  if (!fs::exists(echarts))
    throw Error(echarts.string() + ": missing; scripts/setup.sh installs it (npm ci in web/)");
  nlohmann::json imports = nlohmann::json::object();
  for (const auto& m : modules(web))
    imports["onnxbench-web/" + m.filename().string()] =
        "data:text/javascript;base64," + base64(read_file(m.string()));
  const nlohmann::json data = {{"title", title},
                               {"generated_utc", utc_now_iso8601()},
                               {"mode", "report"},
                               {"records", records}};
  std::string head;
  head +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(kReportCsp) + "\">\n";
  head += "<title>" + escape_html(title) + "</title>\n";
  head += "<style>\n" + inline_text((web / "src/style.css").string()) + "</style>\n";
  head += "<script>\n" + inline_text(echarts.string()) + "\n</script>\n";
  head += "<script type=\"importmap\">" + script_json({{"imports", imports}}) + "</script>\n";
  head += "<script type=\"application/json\" id=\"onnxbench-data\">" + script_json(data) +
          "</script>\n";
  return with_head(web, head);
}

}  // namespace onnxbench
