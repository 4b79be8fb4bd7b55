// Merging summaries of shards: counts add, the bounded lists keep the first K of the
// union under their total order, so merging the summaries of any split of the input
// equals the single run's summary count for count (only `shards` differs).
#pragma once

#include <string>
#include <vector>

#include "audit/summary.h"

namespace escalint {

// Adds `other` into `into`. Throws std::runtime_error when the two cannot be merged
// (different --group-field or fail level).
void merge_summary(Summary& into, const Summary& other);

// Reads each file (summary.json) and merges them in order. Throws std::runtime_error
// naming the file and what is wrong.
Summary merge_summary_files(const std::vector<std::string>& paths);

}  // namespace escalint
