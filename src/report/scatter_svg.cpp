#include "report/scatter_svg.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "report/table.h"

namespace onnxbench {
namespace {

constexpr double kSize = 480, kMargin = 60;  // plot square and the room for axis labels

std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

// A 1-2-5 step giving about five ticks over `span`.
double tick_step(double span) {
  const double raw = span / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * power >= raw) return m * power;
  return 10.0 * power;
}

}  // namespace

std::string scatter_svg(std::span<const double> x, std::span<const double> y,
                        const ScatterLabels& labels) {
  double lo = 0, hi = 1;
  if (!x.empty()) {
    lo = std::min(*std::min_element(x.begin(), x.end()), *std::min_element(y.begin(), y.end()));
    hi = std::max(*std::max_element(x.begin(), x.end()), *std::max_element(y.begin(), y.end()));
  }
  const double pad = std::max((hi - lo) * 0.08, hi * 0.01 + 1e-9);
  lo = std::max(0.0, lo - pad);
  hi += pad;
  auto px = [&](double v) { return kMargin + (v - lo) / (hi - lo) * kSize; };
  auto py = [&](double v) { return kMargin + kSize - (v - lo) / (hi - lo) * kSize; };
  const double total = kSize + 2 * kMargin;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << total << "\" height=\"" << total
    << "\" viewBox=\"0 0 " << total << " " << total << "\" font-family=\"sans-serif\" "
    << "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    << "<text x=\"" << total / 2 << "\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">"
    << escaped(labels.title) << "</text>\n";
  const double step = tick_step(hi - lo);
  for (double t = std::ceil(lo / step) * step; t <= hi; t += step) {
    const int decimals = step < 1 ? static_cast<int>(std::ceil(-std::log10(step))) : 0;
    s << "<line x1=\"" << px(t) << "\" y1=\"" << kMargin << "\" x2=\"" << px(t) << "\" y2=\""
      << kMargin + kSize << "\" stroke=\"#eee\"/>\n"
      << "<line x1=\"" << kMargin << "\" y1=\"" << py(t) << "\" x2=\"" << kMargin + kSize
      << "\" y2=\"" << py(t) << "\" stroke=\"#eee\"/>\n"
      << "<text x=\"" << px(t) << "\" y=\"" << kMargin + kSize + 16 << "\" text-anchor=\"middle\">"
      << fixed(t, decimals) << "</text>\n"
      << "<text x=\"" << kMargin - 6 << "\" y=\"" << py(t) + 4 << "\" text-anchor=\"end\">"
      << fixed(t, decimals) << "</text>\n";
  }
  s << "<rect x=\"" << kMargin << "\" y=\"" << kMargin << "\" width=\"" << kSize << "\" height=\""
    << kSize << "\" fill=\"none\" stroke=\"#333\"/>\n";
  // y = x and the ±10% band, clipped to the plot by drawing from lo to hi along x.
  for (const auto& [factor, dash] : {std::pair{1.0, ""}, {1.1, "4 3"}, {0.9, "4 3"}}) {
    const double x_end = std::min(hi, hi / factor);
    s << "<line x1=\"" << px(lo) << "\" y1=\"" << py(lo * factor) << "\" x2=\"" << px(x_end)
      << "\" y2=\"" << py(x_end * factor) << "\" stroke=\"#888\""
      << (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : std::string()) << "/>\n";
  }
  for (std::size_t i = 0; i < x.size(); ++i)
    s << "<circle cx=\"" << px(x[i]) << "\" cy=\"" << py(y[i])
      << "\" r=\"3.5\" fill=\"#1f77b4\" fill-opacity=\"0.75\"/>\n";
  s << "<text x=\"" << kMargin + kSize / 2 << "\" y=\"" << total - 16
    << "\" text-anchor=\"middle\">" << escaped(labels.x_axis) << "</text>\n"
    << "<text transform=\"translate(16," << kMargin + kSize / 2
    << ") rotate(-90)\" text-anchor=\"middle\">" << escaped(labels.y_axis) << "</text>\n"
    << "<text x=\"" << kMargin + 8 << "\" y=\"" << kMargin + 16
    << "\" fill=\"#666\">dashed: ±10%</text>\n</svg>\n";
  return s.str();
}

}  // namespace onnxbench
