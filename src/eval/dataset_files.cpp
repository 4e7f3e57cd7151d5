// Data sets of image files: class folders, label lists, image + mask pairs, COCO instances.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "core/csv.h"
#include "core/error.h"
#include "data/image_samples.h"
#include "eval/dataset.h"

namespace onnxbench::eval {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> sorted_images(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && quant::is_image_file(e.path().string()))
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::int64_t> parse_label(const std::string& text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  if (r.ec != std::errc() || r.ptr != end || v < 0) return std::nullopt;
  return v;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

Dataset open_class_folders(const std::string& path) {
  Dataset d;
  d.kind = "class folders";
  d.path = path;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(path))
    if (e.is_directory()) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  for (std::size_t c = 0; c < folders.size(); ++c) {
    d.class_names.push_back(folders[c].filename().string());
    for (auto& f : sorted_images(folders[c]))
      d.samples.push_back({std::move(f), static_cast<std::int64_t>(c), 0, "", d.samples.size()});
  }
  if (d.samples.empty()) throw InputError("--data " + path + ": no images in its class folders");
  d.label_max = static_cast<std::int64_t>(folders.size()) - 1;
  return d;
}

Dataset open_label_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open the label list");
  Dataset d;
  d.kind = "label list";
  d.path = path;
  const fs::path base = fs::path(path).parent_path();
  const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty()) continue;
    std::string file, label;
    if (csv) {
      const auto fields = csv_split(line);
      if (!fields || fields->size() != 2)
        throw InputError(path + ":" + std::to_string(number) + ": expected file,label");
      file = trim((*fields)[0]);
      label = trim((*fields)[1]);
    } else {
      const auto space = line.find_last_of(" \t");
      if (space == std::string::npos)
        throw InputError(path + ":" + std::to_string(number) + ": expected 'file label'");
      file = trim(line.substr(0, space));
      label = trim(line.substr(space + 1));
    }
    const auto value = parse_label(label);
    if (!value) {
      if (number == 1 && csv) continue;  // a header line
      throw InputError(path + ":" + std::to_string(number) + ": label '" + label +
                       "' is not a class index (an integer >= 0)");
    }
    const std::string full = fs::path(file).is_absolute() ? file : (base / file).string();
    if (!fs::is_regular_file(full))
      throw InputError(path + ":" + std::to_string(number) + ": image " + full + " does not exist");
    d.samples.push_back({full, *value, 0, "", d.samples.size()});
    d.label_max = std::max(d.label_max, *value);
  }
  if (d.samples.empty()) throw InputError(path + ": the label list names no samples");
  return d;
}

Dataset open_segmentation(const std::string& path) {
  Dataset d;
  d.task = Task::kSegmentation;
  d.kind = "segmentation";
  d.path = path;
  for (const auto& f : sorted_images(path)) {
    const fs::path p(f);
    if (p.stem().string().size() > 4 && p.stem().string().ends_with("_seg")) continue;
    const fs::path mask = p.parent_path() / (p.stem().string() + "_seg.png");
    if (!fs::is_regular_file(mask))
      throw InputError("--data " + path + ": image " + f + " has no mask " + mask.string());
    d.samples.push_back({f, -1, 0, mask.string(), d.samples.size()});
  }
  if (d.samples.empty()) throw InputError("--data " + path + ": no image + mask pairs");
  return d;
}

Dataset open_coco(const std::string& json, const std::string& images) {
  Dataset d;
  d.task = Task::kDetection;
  d.kind = "coco";
  d.path = json;
  auto gt = std::make_shared<CocoGroundTruth>(read_coco_ground_truth(json));
  std::vector<const CocoImage*> sorted;
  for (const auto& im : gt->images) sorted.push_back(&im);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
  for (const auto* im : sorted) {
    if (im->file_name.empty())
      throw InputError(json + ": images[" + std::to_string(gt->image_index.at(im->id)) +
                       "].file_name: missing (the image file in " + images + ")");
    const std::string file = (fs::path(images) / im->file_name).string();
    if (!fs::is_regular_file(file))
      throw InputError(json + ": image " + std::to_string(im->id) + ": " + file +
                       " does not exist (images are looked up in --images, default images/ "
                       "beside the JSON, else the JSON's folder)");
    d.samples.push_back({file, -1, im->id, "", d.samples.size()});
  }
  d.coco = std::move(gt);
  return d;
}

}  // namespace onnxbench::eval
