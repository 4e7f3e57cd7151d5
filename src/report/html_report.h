// The HTML report: the front end in web/ (index.html, the ES modules of web/src, its style and
// Apache ECharts from web/node_modules) made one self-contained file: every script and style
// inlined (the modules as data: URLs in an import map, since a module inlined in a page cannot
// import another), the records as JSON in the page, and a Content-Security-Policy that lets no
// request leave it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace onnxbench {

// The web/ folder of the source tree (the front end and its node_modules).
std::string web_dir();

std::string report_html(const nlohmann::json& records, const std::string& title,
                        const std::string& web_folder = web_dir());

// The same page for `serve`: its scripts and style from the server's /assets/, its data from the
// server's API (the page's own origin only).
std::string dashboard_html(const std::string& web_folder = web_dir());

}  // namespace onnxbench
