#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/json_fields.h"
#include "eval/coco.h"

namespace onnxbench::eval {
namespace {

using nlohmann::json;

Box read_box(const JsonFields& f) {
  const json& b = f.value("bbox");
  if (!b.is_array() || b.size() != 4)
    f.fail("bbox", "expected [x, y, width, height], got " + b.dump());
  for (const auto& v : b)
    if (!v.is_number()) f.fail("bbox", "expected four numbers, got " + b.dump());
  return {b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>()};
}

std::int64_t read_id(const JsonFields& f, const std::string& field) {
  return f.integer(field, std::numeric_limits<std::int64_t>::min());
}

const json& list(const json& doc, const std::string& path, const std::string& field) {
  if (!doc.is_object() || !doc.contains(field) || !doc[field].is_array())
    throw InputError(path + ": " + field + ": expected an array (a COCO instances file)");
  return doc[field];
}

}  // namespace

CocoGroundTruth read_coco_ground_truth(const std::string& path) {
  const json doc = read_json_file(path);
  CocoGroundTruth gt;
  const json& images = list(doc, path, "images");
  for (std::size_t i = 0; i < images.size(); ++i) {
    const JsonFields f(images[i], path, "images[" + std::to_string(i) + "]");
    CocoImage image{read_id(f, "id"), "", 0, 0};
    if (f.has("file_name")) image.file_name = f.value("file_name").get<std::string>();
    image.width = f.integer("width", 0, std::numeric_limits<std::int64_t>::max(), 0);
    image.height = f.integer("height", 0, std::numeric_limits<std::int64_t>::max(), 0);
    if (!gt.image_index.emplace(image.id, gt.images.size()).second)
      f.fail("id", "image id " + std::to_string(image.id) + " appears twice");
    gt.images.push_back(std::move(image));
  }
  const json& categories = list(doc, path, "categories");
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const JsonFields f(categories[i], path, "categories[" + std::to_string(i) + "]");
    gt.categories[read_id(f, "id")] =
        f.has("name") && f.value("name").is_string() ? f.value("name").get<std::string>() : "";
  }
  const json& annotations = list(doc, path, "annotations");
  gt.annotations.reserve(annotations.size());
  for (std::size_t i = 0; i < annotations.size(); ++i) {
    const JsonFields f(annotations[i], path, "annotations[" + std::to_string(i) + "]");
    CocoAnnotation a;
    a.id = read_id(f, "id");
    a.image_id = read_id(f, "image_id");
    a.category_id = read_id(f, "category_id");
    a.box = read_box(f);
    a.area = f.number("area", 0, std::numeric_limits<double>::max());
    a.iscrowd = f.integer("iscrowd", 0, 1, 0) == 1;
    if (!gt.image_index.count(a.image_id))
      f.fail("image_id", "image " + std::to_string(a.image_id) + " is not in images");
    if (!gt.categories.count(a.category_id))
      f.fail("category_id", "category " + std::to_string(a.category_id) + " is not in categories");
    gt.annotations.push_back(a);
  }
  return gt;
}

std::vector<CocoDetection> read_coco_results(const std::string& path, const CocoGroundTruth& gt) {
  const json doc = read_json_file(path);
  if (!doc.is_array())
    throw InputError(path +
                     ": expected a COCO results array [{image_id, category_id, bbox, "
                     "score}, ...]");
  std::vector<CocoDetection> out;
  out.reserve(doc.size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const JsonFields f(doc[i], path, "[" + std::to_string(i) + "]");
    CocoDetection d;
    d.image_id = read_id(f, "image_id");
    d.category_id = read_id(f, "category_id");
    d.box = read_box(f);
    d.score =
        f.number("score", -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
    if (!gt.image_index.count(d.image_id))
      f.fail("image_id", "image " + std::to_string(d.image_id) + " is not in the ground truth");
    out.push_back(d);
  }
  return out;
}

void write_coco_results(const std::string& path, const std::vector<CocoDetection>& detections) {
  json out = json::array();
  for (const auto& d : detections)
    out.push_back({{"image_id", d.image_id},
                   {"category_id", d.category_id},
                   {"bbox", {d.box.x, d.box.y, d.box.w, d.box.h}},
                   {"score", d.score}});
  std::ofstream file(path);
  if (!file) throw InputError(path + ": cannot write the predictions file");
  file << out.dump() << "\n";
}

}  // namespace onnxbench::eval
