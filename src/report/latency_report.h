// Latency estimator results on the console, as JSON and as CSV: the fit, its cross-validation,
// a prediction's per-module breakdown, and validation against measurements.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "latency/estimator.h"
#include "latency/fit.h"

namespace onnxbench {

// One architecture measured and predicted.
struct LatencyPoint {
  std::string name;                    // "arch 3" or the file
  double sum_us = 0;                   // table sum
  double predicted_us = 0;             // scale * sum + bias (the fitted line for fit points)
  double measured_us = 0;              // median over all rounds
  double first_us = 0, second_us = 0;  // medians of the first and second half of the rounds
};

nlohmann::json agreement_json(const latency::Agreement& a);
// "label  n  ±5%  ±10%  RMSE ms  MAPE  Kendall τ  Spearman ρ" rows.
void print_agreements(std::ostream& out,
                      const std::vector<std::pair<std::string, latency::Agreement>>& rows);
void print_prediction(std::ostream& out, const std::string& source, const latency::Prediction& p,
                      const latency::Estimator& e);
nlohmann::json prediction_json(const std::string& source, const latency::Prediction& p);
// name,sum_us,predicted_us,measured_us,first_us,second_us
void write_points_csv(const std::string& path, const std::vector<LatencyPoint>& points);
nlohmann::json points_json(const std::vector<LatencyPoint>& points);

}  // namespace onnxbench
