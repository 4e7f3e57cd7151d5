// The bare loop onnxbench's overhead is measured against: one OpenCV DNN net set up as the
// runner sets it up (backend OpenCV, target CPU, fusion on, cv::setNumThreads), the same input,
// and nothing but setInput + forward between two clock reads. Writes one latency in ms per line.
// usage: bare_loop_opencv MODEL INPUT.npy THREADS SECONDS WARMUP OUT.txt
#include <chrono>
#include <fstream>
#include <iostream>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>
#include <vector>

#include "core/npy.h"

int main(int argc, char** argv) {
  if (argc != 7) {
    std::cerr << "usage: bare_loop_opencv MODEL INPUT.npy THREADS SECONDS WARMUP OUT.txt\n";
    return 2;
  }
  try {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    const int threads = std::stoi(argv[3]);
    cv::setNumThreads(threads == 0 ? -1 : threads);
    cv::dnn::Net net = cv::dnn::readNetFromONNX(argv[1]);
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    net.enableFusion(true);
    onnxbench::Tensor input = onnxbench::read_npy(argv[2]);
    const std::vector<int> dims(input.shape.begin(), input.shape.end());
    const cv::Mat blob(static_cast<int>(dims.size()), dims.data(), CV_32F, input.data.data());
    for (int i = 0; i < std::stoi(argv[5]); ++i) {
      net.setInput(blob);
      net.forward();
    }
    std::vector<double> samples;
    samples.reserve(1 << 20);
    using clock = std::chrono::steady_clock;
    const auto end = clock::now() + std::chrono::duration<double>(std::stod(argv[4]));
    for (;;) {
      const auto t0 = clock::now();
      net.setInput(blob);
      net.forward();
      const auto t1 = clock::now();
      samples.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      if (t1 >= end || samples.size() == samples.capacity()) break;
    }
    std::ofstream out(argv[6]);
    for (double v : samples) out << v << "\n";
  } catch (const std::exception& e) {
    std::cerr << "bare loop: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
