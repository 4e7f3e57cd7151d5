#include "eval/eval_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "core/npy.h"
#include "eval/ordered_queue.h"
#include "eval/postprocess.h"
#include "quant/engine_runs.h"

namespace onnxbench::eval {
namespace {

// One prepared batch: its input tensor (when an engine runs it) and, per sample, the index into
// the data set and the geometry. Its outputs by name: the engine's, batched, or each sample's
// own, read from files.
struct Batch {
  Tensor input;
  std::vector<std::size_t> samples;
  std::vector<Geometry> geometry;
  std::map<std::string, Tensor> batched;
  std::vector<std::map<std::string, Tensor>> outputs;
};

// The first error of any pipeline thread; the others stop.
class Failure {
 public:
  void set(std::exception_ptr e) {
    std::lock_guard lock(m_);
    if (!error_) error_ = e;
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex m_;
  std::exception_ptr error_;
};

Batch prepare(const Dataset& d, const InputPlan& in, const EvalOptions& o, std::size_t first,
              std::size_t count) {
  Shape shape{static_cast<std::int64_t>(count)};
  shape.insert(shape.end(), in.sample_shape.begin(), in.sample_shape.end());
  Tensor t(in.dtype, shape);
  const std::size_t bytes = t.byte_size() / count;
  Batch b;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = first + k;
    SampleContent c = load_sample(d, i, in.channels);
    if (d.tensors) {
      if (c.tensor.byte_size() != bytes)
        throw InputError(d.samples[i].name + ": the sample is " + shape_to_string(c.tensor.shape) +
                         " " + std::string(dtype_name(c.tensor.dtype)) + ", input '" + in.name +
                         "' takes " + shape_to_string(in.sample_shape) + " " +
                         std::string(dtype_name(in.dtype)));
      std::copy(c.tensor.data.begin(), c.tensor.data.end(),
                t.data.begin() + static_cast<std::ptrdiff_t>(k * bytes));
      b.geometry.push_back({});
    } else {
      b.geometry.push_back(preprocess_image(c.image, o.preprocess, in.channels, in.height, in.width,
                                            t.data.data() + k * bytes));
    }
    b.samples.push_back(i);
  }
  b.input = std::move(t);
  return b;
}

// A request to an engine that takes `split` carries several batches, each its own engine call of
// --batch samples, so that a small batch does not pay a round trip per call: up to 64 samples
// and 8 MiB of input per request.
std::size_t samples_per_request(const OutputSource& source, const InputPlan& in,
                                const EvalOptions& o) {
  const auto batch = static_cast<std::size_t>(o.batch);
  if (!source.engine || !source.engine->info().capabilities.split) return batch;
  constexpr std::size_t kMaxSamples = 64, kMaxBytes = 8u << 20;
  const std::size_t sample_bytes = std::max<std::size_t>(
      1, static_cast<std::size_t>(element_count(in.sample_shape)) * dtype_size(in.dtype));
  const std::size_t batches = std::min(kMaxSamples / batch, kMaxBytes / (batch * sample_bytes));
  return std::max<std::size_t>(batches, 1) * batch;
}

}  // namespace

InputPlan plan_input(const std::vector<InputSpec>& inputs, const Dataset& d, const EvalOptions& o) {
  if (inputs.size() != 1)
    throw InputError("eval feeds models with one input; this one has " +
                     std::to_string(inputs.size()));
  const InputSpec& spec = inputs[0];
  InputPlan p;
  p.name = spec.name;
  const auto dtype = dtype_from_name(spec.dtype);
  if (!dtype)
    throw InputError("input '" + spec.name + "' is " + spec.dtype + ", not a tensor eval can feed");
  p.dtype = *dtype;
  const std::string shape = model::dims_to_string(spec.dims);
  for (std::size_t a = 1; a < spec.dims.size(); ++a) {
    if (spec.dims[a].value < 0)
      throw InputError(
          "input '" + spec.name + "' " + shape +
          ": eval needs every dimension but the batch fixed (transform --pass set-dims)");
    p.sample_shape.push_back(spec.dims[a].value);
  }
  if (!spec.dims.empty() && spec.dims[0].value >= 0 && spec.dims[0].value != o.batch)
    throw InputError("input '" + spec.name + "' " + shape + " has batch " +
                     std::to_string(spec.dims[0].value) + ", --batch is " +
                     std::to_string(o.batch));
  if (d.tensors) {
    if (d.array.sample_shape != p.sample_shape || d.array.dtype != p.dtype)
      throw InputError(d.path + ": samples are " + shape_to_string(d.array.sample_shape) + " " +
                       std::string(dtype_name(d.array.dtype)) + ", input '" + spec.name +
                       "' takes " + shape + " " + spec.dtype);
    return p;
  }
  const PreprocessSpec& s = o.preprocess;
  if (p.sample_shape.size() != 3)
    throw InputError("input '" + spec.name + "' " + shape +
                     ": images feed [batch, C, H, W] or "
                     "[batch, H, W, C] inputs");
  p.channels = s.nhwc ? p.sample_shape[2] : p.sample_shape[0];
  p.height = s.nhwc ? p.sample_shape[0] : p.sample_shape[1];
  p.width = s.nhwc ? p.sample_shape[1] : p.sample_shape[2];
  if ((p.channels != 1 && p.channels != 3) || p.dtype != s.dtype)
    throw InputError("preprocessing " + s.name + " gives " + (s.nhwc ? "NHWC " : "NCHW ") +
                     std::string(dtype_name(s.dtype)) + " images, but input '" + spec.name +
                     "' is " + shape + " " + spec.dtype +
                     " (set \"layout\" and \"dtype\" in the spec)");
  return p;
}

void check_output_folders(const OutputSource& source, const Dataset& d) {
  if (source.from_dir.empty()) return;
  for (const auto& sample : d.samples)
    if (!std::filesystem::is_directory(sample_output_dir(source.from_dir, sample.index)))
      throw InputError("--from-outputs " + source.from_dir + ": no outputs folder " +
                       sample_output_dir(source.from_dir, sample.index) + " for sample " +
                       sample.name);
}

Predictions run_eval(const OutputSource& source, const InputPlan& in, const Dataset& d,
                     const EvalOptions& o, const EvalProgress& progress, EvalTiming* timing) {
  Predictions p;
  p.task = d.task;
  const std::size_t n = d.samples.size();
  const std::size_t batch = samples_per_request(source, in, o);
  const std::size_t batches = (n + batch - 1) / batch;
  const auto start = std::chrono::steady_clock::now();
  // Enough workers to keep up with a fast engine on a few cores; the queue bounds memory.
  const std::size_t workers =
      std::clamp<std::size_t>(std::thread::hardware_concurrency() / 2, 1, 4);
  OrderedQueue<Batch> prepared(batches, 2 * workers + 1);
  OrderedQueue<Batch> scored(batches, 4);
  Failure failure;
  const auto stop_all = [&](std::exception_ptr e) {
    failure.set(e);
    prepared.stop();
    scored.stop();
  };

  std::atomic<std::size_t> next_batch{0};
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      try {
        for (std::size_t k; (k = next_batch++) < batches;) {
          const std::size_t first = k * batch;
          Batch b = prepare(d, in, o, first, std::min(batch, n - first));
          if (!source.engine)
            for (std::size_t i : b.samples)
              b.outputs.push_back(
                  read_sample_outputs(source.from_dir, d.samples[i].index, source.raw_shapes));
          if (!prepared.push(k, std::move(b))) return;
        }
      } catch (...) {
        stop_all(std::current_exception());
      }
    });
  threads.emplace_back([&] {
    try {
      while (auto b = scored.pop()) {
        const std::size_t count = b->samples.size();
        for (std::size_t k = 0; k < count && source.engine; ++k) {
          std::map<std::string, Tensor> one;
          for (const auto& [name, whole] : b->batched)
            one.emplace(name, slice(whole, k, count, name));
          b->outputs.push_back(std::move(one));
        }
        for (std::size_t k = 0; k < count; ++k) {
          const std::size_t i = b->samples[k];
          if (!source.dump_dir.empty())
            write_sample_outputs(source.dump_dir, d.samples[i].index, b->outputs[k]);
          if (b->outputs[k].empty()) throw InputError("the model gave no float output to score");
          const auto& [name, t] = *b->outputs[k].begin();
          require_float(t, name);
          if (d.task == Task::kClassification)
            classify(p, d, i, name, t, o);
          else if (d.task == Task::kDetection)
            detect(p, d, i, name, t, b->geometry[k], in, o);
          else
            segment(p, d, i, name, t, b->geometry[k], in, o);
        }
        if (progress) progress(b->samples.back() + 1, n);
      }
    } catch (...) {
      stop_all(std::current_exception());
    }
  });

  double engine_s = 0;
  // One input file, rewritten in place for every request: the runner keeps it mapped.
  const std::string input_file = source.engine ? source.engine->work_dir() + "/eval_in.npy" : "";
  const std::optional<std::int64_t> split = batch > static_cast<std::size_t>(o.batch)
                                                ? std::optional<std::int64_t>(o.batch)
                                                : std::nullopt;
  try {
    for (std::size_t k = 0; k < batches; ++k) {
      auto b = prepared.pop();
      if (!b) break;
      if (source.engine) {
        const auto t0 = std::chrono::steady_clock::now();
        write_npy(input_file, b->input);
        b->batched = quant::float_outputs(*source.engine, {{in.name, input_file}}, split);
        engine_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      }
      if (!scored.push(k, std::move(*b))) break;
    }
  } catch (...) {
    stop_all(std::current_exception());
  }
  for (auto& t : threads) t.join();
  failure.rethrow();
  if (timing) {
    timing->wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    timing->engine_s = engine_s;
    timing->samples = n;
  }
  return p;
}

}  // namespace onnxbench::eval
