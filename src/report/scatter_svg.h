// A scatter plot of predicted against measured values as a small self-contained SVG: the points,
// the y = x line and the ±10% band around it, axes with round-number ticks.
#pragma once

#include <span>
#include <string>

namespace onnxbench {

struct ScatterLabels {
  std::string title, x_axis, y_axis;
};

// x[i], y[i] pairs of the same length; both axes share one range so y = x is the diagonal.
std::string scatter_svg(std::span<const double> x, std::span<const double> y,
                        const ScatterLabels& labels);

}  // namespace onnxbench
