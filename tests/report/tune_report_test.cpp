// The tuner's console table: labelled columns, and a tie called where the top two are within
// their measured spread.
#include "report/tune_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace onnxbench {
namespace {

std::string printed(double second_throughput, double spread) {
  tune::SearchSpec spec;
  tune::SearchResult result;
  result.trials.resize(2);
  result.trials[0].outcome.throughput = 100;
  result.trials[1].outcome.throughput = second_throughput;
  for (int i = 0; i < 2; ++i) {
    tune::Candidate c;
    c.config = {{"instances", i + 1}};
    c.measurements = {&result.trials[i]};
    c.throughput = result.trials[i].outcome.throughput;
    c.spread = spread;
    result.ranking.push_back(c);
  }
  std::ostringstream out;
  print_tune_results(out, spec, result, 10);
  return out.str();
}

TEST(TuneReport, TheRankedPercentileColumnIsLabelledApart) {
  const std::string text = printed(50, 0.01);
  EXPECT_NE(text.find("ranked p50 ms"), std::string::npos) << text;
  EXPECT_EQ(text.find("TIE"), std::string::npos) << text;
}

TEST(TuneReport, WinnersWithinTheirSpreadAreATie) {
  const std::string text = printed(97, 0.05);  // 3% apart, 5% spread
  EXPECT_NE(text.find("TIE  ranks 1 and 2 differ by 3.0%, within their measured spread of 5.0%"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace onnxbench
