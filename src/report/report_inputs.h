// The files `onnxbench report` reads, gathered into the one list of records the page draws. Each
// record keeps its fields as the writing command wrote them, with "kind" and "source" (the file)
// set. Accepted:
//   *.json   a record (or an array of records) of kind bench, profile, compare, sensitivity
//            (quantize --analyze-json) or accuracy; a compare record without "kind" is recognised
//            by its "tensors"
//   *.jsonl  a tuner trials file (tune --trials): kind "tune", its lines under "trials"
//   *.csv    a tuner LUT (tune --lut): kind "lut", its rows under "rows"
// The accuracy record (written by eval) is read as:
//   {"kind":"accuracy","model":{"path":P,"sha256":H},"engine":{"name":E}?,"precision":S?,
//    "metric":"top1"|"mAP"|...,"value":NUMBER,"dataset":D?}
// Bad input throws InputError naming the file (and line) and the field.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace onnxbench {

nlohmann::json read_report_inputs(const std::vector<std::string>& paths);

// Whether a view draws records of this kind (tune trials and LUTs come as files, see above).
bool report_draws(const std::string& kind);

// Checks one record as read_report_inputs checks a file's (`where` names it in errors), tags it
// with `source` and appends it to `out`: for records that come from elsewhere (the store).
void add_report_record(nlohmann::json record, const std::string& where, const std::string& source,
                       nlohmann::json& out);

}  // namespace onnxbench
