#include "eval/dataset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <set>

#include "core/error.h"
#include "core/random.h"
#include "data/image_samples.h"

namespace onnxbench::eval {
namespace fs = std::filesystem;

std::size_t ArrayFile::sample_bytes() const {
  return static_cast<std::size_t>(element_count(sample_shape)) * dtype_size(dtype);
}

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool has_subfolders(const std::string& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) return true;
  return false;
}

bool has_masks(const std::string& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (ends_with(e.path().filename().string(), "_seg.png")) return true;
  return false;
}

}  // namespace

// COCO's own layout keeps the images in images/ beside the annotations; others keep them in the
// JSON's folder itself.
std::string coco_images_folder(const std::string& json) {
  const fs::path dir = fs::path(json).parent_path();
  return fs::is_directory(dir / "images") ? (dir / "images").string() : dir.string();
}

Dataset open_dataset(const DataOptions& o) {
  const std::string& p = o.path;
  if (!fs::exists(p)) throw InputError("--data " + p + ": no such file or folder");
  if (fs::is_directory(p)) {
    if (has_subfolders(p)) return open_class_folders(p);
    if (has_masks(p)) return open_segmentation(p);
    throw InputError("--data " + p +
                     ": a folder holds class folders (classification) or N.png + N_seg.png pairs "
                     "(segmentation); this one holds neither");
  }
  if (ends_with(p, ".json"))
    return open_coco(p, o.images.empty() ? coco_images_folder(p) : o.images);
  if (ends_with(p, ".txt") || ends_with(p, ".csv")) return open_label_list(p);
  if (ends_with(p, ".npy")) {
    if (o.labels.empty())
      throw InputError("--data " + p + ": .npy inputs need --labels LABELS.npy");
    return open_npy(p, o.labels);
  }
  if (p.find("idx3-ubyte") != std::string::npos) {
    std::string labels = o.labels;
    if (labels.empty()) {
      labels = p;
      const auto at = labels.find("images-idx3");
      if (at == std::string::npos)
        throw InputError("--data " + p + ": give the IDX labels file with --labels");
      labels.replace(at, 11, "labels-idx1");
    }
    return open_idx(p, labels);
  }
  throw InputError("--data " + p +
                   ": expected a folder, a label list (.txt, .csv), COCO instances (.json), "
                   ".npy inputs or IDX images (*-images-idx3-ubyte)");
}

Dataset subset(Dataset d, std::size_t n, std::uint64_t seed) {
  if (n >= d.samples.size()) return d;
  // A partial Fisher-Yates shuffle picks n indices; kept in the data set's order.
  std::vector<std::size_t> order(d.samples.size());
  std::iota(order.begin(), order.end(), 0);
  SplitMix64 rng{seed};
  for (std::size_t i = 0; i < n; ++i)
    std::swap(order[i], order[i + static_cast<std::size_t>(rng.next() % (order.size() - i))]);
  order.resize(n);
  std::sort(order.begin(), order.end());
  std::vector<Sample> chosen;
  for (std::size_t i : order) chosen.push_back(d.samples[i]);
  d.samples = std::move(chosen);
  if (d.coco) {
    std::set<std::int64_t> ids;
    for (const auto& s : d.samples) ids.insert(s.image_id);
    auto gt = std::make_shared<CocoGroundTruth>();
    gt->categories = d.coco->categories;
    for (const auto& im : d.coco->images)
      if (ids.count(im.id)) {
        gt->image_index[im.id] = gt->images.size();
        gt->images.push_back(im);
      }
    for (const auto& a : d.coco->annotations)
      if (ids.count(a.image_id)) gt->annotations.push_back(a);
    d.coco = std::move(gt);
  }
  return d;
}

SampleContent load_sample(const Dataset& d, std::size_t i, std::int64_t channels) {
  const Sample& s = d.samples.at(i);
  if (d.kind != "idx" && d.kind != "npy") return {quant::decode_image(s.name, channels), {}};
  const ArrayFile& a = d.array;
  const std::size_t bytes = a.sample_bytes();
  std::string buf(bytes, '\0');
  const std::uint64_t at = a.offset + static_cast<std::uint64_t>(s.index) * bytes;
  if (a.memory) {
    buf.assign(*a.memory, static_cast<std::size_t>(at), bytes);
  } else {
    std::ifstream in(a.path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(at));
    if (!in.read(buf.data(), static_cast<std::streamsize>(bytes)))
      throw InputError(s.name + ": cannot read the sample's " + std::to_string(bytes) + " bytes");
  }
  if (d.tensors) {
    Shape shape{1};
    shape.insert(shape.end(), a.sample_shape.begin(), a.sample_shape.end());
    Tensor t(a.dtype, shape);
    std::copy(buf.begin(), buf.end(), t.data.begin());
    return {{}, std::move(t)};
  }
  cv::Mat gray(static_cast<int>(a.sample_shape[0]), static_cast<int>(a.sample_shape[1]), CV_8UC1,
               buf.data());
  cv::Mat image = gray.clone();
  if (channels == 3) cv::cvtColor(image, image, cv::COLOR_GRAY2BGR);
  return {image, {}};
}

cv::Mat load_mask(const Dataset& d, std::size_t i) {
  const Sample& s = d.samples.at(i);
  const cv::Mat m = quant::decode_image(s.mask, 0);
  if (m.type() != CV_8UC1)
    throw InputError(s.mask + ": expected a one-channel 8-bit mask of class indices");
  return m;
}

}  // namespace onnxbench::eval
