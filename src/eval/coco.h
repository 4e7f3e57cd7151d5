// COCO detection data: the instances ground truth and the results list, as pycocotools reads
// them (bbox only). Boxes are [x, y, width, height] in image pixels.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onnxbench::eval {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

struct CocoImage {
  std::int64_t id = 0;
  std::string file_name;
  std::int64_t width = 0, height = 0;
};

struct CocoAnnotation {
  std::int64_t id = 0, image_id = 0, category_id = 0;
  Box box;
  double area = 0;  // the file's "area" field, which the area ranges test (not w * h)
  bool iscrowd = false;
};

struct CocoDetection {
  std::int64_t image_id = 0, category_id = 0;
  Box box;
  double score = 0;
};

struct CocoGroundTruth {
  std::vector<CocoImage> images;
  std::map<std::int64_t, std::string> categories;  // id -> name
  std::vector<CocoAnnotation> annotations;
  std::map<std::int64_t, std::size_t> image_index;  // image id -> index into images
};

// Throws InputError naming the file and the field ("annotations[3].bbox: ...") when a required
// field is missing or malformed, or an annotation names an unknown image or category.
CocoGroundTruth read_coco_ground_truth(const std::string& path);

// A results file: [{"image_id", "category_id", "bbox", "score"}, ...]. Throws InputError for a
// missing field or an image id the ground truth does not have (pycocotools refuses those too).
std::vector<CocoDetection> read_coco_results(const std::string& path, const CocoGroundTruth& gt);
void write_coco_results(const std::string& path, const std::vector<CocoDetection>& detections);

}  // namespace onnxbench::eval
