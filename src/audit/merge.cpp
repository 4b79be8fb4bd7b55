#include "audit/merge.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include <boost/json.hpp>

namespace escalint {

void merge_summary(Summary& into, const Summary& o) {
  if (into.group_field != o.group_field) {
    throw std::runtime_error("the summaries were grouped by different fields ('" +
                             into.group_field + "' and '" + o.group_field + "')");
  }
  if (into.fail_level != o.fail_level) {
    throw std::runtime_error("the summaries used different fail levels ('" + into.fail_level +
                             "' and '" + o.fail_level + "')");
  }
  into.complete = into.complete && o.complete;
  into.stops.insert(into.stops.end(), o.stops.begin(), o.stops.end());
  into.shards += o.shards;
  for (const RuleInfo& r : o.rules) {
    bool known = false;
    for (const RuleInfo& mine : into.rules) known = known || mine.id == r.id;
    if (!known) into.rules.push_back(r);
  }
  into.records_read += o.records_read;
  into.drafts += o.drafts;
  into.errors += o.errors;
  into.undated += o.undated;
  into.all.merge(o.all);
  for (const auto& [k, b] : o.by_language) into.by_language[k].merge(b);
  for (const auto& [k, b] : o.by_month) into.by_month[k].merge(b);
  for (const auto& [k, b] : o.by_group) into.by_group[k].merge(b);
  for (std::size_t i = 0; i < into.score_histogram.size(); ++i)
    into.score_histogram[i] += o.score_histogram[i];
  into.lowest.insert(into.lowest.end(), o.lowest.begin(), o.lowest.end());
  into.error_samples.insert(into.error_samples.end(), o.error_samples.begin(),
                            o.error_samples.end());
  into.finish();
}

Summary merge_summary_files(const std::vector<std::string>& paths) {
  if (paths.empty()) throw std::runtime_error("no summaries to merge");
  Summary merged;
  bool first = true;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      boost::system::error_code ec;
      const boost::json::value v = boost::json::parse(text, ec);
      if (ec) throw std::runtime_error("not JSON: " + ec.message());
      Summary s = summary_from_json(v);
      if (first) {
        merged = std::move(s);
        first = false;
      } else {
        merge_summary(merged, s);
      }
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ": " + e.what());
    }
  }
  return merged;
}

}  // namespace escalint
